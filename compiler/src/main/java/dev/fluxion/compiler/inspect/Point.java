package dev.fluxion.compiler.inspect;

import java.util.Arrays;
import java.util.List;

/**
 * A point at which to evaluate a function: one value per input, in input order, with the
 * inputs' names for labels. The command line's {@code --at x1=2,x2=5} is parsed by the CLI.
 */
public final class Point {

    private final List<String> names;
    private final double[] values;

    private Point(List<String> names, double[] values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " names but " + values.length + " values");
        }
        this.names = List.copyOf(names);
        this.values = values.clone();
    }

    /** The point with {@code values} for the inputs {@code names}, in that order. */
    public static Point of(List<String> names, double... values) {
        return new Point(names, values);
    }

    /**
     * A deterministic point away from the places where functions misbehave: input i is
     * 0.5 + frac((i+1)·φ), spread over [0.5, 1.5) by the golden ratio. Positive (ln and
     * sqrt are defined), not 0 (where relu and abs have no derivative), and all different
     * (where max and min have none).
     */
    public static Point spread(List<String> inputs) {
        double phi = (Math.sqrt(5) - 1) / 2;
        double[] v = new double[inputs.size()];
        for (int i = 0; i < v.length; i++) {
            double t = (i + 1) * phi;
            v[i] = 0.5 + (t - Math.floor(t));
        }
        return new Point(inputs, v);
    }

    public List<String> names() {
        return names;
    }

    /** The values in input order (a copy). */
    public double[] values() {
        return values.clone();
    }

    public int size() {
        return values.length;
    }

    public double value(int i) {
        return values[i];
    }

    /** {@code x=-2, y=5, z=-4}, each value with {@code digits} significant digits. */
    public String format(int digits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(Numbers.format(values[i], digits));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Point p && p.names.equals(names) && Arrays.equals(p.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * names.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return format(17);
    }
}
