package dev.fluxion.spark;

import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.optim.Optimizer;
import dev.fluxion.runtime.optim.Sgd;
import dev.fluxion.runtime.train.History;
import dev.fluxion.runtime.train.Progress;
import dev.fluxion.runtime.train.Trainer;
import dev.fluxion.runtime.train.TrainingConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark benchmark of docs/spark.md (not a test; run by {@code spark/bench/run}): the MNIST MLP
 * (101,770 parameters) on the 8,000 training digits.
 * <ul>
 *   <li>time per training step (SGD with momentum) at batch 32 and 1,024 on one JVM (the runtime's
 *       {@link Trainer}) and with {@link SparkTrainer} at local[1] and local[2];</li>
 *   <li>time per full-batch loss and gradient over the 8,000 digits on one JVM and with
 *       {@link DistributedObjective} (chunks of 1,000);</li>
 *   <li>the aggregation's overhead: a full-batch job over one example per partition (the
 *       broadcast, the tasks, the 101,770-entry sums), and the examples per partition from which it
 *       costs under 10% of a step.</li>
 * </ul>
 * Prints a Markdown table. Medians of several repetitions after a warm-up.
 */
public final class SparkBench {

    private SparkBench() {
    }

    public static void main(String[] args) {
        Fixtures.Program mlp = Fixtures.compile("src/main/fluxion/mlp.flx");
        Dataset train = Fixtures.mnist(8000);
        double[] single = {trainerStep(mlp, train, 32), trainerStep(mlp, train, 1024), fullGradient(mlp, train), 0};
        double[][] spark = new double[2][];
        for (int threads = 1; threads <= 2; threads++) {
            SparkConf conf = new SparkConf().setMaster("local[" + threads + "]").setAppName("fluxion-spark-bench")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.setLogLevel("ERROR");
                spark[threads - 1] = new double[] {sparkStep(sc, mlp, train, 32, 20, threads),
                    sparkStep(sc, mlp, train, 1024, 7, threads), sparkGradient(sc, mlp, train, threads),
                    sparkGradient(sc, mlp, train.head(threads), threads)};
            }
        }
        System.out.println("| measurement (ms) | single JVM | local[1] | local[2] |");
        System.out.println("|---|---|---|---|");
        String[] rows = {"training step, batch 32", "training step, batch 1,024",
            "full-batch loss + gradient, 8,000 examples", "one aggregation, 1 example per partition"};
        for (int r = 0; r < rows.length; r++) {
            System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f |%n", rows[r],
                    r == 3 ? "-" : String.format(Locale.ROOT, "%.2f", single[r]), spark[0][r], spark[1][r]);
        }
        double perExample = single[2] / 8000;
        double overhead = Math.max(spark[0][3], spark[1][3]);
        System.out.printf(Locale.ROOT, "%nloss + gradient per example on one JVM: %.4f ms; aggregation overhead (a job "
                + "over 1 example per partition): %.1f ms at local[1], %.1f ms at local[2]; examples per partition for "
                + "the overhead to be under 10%% of a step: %.0f%n", perExample, spark[0][3], spark[1][3],
                10 * overhead / perExample);
    }

    /** Milliseconds per step of the runtime's Trainer (one epoch, momentum SGD). */
    static double trainerStep(Fixtures.Program mlp, Dataset train, int batch) {
        double[] times = new double[3];
        for (int rep = 0; rep < times.length + 1; rep++) {
            Model m = mlp.newModel();
            Initializers.initialize(m, 7);
            TrainingConfig config = TrainingConfig.of(1, batch);
            long t0 = System.nanoTime();
            History h = new Trainer(config, Progress.silent()).fit(m, Sgd.of(0.1).withMomentum(0.9), train, null);
            double ms = (System.nanoTime() - t0) * 1e-6 / h.stepLosses().length;
            if (rep > 0) {
                times[rep - 1] = ms;
            }
        }
        return median(times);
    }

    /** Milliseconds per full-batch loss and gradient on one JVM (one model over all examples). */
    static double fullGradient(Fixtures.Program mlp, Dataset train) {
        Model m = mlp.newModel();
        Initializers.initialize(m, 7);
        double[][] inputs = new Trainer(TrainingConfig.of(1, 8000), Progress.silent()).inputs(m, train, train.size());
        double[] times = new double[7];
        for (int rep = 0; rep < times.length + 2; rep++) {
            long t0 = System.nanoTime();
            m.lossAndGradient(inputs, train.size());
            if (rep >= 2) {
                times[rep - 2] = (System.nanoTime() - t0) * 1e-6;
            }
        }
        return median(times);
    }

    /** Milliseconds per step of the SparkTrainer (one epoch of {@code steps} steps, momentum SGD), partitions = threads. */
    static double sparkStep(JavaSparkContext sc, Fixtures.Program mlp, Dataset train, int batch, int steps, int threads) {
        Model probe = mlp.newModel();
        TrainingConfig config = TrainingConfig.of(1, batch);
        ExampleData data = ExampleData.fromDataset(sc, train.head(Math.min(train.size(), batch * steps)), probe, config,
                threads);
        double[] times = new double[2];
        for (int rep = 0; rep < times.length + 1; rep++) {
            Model m = mlp.newModel();
            Initializers.initialize(m, 7);
            Optimizer opt = Sgd.of(0.1).withMomentum(0.9).bind(m);
            long t0 = System.nanoTime();
            History h = new SparkTrainer(sc, config, Progress.silent()).fit(mlp.code(), m, opt, data, null);
            double ms = (System.nanoTime() - t0) * 1e-6 / h.stepLosses().length;
            if (rep > 0) {
                times[rep - 1] = ms;
            }
        }
        data.unpersist();
        return median(times);
    }

    /** Milliseconds per full-batch loss and gradient with Spark, partitions = threads. */
    static double sparkGradient(JavaSparkContext sc, Fixtures.Program mlp, Dataset train, int threads) {
        Model m = mlp.newModel();
        Initializers.initialize(m, 7);
        ExampleData data = ExampleData.fromDataset(sc, train, m, TrainingConfig.of(1, 32), threads);
        double[] x = Flat.flatten(m.parameters());
        double[] g = new double[x.length];
        double[] times = new double[5];
        try (DistributedObjective f = DistributedObjective.of(sc, mlp.code(), data, Reduction.MEAN, Map.of(), 1000)) {
            for (int rep = 0; rep < times.length + 2; rep++) {
                long t0 = System.nanoTime();
                f.valueAndGradient(x, g);
                if (rep >= 2) {
                    times[rep - 2] = (System.nanoTime() - t0) * 1e-6;
                }
            }
        }
        data.unpersist();
        return median(times);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
