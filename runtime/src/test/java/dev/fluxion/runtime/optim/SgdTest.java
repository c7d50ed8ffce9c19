package dev.fluxion.runtime.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SgdTest {

    private static final double EPS = 1e-15;

    @Test
    void plainStepIsWMinusRateTimesGradient() {
        double[] w = {1.0, -2.0};
        double[] g = {0.5, 0.25};
        Optimizer opt = Sgd.of(0.1).bind(new double[][] {w}, new double[][] {g});
        opt.step();
        assertArrayEquals(new double[] {0.95, -2.025}, w, EPS);
        assertArrayEquals(new double[] {0.5, 0.25}, g, 0.0, "gradients are read, not written");
        assertEquals(1, opt.steps());
    }

    @Test
    void aLargeParameterSplitOverThreadsGetsTheSameBits() {
        int n = 70_000; // above the split size
        java.util.Random r = new java.util.Random(3);
        double[] w = new double[n];
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextGaussian();
        }
        double[] expectW = w.clone();
        double[] expectV = new double[n];
        // As if a kernel thread were awake after a product: the update is split between the
        // caller and the worker (with two or more kernel threads, as on the CI's two cores).
        Optimizer opt = Sgd.of(0.05).withNesterov(0.9).withWeightDecay(1e-3)
                .bind(new double[][] {w}, new double[][] {g}, () -> 1);
        for (int step = 0; step < 20; step++) {
            for (int i = 0; i < n; i++) {
                g[i] = r.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                double gi = g[i] + 1e-3 * expectW[i];
                double vi = 0.9 * expectV[i] + gi;
                expectV[i] = vi;
                expectW[i] -= 0.05 * (gi + 0.9 * vi);
            }
            opt.step();
            assertArrayEquals(expectW, w, 0.0, "step " + step);
        }
    }

    @Test
    void momentumAccumulatesVelocity() {
        double[] w = {1.0};
        double[] g = {1.0};
        Optimizer opt = Sgd.of(0.1).withMomentum(0.9).bind(new double[][] {w}, new double[][] {g});
        opt.step();                 // v = 1, w = 1 - 0.1
        assertEquals(0.9, w[0], EPS);
        g[0] = 0.5;
        opt.step();                 // v = 0.9 + 0.5 = 1.4, w = 0.9 - 0.14
        assertEquals(0.76, w[0], 1e-15);
    }

    @Test
    void nesterovLooksAhead() {
        double[] w = {1.0};
        double[] g = {1.0};
        Optimizer opt = Sgd.of(0.1).withNesterov(0.9).bind(new double[][] {w}, new double[][] {g});
        opt.step();                 // v = 1, d = 1 + 0.9·1 = 1.9
        assertEquals(1.0 - 0.19, w[0], EPS);
        g[0] = 0.5;
        opt.step();                 // v = 1.4, d = 0.5 + 1.26 = 1.76
        assertEquals(0.81 - 0.176, w[0], 1e-15);
    }

    @Test
    void weightDecayAddsLambdaW() {
        double[] w = {2.0};
        double[] g = {0.0};
        Sgd.of(0.5).withWeightDecay(0.1).bind(new double[][] {w}, new double[][] {g}).step();
        assertEquals(2.0 - 0.5 * 0.2, w[0], EPS);
    }

    @Test
    void scheduleDrivesTheRate() {
        double[] w = {0.0};
        double[] g = {1.0};
        Optimizer opt = Sgd.of(1).withSchedule(new LearningRateSchedule.StepDecay(1.0, 0.5, 2))
                .bind(new double[][] {w}, new double[][] {g});
        for (int i = 0; i < 4; i++) {
            opt.step();
        }
        assertEquals(-(1 + 1 + 0.5 + 0.5), w[0], EPS);
        assertEquals(0.25, opt.learningRate(), EPS);
    }

    @Test
    void rejectsBadSettingsAndMismatchedBuffers() {
        assertThrows(IllegalArgumentException.class, () -> Sgd.of(0.1).withMomentum(1.0));
        assertThrows(IllegalArgumentException.class, () -> Sgd.of(-1));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(LearningRateSchedule.constant(0.1), 0, true, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sgd.of(0.1).bind(new double[][] {new double[3]}, new double[][] {new double[2]}));
        assertTrue(e.getMessage().contains("parameter 0 has 3 elements but its gradient has 2"), e.getMessage());
    }

    @Test
    void stepAllocatesNothing() {
        double[] w = new double[10_000];
        double[] g = new double[10_000];
        java.util.Arrays.fill(g, 1e-3);
        Optimizer opt = Sgd.of(0.1).withNesterov(0.9).withWeightDecay(1e-4).bind(new double[][] {w}, new double[][] {g});
        assertEquals(0, Allocation.bytesOf(opt::step, 2000));
    }
}
