package dev.fluxion.compiler.inspect;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as a person reads them in a picture or a report: a fixed number of significant
 * digits, no trailing zeros, no exponent for ordinary magnitudes, the same text on every
 * machine (no locale). {@code -0} prints as {@code 0}: a picture has no use for the sign
 * of zero.
 */
public final class Numbers {

    private Numbers() {
    }

    /** {@code v} rounded to {@code digits} significant digits: 0.7311, -12, 1.5e-07, NaN, -Infinity. */
    public static String format(double v, int digits) {
        if (digits < 1 || digits > 17) {
            throw new IllegalArgumentException("digits must be between 1 and 17, got " + digits);
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return "0";
        }
        // from the shortest decimal that reads back as v (Double.toString), as a person would
        // round it: 2.675 to 3 digits is 2.68, though the double is a little below 2.675
        BigDecimal d = BigDecimal.valueOf(v).round(new MathContext(digits, RoundingMode.HALF_UP)).stripTrailingZeros();
        double magnitude = Math.abs(d.doubleValue());
        if (magnitude >= 1e-4 && magnitude < 1e15) {
            String s = d.toPlainString();
            return s.equals("-0") ? "0" : s;
        }
        String s = d.toString();                    // unscaled digits with E notation, e.g. 1.5E-7
        return s.replace("E", "e");
    }

    /** Seconds as a short human reading: 812 ns, 3.4 µs, 12 ms, 1.2 s. */
    public static String duration(double nanos) {
        if (Double.isNaN(nanos)) {
            return "n/a";
        }
        if (nanos < 1e3) {
            return format(nanos, 3) + " ns";
        }
        if (nanos < 1e6) {
            return format(nanos / 1e3, 3) + " µs";
        }
        if (nanos < 1e9) {
            return format(nanos / 1e6, 3) + " ms";
        }
        return format(nanos / 1e9, 3) + " s";
    }

    /** A byte count: 96 B, 1.5 KiB, 3.2 MiB. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024L * 1024) {
            return format(bytes / 1024.0, 3) + " KiB";
        }
        return format(bytes / (1024.0 * 1024), 3) + " MiB";
    }
}
