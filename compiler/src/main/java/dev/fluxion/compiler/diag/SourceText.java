package dev.fluxion.compiler.diag;

import java.util.ArrayList;
import java.util.List;

/** A source text with a name (a file, or {@code <input>}), and its line structure for diagnostics. */
public final class SourceText {

    private final String name;
    private final String text;
    private final List<Integer> lineStarts;

    /**
     * Indexes the line starts once, so that every diagnostic finds its line directly.
     *
     * @param name how messages name the source: a file name, or {@code <input>}
     * @param text the program text
     */
    public SourceText(String name, String text) {
        this.name = name;
        this.text = text;
        this.lineStarts = new ArrayList<>();
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
    }

    /**
     * The name messages start with.
     *
     * @return a file name, or {@code <input>}
     */
    public String name() {
        return name;
    }

    /**
     * The whole text.
     *
     * @return the program as given
     */
    public String text() {
        return text;
    }

    /**
     * Line {@code n} (1-based), without its line terminator ({@code \n} or {@code \r\n}).
     *
     * @param n the line number
     * @return the line, or empty if there is no such line
     */
    public String line(int n) {
        if (n < 1 || n > lineStarts.size()) {
            return "";
        }
        int start = lineStarts.get(n - 1);
        int end = n < lineStarts.size() ? lineStarts.get(n) - 1 : text.length();
        String s = text.substring(start, Math.max(start, end));
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * The diagnostic as a person reads it:
     * <pre>
     * &lt;input&gt;:1:4: error: unknown function 'foo'
     *     1 | ln(foo(x))
     *       |    ^^^
     * </pre>
     * Very long lines are cut to a window around the error.
     *
     * @param d the diagnostic, positioned in this text
     * @return the message line, the source line and the caret line, each ending in a newline
     */
    public String format(Diagnostic d) {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(':').append(d.line()).append(':').append(d.column()).append(": error: ")
                .append(d.message()).append('\n');
        String line = line(d.line()).replace('\t', ' ');
        int col = d.column() - 1;
        int len = d.length();
        int from = 0;
        String prefix = "";
        if (line.length() > 100 && col > 60) {
            from = col - 40;
            prefix = "...";
        }
        int to = Math.min(line.length(), from + 100);
        String shown = prefix + line.substring(Math.min(from, line.length()), to) + (to < line.length() ? "..." : "");
        int caretAt = prefix.length() + col - from;
        String gutter = String.format("%5d | ", d.line());
        sb.append(gutter).append(shown).append('\n');
        sb.append(" ".repeat(gutter.length() - 2)).append("| ").append(" ".repeat(Math.max(0, caretAt)))
                .append("^".repeat(Math.max(1, Math.min(len, Math.max(1, shown.length() - caretAt))))).append('\n');
        return sb.toString();
    }
}
