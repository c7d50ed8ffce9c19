package dev.fluxion.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.optim.Adam;
import dev.fluxion.runtime.optim.OptimizerSpec;
import dev.fluxion.runtime.optim.Sgd;
import dev.fluxion.runtime.train.History;
import dev.fluxion.runtime.train.Progress;
import dev.fluxion.runtime.train.Trainer;
import dev.fluxion.runtime.train.TrainingConfig;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Distributed training gives single-machine training's parameters: the MNIST MLP of the examples,
 * the same seed, initialization and minibatches, trained by the runtime's {@link Trainer} on one
 * model and by {@link SparkTrainer} over partitions of uneven size; after every run the
 * parameters agree to 1e-12 relative (the sums differ only in the order of their additions).
 */
class TrainingDeterminismTest {

    static final double TOLERANCE = 1e-12;
    static Fixtures.Program mlp;
    static Dataset train;
    static Dataset test;

    @BeforeAll
    static void load() {
        mlp = Fixtures.compile("src/main/fluxion/mlp.flx");
        Dataset all = Fixtures.mnist(330);
        train = all.head(230);
        test = all.tail(100);
    }

    /** 230 examples in batches of 32: 7 full steps and one of 6 per epoch, two epochs (16 steps). */
    static final TrainingConfig CONFIG = TrainingConfig.of(2, 32).withSeed(5).withEvalBatchSize(50);

    @Test
    void sgdWithMomentumMatchesTheTrainerOnThreePartitions() {
        compare(Sgd.of(0.1).withMomentum(0.9), 3);
    }

    @Test
    void adamMatchesTheTrainerOnFivePartitions() {
        compare(Adam.of(1e-3), 5);
    }

    @Test
    void plainSgdMatchesTheFusedSingleMachineStep() {
        compare(Sgd.of(0.1), 2);
    }

    private static void compare(OptimizerSpec spec, int partitions) {
        Model single = mlp.newModel();
        Initializers.initialize(single, 7);
        History expected = new Trainer(CONFIG, Progress.silent()).fit(single, spec, train, test);

        JavaSparkContext sc = LocalSpark.context();
        Model driver = mlp.newModel();
        Initializers.initialize(driver, 7);
        ExampleData trainData = ExampleData.fromDataset(sc, train, driver, CONFIG, partitions);
        ExampleData testData = ExampleData.fromDataset(sc, test, driver, CONFIG, 2);
        History actual = new SparkTrainer(sc, CONFIG, Progress.silent())
                .fit(Fixtures.code(mlp), driver, spec, trainData, testData);

        double diff = Fixtures.relativeDifference(single.parameters(), driver.parameters());
        assertTrue(diff <= TOLERANCE, spec.describe() + ": parameters differ by " + diff + " relative");
        assertEquals(expected.stepLosses().length, actual.stepLosses().length);
        assertArrayEquals(expected.stepLosses(), actual.stepLosses(), 1e-12);
        for (int e = 0; e < 2; e++) {
            assertEquals(expected.epochs().get(e).testLoss(), actual.epochs().get(e).testLoss(), 1e-12);
            assertEquals(expected.epochs().get(e).testAccuracy(), actual.epochs().get(e).testAccuracy(), 0.0);
            assertEquals(expected.epochs().get(e).trainLoss(), actual.epochs().get(e).trainLoss(), 1e-12);
        }
        trainData.unpersist();
        testData.unpersist();
    }
}
