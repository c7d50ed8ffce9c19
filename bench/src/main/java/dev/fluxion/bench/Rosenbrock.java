package dev.fluxion.bench;

import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The n-dimensional Rosenbrock function f(x) = sum_{i<n-1} (1 - x_i)^2 + 100 (x_{i+1} - x_i^2)^2,
 * three ways: as Fluxion source text (one scalar expression, written out term by term), as
 * hand-written Java (the baseline a person would write), and over Hipparchus {@link Gradient}
 * (forward-mode AD on the JVM, the way a Hipparchus user writes it).
 *
 * <p>The source text names its inputs x0 ... x(n-1) and mentions x0 first, so the input
 * order of the compiled function is the array order used here.
 */
public final class Rosenbrock {

    private Rosenbrock() {
    }

    /** The function as one scalar expression in the Fluxion language, n >= 2. */
    public static String expression(int n) {
        requireDimension(n);
        StringBuilder s = new StringBuilder(n * 40);
        for (int i = 0; i + 1 < n; i++) {
            if (i > 0) {
                s.append(" + ");
            }
            s.append("(1 - x").append(i).append(")^2 + 100*(x").append(i + 1)
                    .append(" - x").append(i).append("^2)^2");
        }
        return s.toString();
    }

    /** A fixed, deterministic point away from the minimum (all ones), so no term vanishes. */
    public static double[] point(int n) {
        requireDimension(n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -1.2 + 0.5 * Math.sin(0.7 * i);
        }
        return x;
    }

    /** f(x), hand-written. */
    public static double value(double[] x) {
        double f = 0.0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = 1.0 - x[i];
            double b = x[i + 1] - x[i] * x[i];
            f += a * a + 100.0 * b * b;
        }
        return f;
    }

    /**
     * The gradient, hand-written: one pass, each term adding its two partials. Writes into
     * {@code grad} (length n) and returns f(x).
     */
    public static double gradient(double[] x, double[] grad) {
        int n = x.length;
        java.util.Arrays.fill(grad, 0, n, 0.0);
        double f = 0.0;
        for (int i = 0; i + 1 < n; i++) {
            double xi = x[i];
            double a = 1.0 - xi;
            double b = x[i + 1] - xi * xi;
            f += a * a + 100.0 * b * b;
            grad[i] += -2.0 * a - 400.0 * b * xi;
            grad[i + 1] += 200.0 * b;
        }
        return f;
    }

    /** The hand-written gradient at {@code x}, in a new array. */
    public static double[] gradientAt(double[] x) {
        double[] g = new double[x.length];
        gradient(x, g);
        return g;
    }

    /**
     * The gradient by Hipparchus forward-mode AD: every input a {@link Gradient} with n
     * partials, so each operation carries an n-vector (O(n) per op, O(n^2) in all).
     */
    public static double hipparchusGradient(double[] x, double[] grad) {
        int n = x.length;
        Gradient[] v = new Gradient[n];
        for (int i = 0; i < n; i++) {
            v[i] = Gradient.variable(n, i, x[i]);
        }
        Gradient f = Gradient.constant(n, 0.0);
        for (int i = 0; i + 1 < n; i++) {
            Gradient a = v[i].negate().add(1.0);
            Gradient b = v[i + 1].subtract(v[i].square());
            f = f.add(a.square()).add(b.square().multiply(100.0));
        }
        System.arraycopy(f.getGradient(), 0, grad, 0, n);
        return f.getValue();
    }

    private static void requireDimension(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("Rosenbrock needs n >= 2, got " + n);
        }
    }
}
