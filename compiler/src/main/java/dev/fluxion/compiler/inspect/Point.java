package dev.fluxion.compiler.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A point at which to evaluate a function: one value per input, in input order. Written
 * on the command line as {@code x1=2,x2=5}; every input must be given exactly once, so a
 * typo in a name is an error rather than a silently ignored assignment.
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
     * Parses {@code name=value} pairs separated by commas (spaces allowed) into a point for
     * {@code inputs}. Values are Java doubles ({@code -2}, {@code 0.5}, {@code 1e-3},
     * {@code NaN}, {@code Infinity}) or {@code pi}.
     *
     * @throws IllegalArgumentException naming the problem: a pair without {@code =}, an
     *     unknown or repeated name, a bad number, or inputs left without a value
     */
    public static Point parse(String spec, List<String> inputs) {
        Map<String, Double> given = new LinkedHashMap<>();
        if (!spec.isBlank()) {
            for (String pair : spec.split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("expected name=value in --at, got '" + pair.strip()
                            + "' (write for example x1=2,x2=5)");
                }
                String name = pair.substring(0, eq).strip();
                String text = pair.substring(eq + 1).strip();
                if (!inputs.contains(name)) {
                    throw new IllegalArgumentException("--at gives a value for '" + name + "', which is not an input; "
                            + "the inputs are " + inputs);
                }
                if (given.put(name, number(name, text)) != null) {
                    throw new IllegalArgumentException("--at gives '" + name + "' twice");
                }
            }
        }
        List<String> missing = new ArrayList<>();
        double[] values = new double[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            Double v = given.get(inputs.get(i));
            if (v == null) {
                missing.add(inputs.get(i));
            } else {
                values[i] = v;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("--at gives no value for " + String.join(", ", missing)
                    + "; the inputs are " + inputs);
        }
        return new Point(inputs, values);
    }

    private static double number(String name, String text) {
        if (text.equals("pi")) {
            return Math.PI;
        }
        if (text.equals("-pi")) {
            return -Math.PI;
        }
        try {
            if (!text.isEmpty() && (Character.isDigit(text.charAt(text.length() - 1)) || text.endsWith("NaN")
                    || text.endsWith("Infinity") || text.endsWith("."))) {
                return Double.parseDouble(text);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--at: '" + text + "' is not a number (for " + name + ")");
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
