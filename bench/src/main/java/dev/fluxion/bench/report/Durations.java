package dev.fluxion.bench.report;

import java.util.Locale;

/** Formats times and ratios for the tables: three significant digits, a readable unit. */
final class Durations {

    private Durations() {
    }

    /** 123 ns, 4.56 µs, 7.89 ms, 12.3 s; a dash for a missing value. */
    static String time(double nanos) {
        if (Double.isNaN(nanos)) {
            return "—";
        }
        if (nanos < 1e3) {
            return sig(nanos) + " ns";
        }
        if (nanos < 1e6) {
            return sig(nanos / 1e3) + " µs";
        }
        if (nanos < 1e9) {
            return sig(nanos / 1e6) + " ms";
        }
        return sig(nanos / 1e9) + " s";
    }

    /** A ratio like 1.23x or 456x; a dash when either side is missing. */
    static String ratio(double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? "—" : sig(r) + "x";
    }

    /** Three significant digits, no exponent. */
    static String sig(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
