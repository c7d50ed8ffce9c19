package dev.fluxion.compiler.trace;

import dev.fluxion.compiler.ir.Printer;
import java.util.ArrayList;
import java.util.List;

/**
 * The right-hand side of a trace row, as tokens of the surface syntax with named values
 * as references: {@code ln(v0)}, {@code v1*dv0 + v0*dv1}, {@code bv3*v1}. Parentheses
 * are already placed by precedence, so a renderer only maps tokens.
 */
public record Formula(List<Token> tokens) {

    public Formula {
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a formula needs at least one token");
        }
    }

    /** A formula that is just a reference. */
    public static Formula of(Name name) {
        return new Formula(List.of(new Token.Ref(name)));
    }

    /** A formula that is just a number. */
    public static Formula of(double value) {
        return new Formula(List.of(new Token.Num(value)));
    }

    /** Whether the formula is a single reference or number (so showing it with values substituted adds nothing). */
    public boolean isAtom() {
        return tokens.size() == 1;
    }

    /** The names the formula refers to, in order of appearance. */
    public List<Name> references() {
        List<Name> names = new ArrayList<>();
        for (Token t : tokens) {
            if (t instanceof Token.Ref r) {
                names.add(r.name());
            }
        }
        return names;
    }

    /** The surface syntax with the ASCII names of the generated code: {@code v1*dv0 + v0*dv1}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            if (t instanceof Token.Ref r) {
                sb.append(r.name().plain());
            } else if (t instanceof Token.Num n) {
                sb.append(Printer.number(n.value()));
            } else if (t instanceof Token.Sym s) {
                boolean spaced = s.kind() == Token.Kind.INFIX && (s.text().equals("+") || s.text().equals("-"));
                sb.append(spaced ? " " + s.text() + " " : s.kind() == Token.Kind.COMMA ? ", " : s.text());
            }
        }
        return sb.toString();
    }
}
