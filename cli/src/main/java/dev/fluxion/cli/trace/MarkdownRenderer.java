package dev.fluxion.cli.trace;

/** The tables as Markdown: a heading and a two-column table each, ready for notes or a README. */
final class MarkdownRenderer {

    private MarkdownRenderer() {
    }

    static String render(Layout l, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(escape(title)).append("\n\n");
        sb.append("At ").append(escape(l.point())).append(".\n");
        for (Layout.Section s : l.sections()) {
            sb.append("\n### ").append(escape(s.heading())).append("\n\n");
            sb.append("| definition | value at the point |\n");
            sb.append("|---|---|\n");
            for (Layout.Cells c : s.rows()) {
                sb.append("| ").append(escape(c.definition())).append(" | ").append(escape(c.evaluation())).append(" |\n");
            }
        }
        sb.append('\n');
        sb.append("Forward mode (tangent trace): ").append(escape(String.join(", ", l.tangentResult()))).append("  \n");
        sb.append("Reverse mode (adjoint trace): ").append(escape(String.join(", ", l.adjointResult()))).append('\n');
        return sb.toString();
    }

    /** Characters Markdown would read as markup (emphasis, table cells, code, HTML) escaped. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\`*_{}[]<>|#".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
