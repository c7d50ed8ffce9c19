package dev.fluxion.cli.trace;

import dev.fluxion.compiler.trace.Formula;
import dev.fluxion.compiler.trace.Name;
import dev.fluxion.compiler.trace.Token;
import dev.fluxion.compiler.trace.Trace;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes a trace formula in a {@link Style}: as it stands ({@code v̄3·v0 + v̄4·cos(v1)}) or
 * with every reference replaced by its value at the point ({@code 1·2 + (-1)·cos(5)}),
 * the lecture's middle column.
 */
public final class FormulaWriter {

    private final Style style;
    private final Trace trace;
    private final int digits;

    public FormulaWriter(Style style, Trace trace, int digits) {
        this.style = style;
        this.trace = trace;
        this.digits = digits;
    }

    public Style style() {
        return style;
    }

    /** A name. */
    public String name(Name n) {
        return style.name(n);
    }

    /** A value at the point. */
    public String number(double v) {
        return style.number(v, digits);
    }

    /** The formula with names. */
    public String symbolic(Formula f) {
        return write(f, false);
    }

    /** The formula with the values of the names substituted. */
    public String substituted(Formula f) {
        return write(f, true);
    }

    private String write(Formula f, boolean values) {
        StringBuilder sb = new StringBuilder();
        // Superscript groups still open, as the parenthesis depth at which each closes.
        Deque<Integer> groups = new ArrayDeque<>();
        int depth = 0;
        boolean pendingGroup = false;
        java.util.List<Token> tokens = f.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean opensGroup = pendingGroup;
            pendingGroup = false;
            if (opensGroup) {
                groups.push(depth);
            }
            if (t instanceof Token.Ref r) {
                sb.append(values ? operand(trace.valueOf(r.name()), f.isAtom()) : style.name(r.name()));
            } else if (t instanceof Token.Num n) {
                sb.append(operand(n.value(), f.isAtom()));
            } else if (t instanceof Token.Sym s) {
                if (s.kind() == Token.Kind.INFIX && s.text().equals("^") && style.groupsSuperscripts()) {
                    sb.append("^{");
                    pendingGroup = true;
                    continue;
                }
                sb.append(style.symbol(s));
                if (s.kind() == Token.Kind.OPEN) {
                    depth++;
                } else if (s.kind() == Token.Kind.CLOSE) {
                    depth--;
                }
            }
            // A group closes once its operand is complete: back at its depth, not waiting for
            // a function's argument list or a prefix operator's operand, and not the base of
            // a further power (a^b^c is a^(b^c): a^{b^{c}}).
            boolean incomplete = t instanceof Token.Sym s2
                    && (s2.kind() == Token.Kind.FUNCTION || s2.kind() == Token.Kind.PREFIX || s2.kind() == Token.Kind.OPEN)
                    || i + 1 < tokens.size() && tokens.get(i + 1) instanceof Token.Sym next
                    && next.kind() == Token.Kind.INFIX && next.text().equals("^");
            while (!groups.isEmpty() && groups.peek() == depth && !incomplete) {
                groups.pop();
                sb.append('}');
            }
        }
        while (!groups.isEmpty()) {
            groups.pop();
            sb.append('}');
        }
        return sb.toString();
    }

    /** A number in operand position: negative numbers in parentheses unless alone. */
    private String operand(double v, boolean alone) {
        String s = style.number(v, digits);
        return !alone && s.startsWith("-") ? "(" + s + ")" : s;
    }
}
