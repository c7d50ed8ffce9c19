package dev.fluxion.runtime.plot;

import java.util.Locale;

/**
 * "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten (Heckbert, "Nice numbers
 * for graph labels", Graphics Gems 1990), so labels read 0, 0.5, 1.0 rather than
 * 0, 0.43, 0.86.
 *
 * @param start the first tick, &lt;= the data minimum
 * @param step  the distance between ticks, &gt; 0
 * @param count the number of ticks
 */
public record Ticks(double start, double step, int count) {

    /**
     * About {@code target} ticks covering [min, max].
     *
     * @param min the smallest value shown
     * @param max the largest value shown
     * @param target about how many ticks
     * @return evenly spaced ticks whose step is 1, 2 or 5 times a power of ten
     */
    public static Ticks covering(double min, double max, int target) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            min = 0;
            max = 1;
        }
        if (max < min) {
            double t = min;
            min = max;
            max = t;
        }
        if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = nice((max - min) / Math.max(1, target - 1));
        double start = Math.floor(min / step) * step;
        double end = Math.ceil(max / step) * step;
        int count = (int) Math.round((end - start) / step) + 1;
        return new Ticks(start, step, count);
    }

    /**
     * Tick {@code i}.
     *
     * @param i the tick, 0-based
     * @return its value
     */
    public double at(int i) {
        return start + i * step;
    }

    /**
     * The last tick.
     *
     * @return the last tick's value
     */
    public double end() {
        return at(count - 1);
    }

    /**
     * Tick {@code i} as a label with just enough decimals for the step.
     *
     * @param i the tick, 0-based
     * @return its label
     */
    public String label(int i) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        double v = at(i);
        if (Math.abs(v) < step * 1e-6) {
            v = 0;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static double nice(double raw) {
        double exp = Math.floor(Math.log10(raw));
        double f = raw / Math.pow(10, exp);
        double n = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return n * Math.pow(10, exp);
    }
}
