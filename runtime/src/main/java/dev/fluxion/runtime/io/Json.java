package dev.fluxion.runtime.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON a safetensors header needs, without a dependency: {@link #quote} writes a string
 * as {@code serde_json} does (the reference implementation's serializer), {@link #parse}
 * reads RFC 8259 JSON into {@code Map} (insertion-ordered), {@code List}, {@code String},
 * {@code Long} (integers), {@code Double}, {@code Boolean} and {@code null}.
 */
final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /**
     * A JSON string literal as {@code serde_json} writes it: {@code "} and {@code \} escaped,
     * {@code \b \f \n \r \t} short, other controls as lowercase backslash-u-00XX escapes, everything
     * else (non-ASCII included) as is.
     *
     * @param s the text
     * @return the quoted literal
     */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * Parses one JSON value that fills {@code text} (surrounding whitespace allowed).
     *
     * @param text the JSON text
     * @param source names the file in messages
     * @return the value
     * @throws IOException if the text is not JSON
     */
    static Object parse(String text, String source) throws IOException {
        Parser p = new Parser(text, source);
        Object v = p.value(0);
        p.skip();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the JSON value");
        }
        return v;
    }

    private static final class Parser {
        private static final int MAX_DEPTH = 64;
        private final String s;
        private final String source;
        int pos;

        Parser(String s, String source) {
            this.s = s;
            this.source = source;
        }

        void skip() {
            while (pos < s.length() && " \t\n\r".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        Object value(int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw error("nested too deeply");
            }
            skip();
            if (pos >= s.length()) {
                throw error("unexpected end of the header");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{': {
                    pos++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    skip();
                    if (peekIs('}')) {
                        return m;
                    }
                    do {
                        skip();
                        if (pos >= s.length() || s.charAt(pos) != '"') {
                            throw error("expected a key");
                        }
                        String key = string();
                        skip();
                        expect(':');
                        if (m.put(key, value(depth + 1)) != null) {
                            throw error("key \"" + key + "\" appears twice");
                        }
                        skip();
                    } while (peekIs(','));
                    expect('}');
                    return m;
                }
                case '[': {
                    pos++;
                    List<Object> l = new ArrayList<>();
                    skip();
                    if (peekIs(']')) {
                        return l;
                    }
                    do {
                        l.add(value(depth + 1));
                        skip();
                    } while (peekIs(','));
                    expect(']');
                    return l;
                }
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private boolean peekIs(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) throws IOException {
            if (!peekIs(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private Object literal(String word, Object v) throws IOException {
            if (!s.startsWith(word, pos)) {
                throw error("unexpected character");
            }
            pos += word.length();
            return v;
        }

        private Object number() throws IOException {
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String t = s.substring(start, pos);
            if (!t.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                throw error(t.isEmpty() ? "unexpected character" : "bad number " + t);
            }
            if (t.matches("-?[0-9]+")) {
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw error("integer " + t + " is too large");
                }
            }
            return Double.parseDouble(t);
        }

        private String string() throws IOException {
            pos++;
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        IOException error(String what) {
            return new IOException(source + ": bad safetensors header (JSON) at character " + pos + ": " + what);
        }
    }
}
