package dev.fluxion.compiler.inspect;

import java.util.List;

/**
 * The few JSON values the command line's {@code --json} reports write, by hand: no
 * dependency for five shapes. Numbers are the shortest text that reads back as the double;
 * NaN and the infinities, which JSON lacks, are the strings Java spells them.
 */
public final class Json {

    private Json() {
    }

    public static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A number; NaN and the infinities, which JSON lacks, as the strings Java spells them. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return string(Double.toString(v));
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    public static String strings(List<String> xs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < xs.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(string(xs.get(i)));
        }
        return sb.append(']').toString();
    }

    public static String numbers(double[] xs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < xs.length; i++) {
            sb.append(i > 0 ? ", " : "").append(number(xs[i]));
        }
        return sb.append(']').toString();
    }

    public static String matrix(double[][] rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.length; i++) {
            sb.append(i > 0 ? ", " : "").append(numbers(rows[i]));
        }
        return sb.append(']').toString();
    }
}
