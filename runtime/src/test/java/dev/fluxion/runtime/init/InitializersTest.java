package dev.fluxion.runtime.init;

import dev.fluxion.runtime.random.Rng;
import dev.fluxion.runtime.testing.TinyMlp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitializersTest {

    private static double[] fill(String spec, int[] shape, long seed) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        Initializers.parse(spec).fill(v, shape, new Rng(seed));
        return v;
    }

    private static double variance(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / v.length;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void zerosOnesAndConstant() {
        assertArrayEquals(new double[6], fill("zeros", new int[] {2, 3}, 1));
        assertArrayEquals(new double[] {1, 1}, fill("ones", new int[] {2}, 1));
        assertArrayEquals(new double[] {0.5, 0.5}, fill("constant(0.5)", new int[] {2}, 1));
    }

    @Test
    void heUniformHasItsLimitAndVariance() {
        int[] shape = {400, 300};
        double[] v = fill("he_uniform", shape, 9);
        double limit = Math.sqrt(6.0 / 400);
        assertTrue(maxAbs(v) < limit);
        assertTrue(maxAbs(v) > 0.99 * limit);
        assertEquals(2.0 / 400, variance(v), 2.0 / 400 * 0.02);
    }

    @Test
    void xavierAndHeNormalHaveTheirVariance() {
        int[] shape = {300, 500};
        assertEquals(2.0 / 800, variance(fill("xavier_normal", shape, 2)), 2.0 / 800 * 0.02);
        assertEquals(2.0 / 800, variance(fill("glorot_uniform", shape, 2)), 2.0 / 800 * 0.02);
        assertEquals(2.0 / 300, variance(fill("he_normal", shape, 2)), 2.0 / 300 * 0.02);
        assertEquals(1.0 / 300, variance(fill("lecun_normal", shape, 2)), 1.0 / 300 * 0.02);
    }

    @Test
    void convolutionKernelsUseTheReceptiveField() {
        // K[out=16, in=8, 5, 5]: fan-in 8·25 = 200.
        assertEquals(new Fans(200, 400), Fans.of(new int[] {16, 8, 5, 5}));
        double limit = Math.sqrt(6.0 / 200);
        double[] v = fill("he_uniform", new int[] {16, 8, 5, 5}, 4);
        assertTrue(maxAbs(v) < limit && maxAbs(v) > 0.95 * limit);
    }

    @Test
    void uniformAndNormalWithArguments() {
        double[] u = fill("uniform(-2, 3)", new int[] {10_000}, 1);
        for (double x : u) {
            assertTrue(x >= -2 && x < 3);
        }
        double[] n = fill("normal(1, 0.5)", new int[] {50_000}, 1);
        assertEquals(0.25, variance(n), 0.01);
    }

    @Test
    void badNamesAndArgumentsSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.parse("he_unifrom"));
        assertTrue(e.getMessage().contains("unknown initializer 'he_unifrom'"), e.getMessage());
        assertTrue(e.getMessage().contains("he_uniform"));
        assertThrows(IllegalArgumentException.class, () -> Initializers.parse("uniform(3, 1)"));
        assertThrows(IllegalArgumentException.class, () -> Initializers.parse("normal(a)"));
        assertThrows(IllegalArgumentException.class, () -> Initializers.parse("zeros(1)"));
    }

    @Test
    void initializingAModelIsReproducibleAndPerParameter() {
        TinyMlp a = new TinyMlp(20, 10, 3);
        TinyMlp b = new TinyMlp(20, 10, 3);
        Initializers.initialize(a, 123);
        Initializers.initialize(b, 123);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(a.parameters()[i], b.parameters()[i]);
        }
        assertArrayEquals(new double[10], a.parameters()[1]);
        assertFalse(a.parameters()[0][0] == a.parameters()[2][0], "W1 and W2 draw from different streams");
        Initializers.initialize(b, 124);
        assertFalse(java.util.Arrays.equals(a.parameters()[0], b.parameters()[0]));
    }
}
