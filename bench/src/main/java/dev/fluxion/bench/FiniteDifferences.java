package dev.fluxion.bench;

import dev.fluxion.runtime.DifferentiableFunction;

/**
 * Central finite differences over a generated function's value: 2m evaluations for m
 * inputs, g_i = (f(x + h e_i) - f(x - h e_i)) / 2h with h = cbrt(eps) * max(1, |x_i|).
 *
 * <p>Holds its scratch arrays, so one instance is for one thread; {@link #gradient}
 * allocates nothing.
 */
public final class FiniteDifferences {

    private static final double CBRT_EPS = Math.cbrt(Math.ulp(1.0));

    private final DifferentiableFunction f;
    private final double[] shifted;
    private final double[] y;

    public FiniteDifferences(DifferentiableFunction f) {
        if (f.outputCount() != 1) {
            throw new IllegalArgumentException("finite differences here need one output, got " + f.outputCount());
        }
        this.f = f;
        this.shifted = new double[f.inputCount()];
        this.y = new double[1];
    }

    /** Writes the central-difference gradient at {@code x} into {@code grad}. */
    public void gradient(double[] x, double[] grad) {
        int m = shifted.length;
        System.arraycopy(x, 0, shifted, 0, m);
        for (int i = 0; i < m; i++) {
            double xi = x[i];
            double h = CBRT_EPS * Math.max(1.0, Math.abs(xi));
            shifted[i] = xi + h;
            f.value(shifted, y);
            double up = y[0];
            shifted[i] = xi - h;
            f.value(shifted, y);
            double down = y[0];
            shifted[i] = xi;
            grad[i] = (up - down) / (2.0 * h);
        }
    }
}
