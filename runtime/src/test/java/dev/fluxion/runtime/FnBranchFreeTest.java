package dev.fluxion.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** relu and step in their branch-free forms agree with the two-branch definitions bit for bit (any NaN counting as NaN: its payload is not kept). */
class FnBranchFreeTest {

    private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
        -Double.MIN_NORMAL, 1e-300, -1e-300, 0.5, -0.5, 1, -1, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    @Test
    void reluAndStepMatchTheirDefinitions() {
        Random r = new Random(3);
        double[] values = new double[SPECIAL.length + 10_000];
        System.arraycopy(SPECIAL, 0, values, 0, SPECIAL.length);
        for (int i = SPECIAL.length; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(r.nextLong()); // every exponent, NaNs included
        }
        for (double t : values) {
            assertEquals(Double.doubleToLongBits(t > 0 ? t : (t <= 0 ? 0.0 : t)),
                    Double.doubleToLongBits(Fn.relu(t)), () -> "relu(" + t + ")");
            assertEquals(Double.doubleToLongBits(t > 0 ? 1.0 : (t <= 0 ? 0.0 : t)),
                    Double.doubleToLongBits(Fn.step(t)), () -> "step(" + t + ")");
        }
    }
}
