package dev.fluxion.bench;

import java.util.function.Consumer;

/**
 * A check run once per benchmark trial, before timing: the method under test must give
 * the expected gradient, so a fast but wrong method is never reported.
 */
final class GradientCheck {

    private GradientCheck() {
    }

    /**
     * Fails unless {@code method}, writing into a fresh array, gives {@code expected} to
     * within {@code relTol} (relative to max(1, |expected|), per element).
     */
    static void matches(String what, double[] expected, Consumer<double[]> method, double relTol) {
        double[] got = new double[expected.length];
        method.accept(got);
        for (int i = 0; i < expected.length; i++) {
            double tol = relTol * Math.max(1.0, Math.abs(expected[i]));
            boolean bothNaN = Double.isNaN(expected[i]) && Double.isNaN(got[i]);
            if (!bothNaN && !(Math.abs(got[i] - expected[i]) <= tol)) {
                throw new IllegalStateException(what + ": gradient element " + i + " is " + got[i] + ", expected "
                        + expected[i] + " (tolerance " + tol + ")");
            }
        }
    }

    /** {@link #matches(String, double[], Consumer, double)} with a tolerance of 1e-9. */
    static void matches(String what, double[] expected, Consumer<double[]> method) {
        matches(what, expected, method, 1e-9);
    }
}
