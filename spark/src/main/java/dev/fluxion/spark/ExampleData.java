package dev.fluxion.spark;

import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.LabelEncoding;
import dev.fluxion.runtime.data.OneHot;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.train.InputLayout;
import dev.fluxion.runtime.train.TrainingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * A distributed data set of examples for a model's batched inputs (those whose first dimension
 * is the batch {@code B}): an RDD of {@link Example}s, each numbered by its position in the order
 * given, persisted in memory, with its size counted once.
 *
 * <p>The numbering makes the minibatches the same as on one machine: epoch e visits the examples
 * in the permutation {@code Rng.derive(seed, e)} draws (the runtime's {@code Minibatches}), and
 * every partition picks its share of step s by the examples' positions in it.
 */
public final class ExampleData {

    private final JavaRDD<Example> examples;
    private final long size;
    private final String[] inputNames;
    private final int[] widths;

    private ExampleData(JavaRDD<Example> examples, long size, String[] inputNames, int[] widths) {
        this.examples = examples;
        this.size = size;
        this.inputNames = inputNames;
        this.widths = widths;
    }

    /**
     * Examples given as one block of values per input, numbered in the RDD's order (which must be
     * deterministic: it is recomputed if a partition is lost).
     *
     * @param rows one {@code double[][]} per example, its blocks in the order of {@code inputNames}
     * @param inputNames the model inputs the blocks go to
     * @return the data, persisted
     * @throws IllegalArgumentException if there are no examples, or the first one has another number of blocks
     */
    public static ExampleData of(JavaRDD<double[][]> rows, String... inputNames) {
        JavaRDD<Example> indexed = rows.zipWithIndex().map(t -> new Example(t._2(), t._1()));
        return persist(indexed, inputNames);
    }

    /**
     * Examples from the columns of a DataFrame, one column per model input, named like the input:
     * a numeric column gives one value, an array column or an ML {@link Vector} column its values.
     * Numbered in the DataFrame's order.
     *
     * @param frame the rows
     * @param columns the columns, each named after a batched model input
     * @return the data, persisted
     */
    public static ExampleData fromRows(org.apache.spark.sql.Dataset<Row> frame, String... columns) {
        int n = columns.length;
        JavaRDD<double[][]> rows = frame.select(columns[0], Arrays.copyOfRange(columns, 1, n)).javaRDD().map(row -> {
            double[][] blocks = new double[n][];
            for (int j = 0; j < n; j++) {
                blocks[j] = values(row.get(j), columns[j]);
            }
            return blocks;
        });
        return of(rows, columns);
    }

    /**
     * A runtime {@link Dataset} distributed over {@code partitions} slices, features and labels
     * laid out for the model as the single-machine {@code Trainer} lays them out
     * ({@link InputLayout}: class indices or one-hot rows), numbered in the data set's order.
     *
     * @param sc the Spark context
     * @param data the examples
     * @param model the model (its inputs)
     * @param config names the inputs, or leaves them to be chosen as the {@code Trainer} chooses
     * @param partitions how many partitions
     * @return the data, persisted
     */
    public static ExampleData fromDataset(JavaSparkContext sc, Dataset data, Model model, TrainingConfig config,
                                          int partitions) {
        InputLayout layout = InputLayout.resolve(model, data, config);
        int d = data.featureSize();
        int classes = data.classCount();
        List<double[][]> rows = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = data.feature(i, j);
            }
            double[] y = layout.encoding() == LabelEncoding.INDEX ? new double[] {data.label(i)}
                    : OneHot.encode(new int[] {data.label(i)}, classes);
            rows.add(new double[][] {x, y});
        }
        String[] names = {model.inputNames()[layout.features()], model.inputNames()[layout.labels()]};
        return of(sc.parallelize(rows, partitions), names);
    }

    private static ExampleData persist(JavaRDD<Example> indexed, String[] inputNames) {
        indexed.persist(StorageLevel.MEMORY_ONLY());
        long n = indexed.count();
        if (n == 0) {
            throw new IllegalArgumentException("no examples");
        }
        double[][] first = indexed.first().values();
        if (first.length != inputNames.length) {
            throw new IllegalArgumentException("examples have " + first.length + " blocks, for "
                    + inputNames.length + " inputs " + Arrays.toString(inputNames));
        }
        int[] widths = new int[first.length];
        for (int j = 0; j < widths.length; j++) {
            widths[j] = first[j].length;
        }
        return new ExampleData(indexed, n, inputNames.clone(), widths);
    }

    private static double[] values(Object cell, String column) {
        if (cell instanceof Number x) {
            return new double[] {x.doubleValue()};
        }
        if (cell instanceof Vector v) {
            return v.toArray();
        }
        if (cell instanceof scala.collection.Seq<?> seq) {
            double[] out = new double[seq.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) seq.apply(i)).doubleValue();
            }
            return out;
        }
        throw new IllegalArgumentException("column '" + column + "' holds " + (cell == null ? "null"
                : cell.getClass().getName()) + "; expected a number, an array of numbers or an ML vector");
    }

    /**
     * The examples, numbered.
     *
     * @return the persisted RDD
     */
    public JavaRDD<Example> examples() {
        return examples;
    }

    /**
     * The number of examples.
     *
     * @return the count
     */
    public long size() {
        return size;
    }

    /**
     * The model inputs the blocks of every example go to.
     *
     * @return the names, in block order
     */
    public String[] inputNames() {
        return inputNames.clone();
    }

    /**
     * The length of each block (values per example of each input).
     *
     * @return the widths, in block order
     */
    public int[] widths() {
        return widths.clone();
    }

    /**
     * The number of partitions.
     *
     * @return the RDD's partition count
     */
    public int partitions() {
        return examples.getNumPartitions();
    }

    /** Releases the cached examples. */
    public void unpersist() {
        examples.unpersist(false);
    }
}
