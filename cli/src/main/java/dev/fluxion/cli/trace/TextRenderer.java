package dev.fluxion.cli.trace;

/** The tables as aligned text: the definitions in one column, their values at the point in the next. */
final class TextRenderer {

    private TextRenderer() {
    }

    static String render(Layout l, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append('\n').append("at ").append(l.point()).append('\n');
        for (Layout.Section s : l.sections()) {
            int width = 0;
            for (Layout.Cells c : s.rows()) {
                width = Math.max(width, UnicodeStyle.width(c.definition()));
            }
            sb.append('\n').append(s.heading()).append('\n');
            for (Layout.Cells c : s.rows()) {
                sb.append("  ").append(c.definition())
                        .append(" ".repeat(width - UnicodeStyle.width(c.definition())))
                        .append("   ").append(c.evaluation()).append('\n');
            }
        }
        sb.append('\n');
        sb.append("Forward mode (tangent trace):").append(list(l.tangentResult())).append('\n');
        sb.append("Reverse mode (adjoint trace):").append(list(l.adjointResult())).append('\n');
        return sb.toString();
    }

    /** A few results on the line; many, one per line below it. */
    static String list(java.util.List<String> results) {
        return results.size() <= MAX_ON_ONE_LINE ? " " + String.join(", ", results) : "\n  " + String.join("\n  ", results);
    }

    static final int MAX_ON_ONE_LINE = 5;
}
