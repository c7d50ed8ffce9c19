package dev.fluxion.bench.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.runtime.check.GradientCheck;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.tensor.Precision;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The benchmarked MLP step trains: real images, a checked gradient, a falling loss. */
class MlpStepTest {

    @Test
    void inputsAreTheFirstImagesScaledToUnitRange() {
        MlpStep s = MlpStep.create(4);
        double[] x = s.inputs()[0];
        double[] y = s.inputs()[1];
        assertEquals(4 * 784, x.length);
        assertEquals(4, y.length);
        double max = Arrays.stream(x).max().orElseThrow();
        assertTrue(max <= 1.0 && max > 0.9, "grey levels scaled by 1/255, max " + max);
        for (double label : y) {
            assertTrue(label >= 0 && label <= 9 && label == Math.rint(label), "label " + label);
        }
    }

    @Test
    void gradientPassesTheBenchmarksCheck() {
        MlpStep s = MlpStep.create(3);
        assertTrue(GradientCheck.defaults(1).run(s.model(), s.inputs(), 3).passes(MlpStepBenchmark.CHECK_TOLERANCE));
    }

    @Test
    void float32ProductsGiveTheDoubleGradientToFloatRounding() {
        for (int batch : new int[] {1, 32, 256}) {
            double d = MlpStep.create(batch).gradientDifference(MlpStep.create(batch, Precision.FLOAT32));
            assertTrue(d > 0 && d <= MlpStepBenchmark.FLOAT32_TOLERANCE,
                    "batch " + batch + ": relative difference " + d + " (0 would mean float was not used)");
        }
    }

    @Test
    void float32StepsDriveTheLossDownToo() {
        MlpStep s = MlpStep.create(32, Precision.FLOAT32);
        double first = s.step();
        for (int i = 0; i < 40; i++) {
            s.step();
        }
        assertTrue(s.loss() < 0.1 * first, "loss after 41 steps " + s.loss() + " vs " + first);
    }

    @Test
    void stepsOnOneBatchDriveItsLossDown() {
        MlpStep s = MlpStep.create(32);
        Model m = s.model();
        double[] w1 = m.parameters()[0].clone();
        double first = s.step();
        assertTrue(first > 1.0, "loss at initialization near ln 10, got " + first);
        for (int i = 0; i < 40; i++) {
            s.step();
        }
        double last = s.loss();
        assertTrue(last < 0.1 * first, "loss after 41 steps " + last + " vs " + first);
        assertTrue(!Arrays.equals(w1, m.parameters()[0]), "the SGD update changes W1");
    }

    @Test
    void rejectsABatchLargerThanTheData() {
        assertThrows(IllegalArgumentException.class, () -> MlpStep.create(10_001));
    }
}
