package dev.fluxion.cli.trace;

import dev.fluxion.cli.Numbers;
import dev.fluxion.compiler.trace.Name;
import dev.fluxion.compiler.trace.Token;

/**
 * The lecture's notation in plain Unicode, for terminals and Markdown: v̇3 for a tangent,
 * v̄3 for an adjoint (a combining dot or bar over the first letter), · for a product.
 */
public final class UnicodeStyle implements Style {

    static final char DOT = '\u0307';
    static final char BAR = '\u0304';

    @Override
    public String name(Name name) {
        String id = name.identifier();
        return switch (name.role()) {
            case VALUE -> id;
            case TANGENT -> id.charAt(0) + String.valueOf(DOT) + id.substring(1);
            case ADJOINT -> id.charAt(0) + String.valueOf(BAR) + id.substring(1);
        };
    }

    @Override
    public String symbol(Token.Sym sym) {
        return switch (sym.kind()) {
            case INFIX -> switch (sym.text()) {
                case "*" -> "·";
                case "+", "-" -> " " + sym.text() + " ";
                default -> sym.text();
            };
            case COMMA -> ", ";
            default -> sym.text();
        };
    }

    @Override
    public String number(double value, int digits) {
        return Numbers.rounded(value, digits);
    }

    @Override
    public String partial(Name y, Name x) {
        return "∂" + name(y) + "/∂" + name(x);
    }

    /** The width a terminal gives {@code s}: combining marks take no column. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.getType(s.charAt(i)) != Character.NON_SPACING_MARK) {
                w++;
            }
        }
        return w;
    }
}
