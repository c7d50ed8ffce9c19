package dev.fluxion.runtime.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AdamTest {

    /** The update written out step by step, as in Kingma and Ba's Algorithm 1. */
    private static double[] reference(double w, double[] gs, double lr, double b1, double b2, double eps,
                                      double lambda, boolean decoupled) {
        double m = 0;
        double v = 0;
        double[] out = new double[gs.length];
        for (int t = 1; t <= gs.length; t++) {
            if (decoupled) {
                w = w * (1 - lr * lambda);
            }
            double g = gs[t - 1] + (decoupled ? 0 : lambda * w);
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            double mHat = m / (1 - Math.pow(b1, t));
            double vHat = v / (1 - Math.pow(b2, t));
            w = w - lr * mHat / (Math.sqrt(vHat) + eps);
            out[t - 1] = w;
        }
        return out;
    }

    @Test
    void firstStepMovesByTheRateInTheGradientsDirection() {
        double[] w = {1.0, 1.0};
        double[] g = {3.0, -1e-3};
        Adam.of(0.01).bind(new double[][] {w}, new double[][] {g}).step();
        assertEquals(0.99, w[0], 1e-9);
        assertEquals(1.01, w[1], 1e-7);
    }

    @Test
    void matchesTheReferenceOverSeveralSteps() {
        double[] gs = {0.3, -0.1, 0.7, 0.2, -0.4};
        for (boolean decoupled : new boolean[] {false, true}) {
            double lambda = 0.05;
            double[] expected = reference(0.8, gs, 0.02, 0.9, 0.999, 1e-8, lambda, decoupled);
            double[] w = {0.8};
            double[] g = {0};
            Adam spec = decoupled ? Adam.adamW(0.02, lambda) : Adam.of(0.02).withWeightDecay(lambda);
            Optimizer opt = spec.bind(new double[][] {w}, new double[][] {g});
            for (int t = 0; t < gs.length; t++) {
                g[0] = gs[t];
                opt.step();
                assertEquals(expected[t], w[0], 1e-14, "step " + (t + 1) + (decoupled ? " (AdamW)" : " (Adam)"));
            }
        }
    }

    @Test
    void rejectsBadBetas() {
        assertThrows(IllegalArgumentException.class, () -> Adam.of(0.1).withBetas(1.0, 0.999));
        assertThrows(IllegalArgumentException.class, () -> Adam.of(0.1).withEpsilon(0));
    }

    @Test
    void stepAllocatesNothing() {
        double[] w = new double[10_000];
        double[] g = new double[10_000];
        java.util.Arrays.fill(g, 1e-3);
        Optimizer opt = Adam.adamW(1e-3, 1e-2).bind(new double[][] {w}, new double[][] {g});
        assertEquals(0, Allocation.bytesOf(opt::step, 2000));
    }
}
