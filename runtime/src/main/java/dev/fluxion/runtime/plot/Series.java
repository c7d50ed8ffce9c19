package dev.fluxion.runtime.plot;

import java.awt.Color;

/**
 * One named line of a chart: points (x[i], y[i]) joined in order. Non-finite points
 * are skipped (the line breaks there). Immutable: the arrays are copied.
 *
 * @param name    the legend entry
 * @param x       abscissae
 * @param y       ordinates, as many as {@code x}
 * @param color   the line colour
 * @param markers whether to draw a dot at each point (for sparse series such as per-epoch metrics)
 */
public record Series(String name, double[] x, double[] y, Color color, boolean markers) {

    /**
     * Checks the arrays pair up and copies them.
     *
     * @param name the legend's label
     * @param x the x values
     * @param y the y values, as many as x
     * @param color the line colour
     * @param markers whether to draw a dot at each point
     * @throws IllegalArgumentException if x and y differ in length
     */
    public Series {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(color, "color");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values and " + y.length
                    + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    /**
     * The x values; a copy, so the record stays immutable.
     *
     * @return a copy of x
     */
    @Override
    public double[] x() {
        return x.clone();
    }

    /**
     * The y values; a copy, so the record stays immutable.
     *
     * @return a copy of y
     */
    @Override
    public double[] y() {
        return y.clone();
    }

    double xAt(int i) {
        return x[i];
    }

    double yAt(int i) {
        return y[i];
    }

    int size() {
        return x.length;
    }
}
