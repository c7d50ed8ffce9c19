package dev.fluxion.cli.trace;

import dev.fluxion.compiler.trace.Trace;

/** The renderings of a trace: aligned text for a terminal, Markdown tables, LaTeX arrays. */
public enum TraceFormat {
    TEXT, MARKDOWN, LATEX;

    /**
     * The three tables of {@code t}, titled {@code title} (the program, for a person to
     * recognise; plain text), numbers rounded to {@code digits} decimals.
     */
    public String render(Trace t, String title, int digits) {
        return switch (this) {
            case TEXT -> TextRenderer.render(Layout.of(t, new FormulaWriter(new UnicodeStyle(), t, digits)), title);
            case MARKDOWN -> MarkdownRenderer.render(Layout.of(t, new FormulaWriter(new UnicodeStyle(), t, digits)), title);
            case LATEX -> LatexRenderer.render(Layout.of(t, new FormulaWriter(new LatexStyle(), t, digits)), title);
        };
    }
}
