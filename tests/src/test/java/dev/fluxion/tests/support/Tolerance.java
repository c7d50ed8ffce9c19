package dev.fluxion.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mixed absolute/relative comparison, the conformance README's rule:
 * |got - want| <= tol * max(1, |want|). Messages name what was compared and where.
 */
public final class Tolerance {

    private Tolerance() {
    }

    public static boolean close(double got, double want, double tol) {
        if (Double.isNaN(want)) {
            return Double.isNaN(got);
        }
        if (Double.isInfinite(want)) {
            return got == want;
        }
        return Math.abs(got - want) <= tol * Math.max(1.0, Math.abs(want));
    }

    public static void assertClose(double want, double got, double tol, String what) {
        if (!close(got, want, tol)) {
            fail(what + ": expected " + want + " but got " + got + " (|diff| = " + Math.abs(got - want)
                    + ", tolerance " + tol + " * max(1, |want|))");
        }
    }

    public static void assertClose(double[] want, double[] got, double tol, String what) {
        assertEquals(want.length, got.length, what + ": length");
        for (int i = 0; i < want.length; i++) {
            assertClose(want[i], got[i], tol, what + "[" + i + "]");
        }
    }

    public static void assertClose(double[][] want, double[][] got, double tol, String what) {
        assertEquals(want.length, got.length, what + ": rows");
        for (int i = 0; i < want.length; i++) {
            assertClose(want[i], got[i], tol, what + "[" + i + "]");
        }
    }
}
