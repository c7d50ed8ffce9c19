package dev.fluxion.cli.trace;

import dev.fluxion.cli.Numbers;
import dev.fluxion.compiler.trace.Name;
import dev.fluxion.compiler.trace.Token;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lecture's notation in LaTeX math: {@code v_{3}}, {@code \dot{v}_{3}},
 * {@code \bar{v}_{3}}, {@code \ln}, {@code \cdot}. Identifiers that are not a letter and a
 * number are set in {@code \mathit} with LaTeX's special characters escaped, so no name
 * can break the document.
 */
public final class LatexStyle implements Style {

    private static final Pattern INDEXED = Pattern.compile("([A-Za-z]+)([0-9]+)?");
    private static final Set<String> KNOWN = Set.of("ln", "log", "exp", "sin", "cos", "tan", "tanh", "sinh", "cosh", "max", "min");

    @Override
    public String name(Name name) {
        String id = name.identifier();
        Matcher m = INDEXED.matcher(id);
        String base;
        String index = null;
        if (m.matches()) {
            base = m.group(1).length() == 1 ? m.group(1) : "\\mathit{" + m.group(1) + "}";
            index = m.group(2);
        } else {
            base = "\\mathit{" + escape(id) + "}";
        }
        String accented = switch (name.role()) {
            case VALUE -> base;
            case TANGENT -> "\\dot{" + base + "}";
            case ADJOINT -> "\\bar{" + base + "}";
        };
        return index == null ? accented : accented + "_{" + index + "}";
    }

    @Override
    public String symbol(Token.Sym sym) {
        return switch (sym.kind()) {
            case INFIX -> switch (sym.text()) {
                case "*" -> " \\cdot ";
                case "+", "-" -> " " + sym.text() + " ";
                default -> sym.text();
            };
            case FUNCTION -> KNOWN.contains(sym.text()) ? "\\" + sym.text() : "\\operatorname{" + escape(sym.text()) + "}";
            case OPEN -> "\\left(";
            case CLOSE -> "\\right)";
            case COMMA -> ", ";
            case PREFIX -> sym.text();
        };
    }

    @Override
    public String number(double value, int digits) {
        if (Double.isNaN(value)) {
            return "\\mathrm{NaN}";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "\\infty" : "-\\infty";
        }
        String s = Numbers.rounded(value, digits);
        int e = s.indexOf('e');
        return e < 0 ? s : s.substring(0, e) + " \\times 10^{" + Integer.parseInt(s.substring(e + 1)) + "}";
    }

    @Override
    public String partial(Name y, Name x) {
        return "\\frac{\\partial " + name(y) + "}{\\partial " + name(x) + "}";
    }

    @Override
    public boolean groupsSuperscripts() {
        return true;
    }

    /** Text safe inside a LaTeX argument. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '{', '}', '_', '#', '$', '%', '&' -> sb.append('\\').append(c);
                case '^' -> sb.append("\\^{}");
                case '~' -> sb.append("\\~{}");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
