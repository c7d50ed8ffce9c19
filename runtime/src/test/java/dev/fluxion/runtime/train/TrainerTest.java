package dev.fluxion.runtime.train;

import dev.fluxion.runtime.check.GradientCheck;
import dev.fluxion.runtime.check.GradientCheckReport;
import dev.fluxion.runtime.data.Csv;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.Idx;
import dev.fluxion.runtime.data.Normalizer;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.optim.Adam;
import dev.fluxion.runtime.optim.LearningRateSchedule;
import dev.fluxion.runtime.optim.Sgd;
import dev.fluxion.runtime.testing.DataFiles;
import dev.fluxion.runtime.testing.SoftmaxRegression;
import dev.fluxion.runtime.testing.TinyMlp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    private static Dataset.Split digits;
    private static Dataset.Split mnist;

    @BeforeAll
    static void load() throws IOException {
        Dataset.Split raw = Csv.read(DataFiles.get("digits8x8.csv.gz")).split(0.8, 5);
        Normalizer n = Normalizer.standardizePerFeature(raw.train());
        digits = new Dataset.Split(n.apply(raw.train()), n.apply(raw.test()));
        Dataset all = Idx.dataset(DataFiles.get("mnist10k-images-idx3-ubyte.gz"),
                DataFiles.get("mnist10k-labels-idx1-ubyte.gz"));
        Normalizer scale = Normalizer.scale(1.0 / 255);
        mnist = new Dataset.Split(scale.apply(all.head(2000)), scale.apply(all.tail(500)));
    }

    @Test
    void softmaxRegressionLearnsTheDigits() {
        SoftmaxRegression model = new SoftmaxRegression(64, 10);
        Initializers.initialize(model, 1);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Trainer trainer = new Trainer(TrainingConfig.of(5, 32).withSeed(2),
                Progress.epochsOnly(new PrintStream(text, true, StandardCharsets.UTF_8)));
        double before = trainer.evaluate(model, digits.test()).loss();
        History h = trainer.fit(model, Sgd.of(0.1), digits.train(), digits.test());
        assertEquals(5, h.epochs().size());
        assertEquals(45, h.stepsPerEpoch(), "1438 examples in batches of 32");
        assertTrue(h.last().testLoss() < before / 5, "test loss " + before + " -> " + h.last().testLoss());
        assertTrue(h.last().testAccuracy() > 0.9, "test accuracy " + h.last().testAccuracy());
        assertTrue(h.epochs().get(0).trainLoss() > h.last().trainLoss());
        String[] csv = h.toCsv().split("\n");
        assertEquals(6, csv.length);
        assertTrue(csv[0].startsWith("epoch,steps,train_loss,test_loss,test_accuracy,"), csv[0]);
        assertTrue(csv[5].startsWith("5,225," + h.last().trainLoss() + "," + h.last().testLoss() + ","), csv[5]);
        String[] lines = text.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(5, lines.length);
        assertTrue(lines[4].startsWith("epoch 5/5 [====================] 45/45 loss "), lines[4]);
        assertTrue(lines[4].contains(" ex/s | test loss "), lines[4]);
        assertTrue(lines[4].matches(".* acc \\d+\\.\\d\\d% \\| \\d+\\.\\d\\d s"), lines[4]);
    }

    @Test
    void mlpLossFallsOnMnistInAFewHundredSteps() {
        TinyMlp model = new TinyMlp(784, 32, 10);
        Initializers.initialize(model, 7);
        Trainer trainer = new Trainer(TrainingConfig.of(3, 32).withSeed(3), Progress.silent());
        History h = trainer.fit(model, Sgd.of(0.1).withMomentum(0.5), mnist.train(), mnist.test());
        assertEquals(189, h.stepLosses().length);
        double first = h.meanStepLoss(0, 10);
        double last = h.meanStepLoss(179, 10);
        assertTrue(first > 1.8 && last < 0.6, "mean loss of the first and last 10 steps: " + first + ", " + last);
        assertTrue(h.last().testAccuracy() > 0.85, "test accuracy " + h.last().testAccuracy());
    }

    @Test
    void gradientCheckOnRealDataBeforeAndAfterTraining() {
        TinyMlp model = new TinyMlp(64, 16, 10);
        Initializers.initialize(model, 5);
        Trainer trainer = new Trainer(TrainingConfig.of(2, 16), Progress.silent());
        double[][] inputs = trainer.inputs(model, digits.train(), 8);
        assertEquals(8 * 64, inputs[0].length);
        assertEquals(digits.train().label(3), (int) inputs[1][3]);
        GradientCheck check = GradientCheck.defaults(2);
        assertTrue(check.run(model, inputs, 8).passes(1e-6));
        trainer.fit(model, Sgd.of(0.05), digits.train(), null);
        GradientCheckReport after = check.run(model, inputs, 8);
        assertTrue(after.passes(1e-5), after.format());
    }

    @Test
    void aRunIsAFunctionOfItsSeeds() {
        double[][] losses = new double[3][];
        for (int run = 0; run < 3; run++) {
            SoftmaxRegression model = new SoftmaxRegression(64, 10);
            Initializers.initialize(model, 1);
            Trainer trainer = new Trainer(TrainingConfig.of(1, 50).withSeed(run == 2 ? 9 : 4), Progress.silent());
            losses[run] = trainer.fit(model, Adam.of(0.01), digits.train(), null).stepLosses();
        }
        assertArrayEquals(losses[0], losses[1], 0.0);
        assertTrue(losses[0][5] != losses[2][5], "another seed gives another batch order");
    }

    @Test
    void trainingStepsAllocateNothing() {
        // Allocation grows with epochs (a few small objects each, and the step-loss record
        // of 8 bytes per step, allocated before the first epoch and copied once into the
        // History) but not otherwise with steps: one object per step would add >= 16 · 180.
        long twoEpochs = allocatedBy(2);
        long twelveEpochs = allocatedBy(12);
        long perEpoch = (twelveEpochs - twoEpochs) / 10 - 2 * 8 * 180;
        assertTrue(perEpoch < 1000, perEpoch + " bytes per epoch of 180 steps, beyond the step-loss record");
    }

    private static long allocatedBy(int epochs) {
        SoftmaxRegression model = new SoftmaxRegression(64, 10);
        Trainer trainer = new Trainer(TrainingConfig.of(epochs, 8),
                Progress.silent());
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        trainer.fit(model, Sgd.of(0.01).withNesterov(0.9).withSchedule(new LearningRateSchedule.Cosine(0.01, 0, 5000)),
                digits.train(), null);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = bean.getThreadAllocatedBytes(id);
            trainer.fit(model, Sgd.of(0.01).withNesterov(0.9), digits.train(), null);
            best = Math.min(best, bean.getThreadAllocatedBytes(id) - before);
        }
        return best;
    }

    @Test
    void liveProgressRedrawsOneLine() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        SoftmaxRegression model = new SoftmaxRegression(64, 10);
        new Trainer(TrainingConfig.of(1, 100), Progress.live(new PrintStream(text, true, StandardCharsets.UTF_8)))
                .fit(model, Sgd.of(0.1), digits.train(), digits.test());
        String s = text.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("\repoch 1/1 ["), s);
        assertTrue(s.contains("15/15 loss"), s);
        assertTrue(s.endsWith("s\n"), s);
    }

    @Test
    void mismatchedDataIsReportedBeforeTraining() {
        TinyMlp model = new TinyMlp(784, 8, 10);
        Trainer trainer = new Trainer(TrainingConfig.of(1, 10), Progress.silent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(model, Sgd.of(0.1), digits.train(), null));
        assertEquals("feature input 'x' [-1, 784] takes 784 values per example, the data has 64 [64]", e.getMessage());
        IllegalArgumentException logits = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(TrainingConfig.of(1, 10).withLogits("z"), Progress.silent())
                        .fit(new TinyMlp(64, 8, 10), Sgd.of(0.1), digits.train(), null));
        assertTrue(logits.getMessage().contains("has no output 'z'; its outputs are [h, logits]"), logits.getMessage());
    }
}
