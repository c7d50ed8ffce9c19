package dev.fluxion.runtime.model;

import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.optim.Allocation;
import dev.fluxion.runtime.random.Rng;
import dev.fluxion.runtime.testing.SoftmaxRegression;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FlatModelTest {

    /** A model that counts its forward passes, whatever the view says it did. */
    static final class Counting extends SoftmaxRegression {
        int forward;

        Counting() {
            super(4, 3);
        }

        @Override
        public double loss(double[][] inputs, int batch) {
            forward++;
            return super.loss(inputs, batch);
        }

        @Override
        public double lossAndGradient(double[][] inputs, int batch) {
            forward++;
            return super.lossAndGradient(inputs, batch);
        }
    }

    private static double[][] data(int batch) {
        Rng rng = new Rng(5);
        double[] x = new double[batch * 4];
        double[] y = new double[batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() - 0.5;
        }
        for (int i = 0; i < batch; i++) {
            y[i] = i % 3;
        }
        return new double[][] {x, y};
    }

    @Test
    void thetaIsTheParametersOneAfterAnother() {
        Counting m = new Counting();
        Initializers.initialize(m, 1);
        FlatModel f = FlatModel.of(m, data(6), 6);
        assertEquals(4 * 3 + 3, f.dimension());
        double[] theta = f.get();
        assertEquals(m.parameters()[0][7], theta[7]);
        assertEquals(m.parameters()[1][2], theta[12 + 2]);
        theta[13] = 9.5;
        f.set(theta);
        assertEquals(9.5, m.parameters()[1][1]);
        assertThrows(IllegalArgumentException.class, () -> f.valueAt(new double[3]));
    }

    @Test
    void valueThenGradientAtOnePointRunsTheForwardPassOnce() {
        Counting m = new Counting();
        Initializers.initialize(m, 2);
        double[][] d = data(6);
        FlatModel f = FlatModel.of(m, d, 6);
        double[] theta = f.get();
        double[] g = new double[f.dimension()];

        double v = f.valueAt(theta);
        f.gradientAt(theta.clone(), g);         // an equal point in another array: still cached
        assertEquals(v, f.valueAndGradient(theta, g));
        assertEquals(1, m.forward);
        assertEquals(1, f.passes());

        double[] expected = new double[f.dimension()];
        Counting reference = new Counting();
        Initializers.initialize(reference, 2);
        assertEquals(v, reference.lossAndGradient(d, 6));
        int at = 0;
        for (double[] gi : reference.gradients()) {
            System.arraycopy(gi, 0, expected, at, gi.length);
            at += gi.length;
        }
        assertArrayEquals(expected, g);

        double[] other = theta.clone();
        other[3] += 1e-3;
        f.valueAt(other);
        f.gradientAt(other, g);
        assertEquals(2, m.forward);
        f.valueAt(theta);                       // back to the first point: the cache holds one point
        assertEquals(3, m.forward);
        f.invalidate();
        f.valueAt(theta);
        assertEquals(4, m.forward);
        assertEquals(4, f.passes());
    }

    @Test
    void evaluatingAllocatesNothing() {
        Counting m = new Counting();
        Initializers.initialize(m, 3);
        FlatModel f = FlatModel.of(m, data(6), 6);
        double[] a = f.get();
        double[] b = a.clone();
        b[0] += 0.25;
        double[] g = new double[f.dimension()];
        boolean[] flip = {false};
        assertEquals(0, Allocation.bytesOf(() -> {
            double[] t = (flip[0] = !flip[0]) ? a : b;   // a new point each call: no cache hits
            f.valueAt(t);
            f.gradientAt(t, g);
        }, 2000));
    }
}
