package dev.fluxion.spark;

import dev.fluxion.runtime.model.Model;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * A model's loss over a whole distributed data set, and its gradient, as a function of the
 * model's parameters flattened in declaration order: for full-batch fitting (least squares,
 * likelihoods) by {@link Lbfgs} on the driver. Each evaluation is one Spark job: the parameters
 * broadcast, every partition's examples run through the model in chunks (so a large partition
 * does not need batch-sized buffers for all its points at once), the sums combined by
 * {@code treeAggregate} and weighed as the {@link Reduction} says ({@link Aggregation}).
 *
 * <p>The chunks are cut once and persisted; {@link #close()} releases them.
 */
public final class DistributedObjective implements Objective, AutoCloseable {

    private final JavaSparkContext sc;
    private final Model model;
    private final Aggregation job;
    private final JavaRDD<Parts> parts;
    private final int dimension;

    private DistributedObjective(JavaSparkContext sc, Model model, Aggregation job, JavaRDD<Parts> parts) {
        this.sc = sc;
        this.model = model;
        this.job = job;
        this.parts = parts;
        int d = 0;
        for (double[] w : model.parameters()) {
            d += w.length;
        }
        this.dimension = d;
    }

    /**
     * The objective of {@code code}'s model over {@code data}.
     *
     * @param sc the Spark context
     * @param code the model's class, for the executors and the driver
     * @param data the examples, one block per batched input of the model
     * @param reduction how the model's loss combines its examples
     * @param fixedInputs values of the model's inputs without a batch dimension (may be empty)
     * @param chunk examples per model call on the executors, at least 1
     * @return the objective, its chunks persisted
     */
    public static DistributedObjective of(JavaSparkContext sc, ModelCode code, ExampleData data, Reduction reduction,
                                          Map<String, double[]> fixedInputs, int chunk) {
        Objects.requireNonNull(sc, "sc");
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1, got " + chunk);
        }
        Model driver = code.newModel();
        InputPlan plan = InputPlan.resolve(driver, data, fixedInputs);
        int[] widths = data.widths();
        JavaRDD<Parts> parts = data.examples().mapPartitions(it -> List.of(Parts.chunks(it, chunk, widths)).iterator())
                .persist(StorageLevel.MEMORY_ONLY());
        return new DistributedObjective(sc, driver, new Aggregation(code, plan, reduction, 2, data.examples().first()), parts);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        if (x.length != dimension || gradient.length != dimension) {
            throw new IllegalArgumentException("expected vectors of " + dimension + ", got " + x.length + " and "
                    + gradient.length);
        }
        Flat.unflatten(x, model.parameters());
        Broadcast<double[][]> w = sc.broadcast(Aggregation.copy(model.parameters()));
        try {
            PartialSum sum = job.sum(parts, -1, w);
            double[][] g = new double[model.parameters().length][];
            for (int p = 0; p < g.length; p++) {
                g[p] = new double[model.parameters()[p].length];
            }
            double loss = job.finish(sum, model, g);
            Flat.flatten(g, gradient);
            return loss;
        } finally {
            w.destroy();
        }
    }

    /**
     * The driver's model instance, whose parameters hold the last point evaluated: save it with
     * {@code ParameterFile} after a fit.
     *
     * @return the model
     */
    public Model model() {
        return model;
    }

    /** Releases the persisted chunks. */
    @Override
    public void close() {
        parts.unpersist(false);
    }
}
