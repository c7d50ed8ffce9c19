package dev.fluxion.runtime.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of a {@code .npy} file: a Python dict literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }}. Formatting follows
 * NumPy's {@code _write_array_header} (keys sorted, {@code repr} of each value, a trailing
 * {@code ", "} per entry, then spare spaces for growing the first axis); parsing accepts
 * any dict literal of those three keys that {@code numpy.load} accepts (either quote, any
 * whitespace, an optional trailing comma, {@code L} suffixes of old files).
 *
 * @param descr the NumPy type string, e.g. {@code <f8}
 * @param fortranOrder whether the data is column-major
 * @param shape the dimensions ({@code ()} for a scalar)
 */
record NpyHeader(String descr, boolean fortranOrder, int[] shape) {

    /** NumPy's {@code GROWTH_AXIS_MAX_DIGITS}: room left to rewrite the first dimension in place. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    /**
     * The header text as NumPy 2 writes it, before the alignment padding and the newline.
     *
     * @return the dict literal followed by NumPy's spare spaces
     */
    String format() {
        StringBuilder s = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': ")
                .append(fortranOrder ? "True" : "False").append(", 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i]);
        }
        s.append(shape.length == 1 ? ",)" : ")").append(", }");
        if (shape.length > 0) {
            int grown = shape[fortranOrder ? shape.length - 1 : 0];
            s.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Integer.toString(grown).length())));
        }
        return s.toString();
    }

    /**
     * Parses a header dict.
     *
     * @param text the header text (padding and newline included)
     * @param source names the file in messages
     * @return the three fields
     * @throws IOException if the text is not a dict of exactly {@code descr}, {@code fortran_order}, {@code shape}
     */
    static NpyHeader parse(String text, String source) throws IOException {
        return new Parser(text, source).header();
    }

    private static final class Parser {
        private final String s;
        private final String source;
        private int pos;

        Parser(String s, String source) {
            this.s = s;
            this.source = source;
        }

        NpyHeader header() throws IOException {
            String descr = null;
            Boolean fortran = null;
            int[] shape = null;
            expect('{');
            while (peek() != '}') {
                String key = string();
                expect(':');
                switch (key) {
                    case "descr" -> descr = string();
                    case "fortran_order" -> fortran = bool();
                    case "shape" -> shape = tuple();
                    default -> throw error("unexpected key '" + key + "'");
                }
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw error("expected ',' or '}'");
                }
            }
            pos++;
            if (peek() != 0) {
                throw error("unexpected text after the header dict");
            }
            if (descr == null || fortran == null || shape == null) {
                throw error("the header must have 'descr', 'fortran_order' and 'shape'");
            }
            return new NpyHeader(descr, fortran, shape);
        }

        private char peek() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        private void expect(char c) throws IOException {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private String string() throws IOException {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw error("expected a quoted string");
            }
            int end = s.indexOf(q, pos + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String v = s.substring(pos + 1, end);
            pos = end + 1;
            return v;
        }

        private boolean bool() throws IOException {
            peek();
            if (s.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw error("expected True or False");
        }

        private int[] tuple() throws IOException {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (peek() != ')') {
                int start = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (start == pos) {
                    throw error("expected a dimension");
                }
                try {
                    dims.add(Integer.parseInt(s.substring(start, pos)));
                } catch (NumberFormatException e) {
                    throw error("dimension " + s.substring(start, pos) + " is too large");
                }
                if (pos < s.length() && s.charAt(pos) == 'L') {
                    pos++;
                }
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ')') {
                    throw error("expected ',' or ')'");
                }
            }
            pos++;
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private IOException error(String what) {
            return new IOException(source + ": bad .npy header at character " + pos + ": " + what + " in " + s.strip());
        }
    }
}
