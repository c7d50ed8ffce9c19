package dev.fluxion.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How numbers are shown: exactly (every digit a double has), or rounded for a person to read. */
public final class Numbers {

    private Numbers() {
    }

    /**
     * The shortest text that reads back as {@code v}, with integers written without
     * {@code .0}. Negative zero is written {@code 0}: forward and reverse mode may differ in
     * the sign of a zero, and a person should not see them disagree.
     */
    public static String exact(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * {@code v} rounded to {@code digits} decimals, trailing zeros dropped ({@code 0.693},
     * {@code 10}, {@code -0.959}); a non-zero value that would round to zero keeps
     * {@code digits} significant digits in scientific notation instead.
     */
    public static String rounded(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v != 0 && Math.abs(v) < 0.5 * Math.pow(10, -digits)) {
            return String.format(java.util.Locale.ROOT, "%." + Math.max(0, digits - 1) + "e", v);
        }
        BigDecimal b = new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).stripTrailingZeros();
        String s = b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
