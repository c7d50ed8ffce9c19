package dev.fluxion.spark;

import dev.fluxion.runtime.check.ModelContract;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.optim.Optimizer;
import dev.fluxion.runtime.optim.OptimizerSpec;
import dev.fluxion.runtime.train.EpochMetrics;
import dev.fluxion.runtime.train.Evaluation;
import dev.fluxion.runtime.train.History;
import dev.fluxion.runtime.train.Progress;
import dev.fluxion.runtime.train.TrainingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * Data-parallel minibatch training of a generated model on Spark: the runtime's {@code Trainer}
 * with each step's loss and gradient computed by the executors.
 *
 * <p>Epoch e visits the examples in the permutation the single-machine trainer uses for the same
 * seed ({@code Minibatches.shuffled}); every partition cuts its share of each minibatch once per
 * epoch ({@link Parts}, persisted). Each step broadcasts the parameters, sums the partitions' loss
 * and gradient of their shares with {@code treeAggregate} ({@link Aggregation}), weighs the sum as
 * the {@link Reduction} says, and updates the driver's model with the runtime's optimizer. So the
 * parameters after every step equal single-machine training's with the same minibatches, up to
 * the order of the additions (docs/spark.md states the bound and the test that checks it).
 *
 * <p>The driver's {@link Model} instance holds the parameters (initialize it as on one machine;
 * save it with {@code ParameterFile} afterwards) and receives the averaged gradient in its
 * gradient buffers; the executors run instances of the same class from {@link ModelCode}.
 * Progress and the {@link History} are the runtime's.
 */
public final class SparkTrainer {

    private final JavaSparkContext sc;
    private final TrainingConfig config;
    private final Progress progress;
    private final Reduction reduction;
    private final Map<String, double[]> fixedInputs;
    private final int depth;

    /**
     * A trainer with a mean loss, no fixed inputs and {@code treeAggregate}'s default depth 2.
     *
     * @param sc the Spark context
     * @param config epochs, batch size, evaluation batch size, seed, inputs and output
     * @param progress where progress is reported on the driver
     */
    public SparkTrainer(JavaSparkContext sc, TrainingConfig config, Progress progress) {
        this(sc, config, progress, Reduction.MEAN, Map.of(), 2);
    }

    private SparkTrainer(JavaSparkContext sc, TrainingConfig config, Progress progress, Reduction reduction,
                         Map<String, double[]> fixedInputs, int depth) {
        this.sc = Objects.requireNonNull(sc, "sc");
        this.config = Objects.requireNonNull(config, "config");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.reduction = Objects.requireNonNull(reduction, "reduction");
        this.fixedInputs = Map.copyOf(fixedInputs);
        if (depth < 1) {
            throw new IllegalArgumentException("tree depth must be at least 1, got " + depth);
        }
        this.depth = depth;
    }

    /**
     * The same for a loss built another way from the examples.
     *
     * @param r how the loss sums or averages its examples
     * @return a changed copy
     */
    public SparkTrainer withReduction(Reduction r) {
        return new SparkTrainer(sc, config, progress, r, fixedInputs, depth);
    }

    /**
     * The same with values for the model's inputs that have no batch dimension.
     *
     * @param inputs input name → flat value
     * @return a changed copy
     */
    public SparkTrainer withFixedInputs(Map<String, double[]> inputs) {
        return new SparkTrainer(sc, config, progress, reduction, inputs, depth);
    }

    /**
     * The same with another depth of {@code treeAggregate} (more levels for many partitions).
     *
     * @param d the depth, at least 1
     * @return a changed copy
     */
    public SparkTrainer withTreeDepth(int d) {
        return new SparkTrainer(sc, config, progress, reduction, fixedInputs, d);
    }

    /**
     * Trains {@code model} in place with a fresh optimizer from {@code optimizer}.
     *
     * @param code the model's class, for the executors
     * @param model the driver's instance, initialized
     * @param optimizer the optimizer's description
     * @param train the training examples
     * @param test the examples evaluated after every epoch, or null
     * @return per-epoch metrics and every step's loss
     */
    public History fit(ModelCode code, Model model, OptimizerSpec optimizer, ExampleData train, ExampleData test) {
        return fit(code, model, optimizer.bind(model), train, test);
    }

    /**
     * Trains {@code model} in place with {@code optimizer}, bound to the model's buffers.
     *
     * @param code the model's class, for the executors
     * @param model the driver's instance, initialized
     * @param optimizer an optimizer bound to {@code model}'s parameters and gradients
     * @param train the training examples
     * @param test the examples evaluated after every epoch, or null
     * @return per-epoch metrics and every step's loss
     * @throws IllegalArgumentException if the data do not fit the model's inputs
     * @throws IllegalStateException if the loss stops being finite
     */
    public History fit(ModelCode code, Model model, Optimizer optimizer, ExampleData train, ExampleData test) {
        ModelContract.require(model);
        Aggregation job = new Aggregation(code, InputPlan.resolve(model, train, fixedInputs), reduction, depth,
                train.examples().first());
        if (test != null) {
            InputPlan.resolve(model, test, fixedInputs);
        }
        if (train.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("minibatch order is drawn over int positions; " + train.size()
                    + " examples are too many");
        }
        int n = (int) train.size();
        int batch = Math.min(config.batchSize(), n);
        int stepsPerEpoch = (n + batch - 1) / batch;
        double[] stepLosses = new double[Math.multiplyExact(stepsPerEpoch, config.epochs())];
        List<EpochMetrics> epochs = new ArrayList<>();
        int[] widths = train.widths();
        long seed = config.seed();
        int step = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            int e = epoch;
            JavaRDD<Parts> plan = train.examples()
                    .mapPartitions(it -> List.of(Parts.minibatches(it, n, batch, seed, e, widths)).iterator())
                    .persist(StorageLevel.MEMORY_ONLY());
            long start = System.nanoTime();
            double lossSum = 0;
            long seen = 0;
            double lr = optimizer.learningRate();
            for (int s = 0; s < stepsPerEpoch; s++) {
                lr = optimizer.learningRate();
                Broadcast<double[][]> w = sc.broadcast(Aggregation.copy(model.parameters()));
                PartialSum sum = job.sum(plan, s, w);
                double loss = job.finish(sum, model, model.gradients());
                w.destroy();
                optimizer.step();
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("loss became " + loss + " at epoch " + (epoch + 1) + ", step "
                            + (s + 1) + " (learning rate " + lr + ")");
                }
                stepLosses[step++] = loss;
                lossSum += loss * sum.count;
                seen += sum.count;
                double elapsed = (System.nanoTime() - start) * 1e-9;
                progress.step(epoch + 1, config.epochs(), s + 1, stepsPerEpoch, lossSum / seen,
                        elapsed > 0 ? seen / elapsed : 0);
            }
            plan.unpersist(false);
            double seconds = (System.nanoTime() - start) * 1e-9;
            Evaluation eval = test == null ? new Evaluation(Double.NaN, Double.NaN, 0) : evaluate(code, model, test);
            EpochMetrics m = new EpochMetrics(epoch + 1, optimizer.steps(), lossSum / seen, eval.loss(),
                    eval.accuracy(), lr, seconds, seconds > 0 ? seen / seconds : 0);
            epochs.add(m);
            progress.epochEnd(m, config.epochs(), stepsPerEpoch);
        }
        return new History(epochs, stepLosses, stepsPerEpoch);
    }

    /**
     * The loss (as the {@link Reduction} combines it) and the accuracy of {@code model} on
     * {@code data}, evaluated on the executors in batches of the configuration's evaluation size;
     * accuracy is NaN when the model has no logits output (named in the configuration, or its
     * only output, or one named {@code logits}).
     *
     * @param code the model's class, for the executors
     * @param model the driver's instance, holding the parameters
     * @param data the examples
     * @return the loss and the accuracy
     */
    public Evaluation evaluate(ModelCode code, Model model, ExampleData data) {
        InputPlan plan = InputPlan.resolve(model, data, fixedInputs);
        Aggregation job = new Aggregation(code, plan, reduction, depth, data.examples().first());
        String logits = logits(model);
        int labelInput = -1;
        if (logits != null) {
            String label = config.labelInput();
            String[] blocks = data.inputNames();
            if (label == null) {
                label = blocks[blocks.length - 1];
            }
            labelInput = Arrays.asList(model.inputNames()).indexOf(label);
            if (labelInput < 0) {
                throw new IllegalArgumentException("label input '" + label + "' is not an input of model '"
                        + model.name() + "'");
            }
        }
        int chunk = config.evalBatchSize();
        int[] widths = data.widths();
        JavaRDD<Parts> parts = data.examples().mapPartitions(it -> List.of(Parts.chunks(it, chunk, widths)).iterator());
        Broadcast<double[][]> w = sc.broadcast(Aggregation.copy(model.parameters()));
        EvalSum sum = job.evaluate(parts, w, logits, labelInput);
        w.destroy();
        double loss = reduction == Reduction.MEAN ? sum.loss / sum.count
                : sum.loss - (sum.calls - 1) * job.parameterTerm(model, new double[model.parameters().length][]);
        double accuracy = logits == null ? Double.NaN : (double) sum.correct / sum.count;
        return new Evaluation(loss, accuracy, (int) Math.min(Integer.MAX_VALUE, sum.count));
    }

    private String logits(Model model) {
        List<String> outputs = Arrays.asList(model.outputNames());
        if (config.logitsOutput() != null) {
            if (!outputs.contains(config.logitsOutput())) {
                throw new IllegalArgumentException("model '" + model.name() + "' has no output '"
                        + config.logitsOutput() + "'; outputs: " + outputs);
            }
            return config.logitsOutput();
        }
        return outputs.size() == 1 ? outputs.get(0) : outputs.contains("logits") ? "logits" : null;
    }
}
