package dev.fluxion.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.LabelEncoding;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.optim.OptimizerSpec;
import dev.fluxion.runtime.optim.Sgd;
import dev.fluxion.runtime.train.InputLayout;
import dev.fluxion.runtime.train.Progress;
import dev.fluxion.runtime.train.Trainer;
import dev.fluxion.runtime.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What goes wrong on a cluster does not change the result: a task that fails and is retried,
 * empty partitions, partitions smaller than their share of a minibatch, and an executor that
 * has lost its compiled class and idle models. Each run is compared with single-machine training
 * of the same minibatches.
 */
class FaultsTest {

    static Fixtures.Program mlp;
    static Dataset train;
    static final TrainingConfig CONFIG = TrainingConfig.of(1, 64).withSeed(3);
    static final OptimizerSpec SGD = Sgd.of(0.1).withMomentum(0.9);

    @BeforeAll
    static void load() {
        mlp = Fixtures.compile("src/main/fluxion/mlp.flx");
        train = Fixtures.mnist(200);
    }

    /** The parameters after single-machine training of {@link #CONFIG}. */
    static double[][] singleMachine() {
        Model single = mlp.newModel();
        Initializers.initialize(single, 7);
        new Trainer(CONFIG, Progress.silent()).fit(single, SGD, train, null);
        return single.parameters();
    }

    static double[][] distributed(ModelCode code, ExampleData data) {
        Model driver = mlp.newModel();
        Initializers.initialize(driver, 7);
        new SparkTrainer(LocalSpark.context(), CONFIG, Progress.silent()).fit(code, driver, SGD, data, null);
        return driver.parameters();
    }

    /** The rows of examples from..to-1, features then the class index, as fromDataset lays them out. */
    static List<double[][]> rows(int from, int to) {
        Model m = mlp.newModel();
        InputLayout layout = InputLayout.resolve(m, train, CONFIG);
        assertEquals(LabelEncoding.INDEX, layout.encoding());
        List<double[][]> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            double[] x = new double[train.featureSize()];
            for (int j = 0; j < x.length; j++) {
                x[j] = train.feature(i, j);
            }
            rows.add(new double[][] {x, {train.label(i)}});
        }
        return rows;
    }

    @Test
    void aTaskThatFailsOnceIsRetriedWithTheSameResult() {
        JavaSparkContext sc = LocalSpark.context();
        ExampleData data = ExampleData.fromDataset(sc, train, mlp.newModel(), CONFIG, 4);
        ModelCode flaky = FlakyModel.code(Fixtures.code(mlp));
        int before = FlakyModel.FAILURES.get();
        FlakyModel.FAIL_ONCE.set(true);
        double[][] withFailure = distributed(flaky, data);
        assertEquals(before + 1, FlakyModel.FAILURES.get(), "one task failed");
        assertTrue(FlakyModel.RETRIED_ATTEMPTS.get() > 0, "Spark retried it");
        double[][] clean = distributed(Fixtures.code(mlp), data);
        assertTrue(Fixtures.relativeDifference(clean, withFailure) <= 1e-12);
        assertTrue(Fixtures.relativeDifference(singleMachine(), withFailure) <= 1e-12);
        data.unpersist();
    }

    @Test
    void emptyPartitionsAndPartitionsSmallerThanTheirShareAreHandled() {
        JavaSparkContext sc = LocalSpark.context();
        // Partitions of 0, 1, 0, 3, 196 and 0 examples in the data set's order; batches of 64.
        JavaRDD<double[][]> rows = sc.parallelize(List.<double[][]>of(), 1)
                .union(sc.parallelize(rows(0, 1), 1))
                .union(sc.parallelize(List.<double[][]>of(), 1))
                .union(sc.parallelize(rows(1, 4), 1))
                .union(sc.parallelize(rows(4, 200), 1))
                .union(sc.parallelize(List.<double[][]>of(), 1));
        ExampleData data = ExampleData.of(rows, "x", "y");
        assertEquals(6, data.partitions());
        assertEquals(200, data.size());
        double[][] distributed = distributed(Fixtures.code(mlp), data);
        double diff = Fixtures.relativeDifference(singleMachine(), distributed);
        assertTrue(diff <= 1e-12, "parameters differ by " + diff);
        data.unpersist();
    }

    @Test
    void anExecutorThatLostItsCompiledClassCompilesItAgainWithTheSameResult() {
        JavaSparkContext sc = LocalSpark.context();
        ExampleData data = ExampleData.fromDataset(sc, train, mlp.newModel(), CONFIG, 3);
        ModelCode code = Fixtures.code(mlp);
        try (DistributedObjective f = DistributedObjective.of(sc, code, data, Reduction.MEAN, Map.of(), 50)) {
            Model init = mlp.newModel();
            Initializers.initialize(init, 7);
            double[] x = Flat.flatten(init.parameters());
            double[] g1 = new double[x.length];
            double[] g2 = new double[x.length];
            double v1 = f.valueAndGradient(x, g1);
            int loads = ExecutorCache.loads();
            ExecutorCache.clear();
            double v2 = f.valueAndGradient(x, g2);
            assertTrue(ExecutorCache.loads() > loads, "the class was compiled again");
            assertEquals(v1, v2, 1e-12 * Math.abs(v1));
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < x.length; i++) {
                scale = Math.max(scale, Math.abs(g1[i]));
                diff = Math.max(diff, Math.abs(g1[i] - g2[i]));
            }
            assertTrue(diff <= 1e-12 * scale, "gradients differ by " + diff);
            // The mean over the 200 examples equals the model's own loss over all of them at once.
            double[][] inputs = new Trainer(CONFIG, Progress.silent()).inputs(init, train, 200);
            assertEquals(init.loss(inputs, 200), v1, 1e-12 * Math.abs(v1));
        }
        data.unpersist();
    }
}
