package dev.fluxion.tests.support;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Central finite differences, the oracle that needs nothing but the function's value:
 * f'(x) ≈ (f(x + h) - f(x - h)) / 2h with h scaled to |x|, error O(h²) plus rounding
 * O(eps/h). Used for first derivatives (differences of values) and for second
 * derivatives (differences of an already checked gradient), as JAX's check_grads does.
 */
public final class FiniteDifferences {

    /** Relative step: balances truncation (h²) against rounding (eps/h) for smooth functions. */
    public static final double STEP = 1e-5;

    private FiniteDifferences() {
    }

    public static double step(double x) {
        return step(x, STEP);
    }

    private static double step(double x, double rel) {
        return rel * Math.max(1.0, Math.abs(x));
    }

    /** The gradient of a scalar function by central differences. */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double h = step(x[i]);
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            g[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (plus[i] - minus[i]);
        }
        return g;
    }

    /** The Jacobian of a vector function (here: a gradient, giving a Hessian), row i = d f_i / d x. */
    public static double[][] jacobian(Function<double[], double[]> f, double[] x) {
        return jacobian(f, x, STEP);
    }

    /** The same with relative step {@code rel}: two steps that agree show the difference is reliable. */
    public static double[][] jacobian(Function<double[], double[]> f, double[] x, double rel) {
        int n = f.apply(x).length;
        double[][] j = new double[n][x.length];
        for (int k = 0; k < x.length; k++) {
            double h = step(x[k], rel);
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[k] += h;
            minus[k] -= h;
            double[] fp = f.apply(plus);
            double[] fm = f.apply(minus);
            for (int i = 0; i < n; i++) {
                j[i][k] = (fp[i] - fm[i]) / (plus[k] - minus[k]);
            }
        }
        return j;
    }

    /**
     * Whether central differences of {@code f} at {@code x} can serve as an oracle: the
     * estimates with steps h and h/2 agree to 1e-6, and the one-sided differences agree
     * to 1e-2 (which they do not on a kink of relu, abs, max or min, where the two
     * central estimates can agree on the average of the two slopes). Values must be finite.
     */
    public static boolean reliable(Function<double[], double[]> f, double[] x) {
        double[][] a = jacobian(f, x, STEP);
        double[][] b = jacobian(f, x, STEP / 2);
        double[] y = f.apply(x);
        for (int k = 0; k < x.length; k++) {
            double h = step(x[k]);
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[k] += h;
            minus[k] -= h;
            double[] fp = f.apply(plus);
            double[] fm = f.apply(minus);
            for (int i = 0; i < y.length; i++) {
                double scale = Math.max(1, Math.abs(a[i][k]));
                double right = (fp[i] - y[i]) / (plus[k] - x[k]);
                double left = (y[i] - fm[i]) / (x[k] - minus[k]);
                if (!Double.isFinite(a[i][k]) || !Double.isFinite(right) || !Double.isFinite(left)
                        || Math.abs(a[i][k] - b[i][k]) > 1e-6 * scale || Math.abs(right - left) > 1e-2 * scale) {
                    return false;
                }
            }
        }
        return true;
    }
}
