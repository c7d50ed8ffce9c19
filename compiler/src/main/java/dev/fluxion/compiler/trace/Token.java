package dev.fluxion.compiler.trace;

import java.util.Objects;

/**
 * One token of a {@link Formula}: a reference to a named value, a number, or a symbol of
 * the surface syntax. Keeping formulas as tokens rather than text lets each rendering
 * (plain, Unicode, LaTeX, values substituted) map references and operators its own way
 * without parsing anything back.
 */
public sealed interface Token {

    /** A reference to a value defined by a row (or to an input, or to a seed). */
    record Ref(Name name) implements Token {
        public Ref {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A numeric constant of the program or of a derivative rule. */
    record Num(double value) implements Token {
    }

    /** An operator, function name or punctuation, spelled as the surface syntax spells it. */
    record Sym(Kind kind, String text) implements Token {
        public Sym {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }
    }

    /** What a symbol is, so a renderer can typeset it (an infix {@code *} as a centred dot, say). */
    enum Kind {
        /** A binary operator: {@code + - * / ^}. */
        INFIX,
        /** A unary prefix operator: {@code -}. */
        PREFIX,
        /** The name of a called function: {@code ln}, {@code sin}, {@code max}. */
        FUNCTION,
        OPEN,
        CLOSE,
        COMMA
    }
}
