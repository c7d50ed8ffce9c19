package dev.fluxion.runtime.check;

import java.util.List;
import java.util.Locale;

/**
 * The result of a {@link GradientCheck}: for every parameter, its worst checked
 * coordinate, and the largest relative error over all of them.
 *
 * @param model   the model's name
 * @param loss    the loss at the checked point
 * @param entries one per parameter, in declaration order
 */
public record GradientCheckReport(String model, double loss, List<Entry> entries) {

    /**
     * Copies the entries.
     *
     * @param model the model's name
     * @param loss the loss at the checked point
     * @param entries one per parameter
     */
    public GradientCheckReport {
        entries = List.copyOf(entries);
    }

    /**
     * The worst coordinate of one parameter.
     *
     * @param parameter     the parameter's name
     * @param index         the flat index of the coordinate
     * @param analytic      the model's gradient there
     * @param numeric       the central difference there
     * @param relativeError their relative error
     * @param checked       how many coordinates of this parameter were checked
     * @param size          how many it has
     */
    public record Entry(String parameter, int index, double analytic, double numeric, double relativeError,
                        int checked, int size) {
    }

    /**
     * The largest relative error over every checked coordinate (0 if none were checked).
     *
     * @return the largest relative error
     */
    public double maxRelativeError() {
        double max = 0;
        for (Entry e : entries) {
            max = Math.max(max, e.relativeError());
        }
        return max;
    }

    /**
     * The entry with the largest error, or null when nothing was checked.
     *
     * @return the worst entry, or null
     */
    public Entry worst() {
        Entry worst = null;
        for (Entry e : entries) {
            if (worst == null || e.relativeError() > worst.relativeError()) {
                worst = e;
            }
        }
        return worst;
    }

    /**
     * Whether every checked coordinate has a relative error of at most {@code tolerance}.
     *
     * @param tolerance the largest relative error accepted, e.g. 1e-6
     * @return true if the gradient passes
     */
    public boolean passes(double tolerance) {
        return maxRelativeError() <= tolerance;
    }

    /**
     * A table, one line per parameter, then the largest error.
     *
     * @return the table, ending with a newline
     */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "gradient check of %s at loss %.6g%n", model, loss));
        s.append(String.format(Locale.ROOT, "  %-16s %9s %12s %16s %16s %10s%n",
                "parameter", "checked", "worst index", "analytic", "numeric", "rel.error"));
        for (Entry e : entries) {
            s.append(String.format(Locale.ROOT, "  %-16s %4d/%-4d %12d %16.8e %16.8e %10.2e%n", e.parameter(),
                    e.checked(), e.size(), e.index(), e.analytic(), e.numeric(), e.relativeError()));
        }
        Entry w = worst();
        if (w != null) {
            s.append(String.format(Locale.ROOT, "  largest relative error %.2e (%s[%d])%n",
                    w.relativeError(), w.parameter(), w.index()));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
