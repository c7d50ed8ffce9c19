package dev.fluxion.compiler.ir;

/**
 * How an op is written in the surface syntax, so the IR prints back as source that
 * parses to the same graph. Precedences: -2 for or, -1 for and, 0 for comparisons, 1 for + and -, 2 for * and /, 3 for unary minus,
 * 4 for ^ (right-associative), 5 for atoms and calls.
 */
public record Notation(Kind kind, String symbol, int precedence, boolean rightAssociative, Notation display) {

    public enum Kind { LEAF, PREFIX, INFIX, CALL }

    /** Loosest first: {@code or}, {@code and}, the comparisons, then arithmetic. */
    public static final int DISJUNCTION = -2;
    public static final int CONJUNCTION = -1;
    public static final int COMPARISON = 0;
    public static final int ADDITIVE = 1;
    public static final int MULTIPLICATIVE = 2;
    public static final int UNARY = 3;
    public static final int POWER = 4;
    public static final int ATOM = 5;

    public static Notation leaf() {
        return new Notation(Kind.LEAF, "", ATOM, false, null);
    }

    public static Notation prefix(String symbol) {
        return new Notation(Kind.PREFIX, symbol, UNARY, false, null);
    }

    public static Notation infix(String symbol, int precedence) {
        return new Notation(Kind.INFIX, symbol, precedence, false, null);
    }

    public static Notation infixRight(String symbol, int precedence) {
        return new Notation(Kind.INFIX, symbol, precedence, true, null);
    }

    public static Notation call(String name) {
        return new Notation(Kind.CALL, name, ATOM, false, null);
    }

    /**
     * This notation, shown as {@code shown} in the worksheets of {@code fluxion trace} (which
     * are read, not pasted back in): the derivative product {@code times(a, b)} shows as the
     * lecture's {@code a·b}.
     *
     * @param shown how worksheets write the op
     * @return a copy with that display form
     */
    public Notation displayedAs(Notation shown) {
        return new Notation(kind, symbol, precedence, rightAssociative, shown);
    }

    /**
     * How worksheets write the op: the display form if one was given, else this notation.
     *
     * @return the notation to show
     */
    public Notation shown() {
        return display != null ? display : this;
    }
}
