package dev.fluxion.cli;

import java.util.List;

/** The few JSON values {@code --json} writes, by hand: no dependency for four shapes. */
final class Json {

    private Json() {
    }

    static String string(String s) {
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
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A number; NaN and the infinities, which JSON lacks, as the strings Java spells them. */
    static String number(double v) {
        return Double.isFinite(v) ? Numbers.exact(v) : string(Double.toString(v));
    }

    static String strings(List<String> xs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < xs.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(string(xs.get(i)));
        }
        return sb.append(']').toString();
    }

    static String numbers(double[] xs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < xs.length; i++) {
            sb.append(i > 0 ? ", " : "").append(number(xs[i]));
        }
        return sb.append(']').toString();
    }

    static String matrix(double[][] rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.length; i++) {
            sb.append(i > 0 ? ", " : "").append(numbers(rows[i]));
        }
        return sb.append(']').toString();
    }
}
