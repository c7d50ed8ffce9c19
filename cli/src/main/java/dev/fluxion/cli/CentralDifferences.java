package dev.fluxion.cli;

import dev.fluxion.runtime.DifferentiableFunction;

/**
 * The Jacobian by central finite differences, (f(x + h eᵢ) − f(x − h eᵢ)) / 2h with
 * h = {@link #STEP}·max(1, |xᵢ|): truncation error O(h²), rounding error O(ε/h), both near
 * 1e-10 relative for smooth functions of moderate size. The oracle {@code check} compares the
 * generated derivatives with; the same formula is written into the tests {@code gen
 * --with-test} generates.
 */
public final class CentralDifferences {

    /** Relative step: about the cube root of the machine epsilon, which balances the two errors. */
    public static final double STEP = dev.fluxion.compiler.inspect.GradientTestWriter.STEP;

    /**
     * The largest {@link #error} accepted by default: four orders above what central
     * differences themselves get wrong for smooth functions of moderate size.
     */
    public static final double TOLERANCE = dev.fluxion.compiler.inspect.GradientTestWriter.TOLERANCE;

    private CentralDifferences() {
    }

    /** Row j, column i: ∂yⱼ/∂xᵢ at {@code x}. */
    public static double[][] jacobian(DifferentiableFunction f, double[] x) {
        int m = f.inputCount();
        int n = f.outputCount();
        double[][] jac = new double[n][m];
        double[] plus = new double[n];
        double[] minus = new double[n];
        for (int i = 0; i < m; i++) {
            double[] xs = x.clone();
            double h = STEP * Math.max(1, Math.abs(x[i]));
            xs[i] = x[i] + h;
            f.value(xs, plus);
            xs[i] = x[i] - h;
            f.value(xs, minus);
            for (int j = 0; j < n; j++) {
                jac[j][i] = (plus[j] - minus[j]) / (2 * h);
            }
        }
        return jac;
    }

    /** How far apart a derivative and its estimate are: |a − b| / max(1, |a|, |b|). */
    public static double error(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (a == b) {
            return 0;
        }
        return Math.abs(a - b) / Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
