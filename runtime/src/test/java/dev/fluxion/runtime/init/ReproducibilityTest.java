package dev.fluxion.runtime.init;

import dev.fluxion.runtime.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Pins exact draws, so that any change to the random streams (and with it every seeded
 * training run) is a visible test failure rather than a silent change of results. The
 * values depend only on integer arithmetic, IEEE operations and StrictMath, so they are
 * the same on every platform.
 */
class ReproducibilityTest {

    @Test
    void gaussianDrawsArePinned() {
        Rng r = new Rng(42);
        assertArrayEquals(new double[] {0.49295065581737485, -0.6940056672160174, -1.2810773478777024},
                new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()}, 0.0);
    }

    @Test
    void initializerDrawsArePinned() {
        double[] v = new double[4];
        Initializers.parse("he_uniform").fill(v, new int[] {2, 2}, Rng.derive(42, 7));
        assertArrayEquals(new double[] {1.2816621122714391, 0.5891095236484118, -0.5700561657658543, 0.2118113529228045},
                v, 0.0);
        Initializers.parse("xavier_normal").fill(v, new int[] {2, 2}, Rng.derive(42, 7));
        assertArrayEquals(new double[] {0.5822390383271159, 0.2676232364476367, -1.3562397934166146, 0.503927512380088},
                v, 0.0);
    }
}
