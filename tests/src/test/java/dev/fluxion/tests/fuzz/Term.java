package dev.fluxion.tests.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One expression of a generated scalar program, as a tree the fuzzer can print, evaluate
 * and shrink. A node is a number, a name, a call {@code f(a, b)}, an infix operator
 * {@code a + b}, a prefix minus, or a conditional {@code if a < b then c else d}
 * (whatever constructs the language has, each a {@link Kind}).
 *
 * <p>The printer adds the parentheses the grammar needs, so the text parses back to this
 * tree and {@link Reference} can evaluate the tree as an independent oracle of the value;
 * {@code parens} asks for redundant ones as well (the parser must not care).
 *
 * @param kind    what the node is
 * @param symbol  the number's text, the name, the function, the operator, or the comparison of a conditional
 * @param args    the operands, in order
 * @param parens  whether the node is printed inside parentheses even where the grammar does not need them
 */
record Term(Kind kind, String symbol, List<Term> args, boolean parens) {

    /**
     * The constructs of the scalar language. COMPARISON, LOGIC ({@code and}, {@code or}) and
     * NOT are conditions, read only by CONDITIONAL ({@code if c then a else b}: args c, a, b)
     * and by the condition arguments of calls such as {@code where(c, a, b)}.
     */
    enum Kind { NUMBER, NAME, CALL, INFIX, PREFIX, CONDITIONAL, COMPARISON, LOGIC, NOT, INDEX, REDUCTION }

    Term {
        args = List.copyOf(args);
    }

    static Term number(String text) {
        return new Term(Kind.NUMBER, text, List.of(), false);
    }

    static Term name(String name) {
        return new Term(Kind.NAME, name, List.of(), false);
    }

    static Term call(String function, List<Term> args) {
        return new Term(Kind.CALL, function, args, false);
    }

    static Term infix(String op, Term a, Term b, boolean parens) {
        return new Term(Kind.INFIX, op, List.of(a, b), parens);
    }

    static Term negate(Term a, boolean parens) {
        return new Term(Kind.PREFIX, "-", List.of(a), parens);
    }

    /** {@code if c then a else b}, always printed in parentheses. */
    static Term conditional(Term condition, Term then, Term otherwise) {
        return new Term(Kind.CONDITIONAL, "if", List.of(condition, then, otherwise), true);
    }

    /** {@code a < b} and the other comparisons. */
    static Term comparison(String op, Term a, Term b) {
        return new Term(Kind.COMPARISON, op, List.of(a, b), false);
    }

    /** {@code c and d}, {@code c or d}. */
    static Term logic(String op, Term a, Term b) {
        return new Term(Kind.LOGIC, op, List.of(a, b), false);
    }

    static Term not(Term a) {
        return new Term(Kind.NOT, "not", List.of(a), false);
    }

    /** {@code a[i]}, {@code A[i, j + 1]}: an element of an array parameter; the indices are whole-number expressions. */
    static Term index(String array, List<Term> indices) {
        return new Term(Kind.INDEX, array, indices, false);
    }

    /** {@code sum(i in lo..hi: body)} (and prod, max, min): symbol "sum i". */
    static Term reduction(String op, String variable, int lo, int hi, Term body) {
        return new Term(Kind.REDUCTION, op + " " + variable, List.of(number(String.valueOf(lo)), number(String.valueOf(hi)), body),
                false);
    }

    /** Whether this is a condition rather than a number. */
    boolean isCondition() {
        return kind == Kind.COMPARISON || kind == Kind.LOGIC || kind == Kind.NOT;
    }

    Term withArgs(List<Term> newArgs) {
        return new Term(kind, symbol, newArgs, parens);
    }

    /**
     * Appends the text of this term, with the parentheses the grammar needs for the text to
     * parse back to this tree (so {@link Reference} can evaluate the tree as an oracle)
     * plus the redundant ones the generator asked for.
     */
    void print(StringBuilder out) {
        print(out, false);
    }

    private void print(StringBuilder out, boolean needed) {
        boolean wrap = parens || needed || kind == Kind.CONDITIONAL;
        if (wrap) {
            out.append('(');
        }
        switch (kind) {
            case NUMBER, NAME -> out.append(symbol);
            case CALL -> {
                out.append(symbol).append('(');
                for (int i = 0; i < args.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    args.get(i).print(out, false);
                }
                out.append(')');
            }
            case INFIX -> {
                int p = precedence();
                Term a = args.get(0);
                Term b = args.get(1);
                if (symbol.equals("^")) {
                    // the base is a postfix expression (an atom), the exponent a unary one
                    a.print(out, !a.isAtom());
                    out.append(" ^ ");
                    b.print(out, b.precedence() < UNARY);
                } else {
                    a.print(out, a.precedence() < p);
                    out.append(' ').append(symbol).append(' ');
                    b.print(out, b.precedence() <= p);
                }
            }
            case PREFIX -> {
                out.append(symbol);
                Term a = args.get(0);
                a.print(out, a.precedence() < UNARY);
            }
            case CONDITIONAL -> {
                out.append("if ");
                args.get(0).print(out, false);
                out.append(" then ");
                args.get(1).print(out, !args.get(1).isAtom());
                out.append(" else ");
                args.get(2).print(out, !args.get(2).isAtom());
            }
            case INDEX -> {
                out.append(symbol).append('[');
                for (int i = 0; i < args.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    args.get(i).print(out, false);
                }
                out.append(']');
            }
            case REDUCTION -> {
                String[] opVar = symbol.split(" ");
                out.append(opVar[0]).append('(').append(opVar[1]).append(" in ");
                args.get(0).print(out, false);
                out.append("..");
                args.get(1).print(out, false);
                out.append(": ");
                args.get(2).print(out, false);
                out.append(')');
            }
            case COMPARISON -> {
                // operands are sums; a conditional operand is parenthesized by its own print
                args.get(0).print(out, false);
                out.append(' ').append(symbol).append(' ');
                args.get(1).print(out, false);
            }
            case LOGIC -> {
                args.get(0).print(out, args.get(0).kind == Kind.LOGIC);
                out.append(' ').append(symbol).append(' ');
                args.get(1).print(out, args.get(1).kind == Kind.LOGIC);
            }
            case NOT -> {
                out.append("not ");
                args.get(0).print(out, args.get(0).kind == Kind.LOGIC);
            }
        }
        if (wrap) {
            out.append(')');
        }
    }

    private static final int ADDITIVE = 1;
    private static final int MULTIPLICATIVE = 2;
    private static final int UNARY = 3;
    private static final int POWER = 4;
    private static final int ATOM = 5;

    /** How tightly the printed node binds (parenthesized nodes are atoms). */
    private int precedence() {
        if (parens || kind == Kind.CONDITIONAL) {
            return ATOM;
        }
        return switch (kind) {
            case NUMBER, NAME, CALL, CONDITIONAL, INDEX, REDUCTION -> ATOM;
            case COMPARISON, LOGIC, NOT -> 0;
            case PREFIX -> UNARY;
            case INFIX -> switch (symbol) {
                case "+", "-" -> ADDITIVE;
                case "*", "/" -> MULTIPLICATIVE;
                default -> POWER;
            };
        };
    }

    private boolean isAtom() {
        return precedence() == ATOM;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        print(sb);
        return sb.toString();
    }

    /** Adds every name this term reads to {@code names}. */
    void names(Set<String> names) {
        if (kind == Kind.NAME || kind == Kind.INDEX) {
            names.add(symbol);
        }
        for (Term a : args) {
            a.names(names);
        }
    }

    /** The function names this term calls and the operators it applies, added to {@code ops}. */
    void ops(Set<String> ops) {
        if (kind == Kind.INDEX) {
            boolean gather = args.stream().anyMatch(a -> a.kind == Kind.INDEX);
            ops.add(gather ? "x[idx[i]]" : "x[i]");
        } else if (kind == Kind.REDUCTION) {
            ops.add(symbol.split(" ")[0] + "(i in ..)");
        } else if (kind != Kind.NUMBER && kind != Kind.NAME && kind != Kind.PREFIX) {
            ops.add(symbol);
        } else if (kind == Kind.PREFIX) {
            ops.add("neg");
        }
        for (Term a : args) {
            a.ops(ops);
        }
    }

    /** The number of nodes. */
    int size() {
        int n = 1;
        for (Term a : args) {
            n += a.size();
        }
        return n;
    }

    /**
     * The term with its node number {@code index} (in preorder) replaced by {@code f} of it;
     * {@code seen} counts the nodes passed so far (start at {0}).
     */
    Term replaceAt(int index, java.util.function.UnaryOperator<Term> f, int[] seen) {
        if (seen[0]++ == index) {
            return f.apply(this);
        }
        List<Term> changed = new ArrayList<>(args.size());
        for (Term a : args) {
            changed.add(a.replaceAt(index, f, seen));
        }
        return withArgs(changed);
    }

    /** Renames every name by {@code renaming} (names it does not map stay). */
    Term rename(Map<String, String> renaming) {
        if (kind == Kind.NAME) {
            return name(renaming.getOrDefault(symbol, symbol));
        }
        if (kind == Kind.INDEX) {
            return index(renaming.getOrDefault(symbol, symbol), args);
        }
        List<Term> renamed = new ArrayList<>(args.size());
        for (Term a : args) {
            renamed.add(a.rename(renaming));
        }
        return withArgs(renamed);
    }

    /**
     * Smaller terms that might fail the same way, most aggressive first: each operand in
     * place of the node, then a constant, then the node with one operand shrunk.
     */
    List<Term> shrinks() {
        List<Term> out = new ArrayList<>();
        if (kind == Kind.NUMBER) {
            if (!symbol.equals("1") && !symbol.equals("0")) {
                out.add(number("1"));
            }
            return out;
        }
        if (kind == Kind.NAME || kind == Kind.INDEX) {
            if (kind == Kind.INDEX) {
                out.add(number("1"));
            }
            return out;
        }
        if (kind == Kind.REDUCTION) {
            out.add(number("1"));
            for (Term smaller : args.get(2).shrinks()) {
                out.add(withArgs(List.of(args.get(0), args.get(1), smaller)));
            }
            return out;
        }
        for (Term a : args) {
            if (a.isCondition() == isCondition()) {
                out.add(a.parens == parens ? a : new Term(a.kind, a.symbol, a.args, parens || a.parens));
            }
        }
        if (!isCondition()) {
            out.add(number("1"));
        }
        if (parens && kind != Kind.CONDITIONAL) {
            out.add(new Term(kind, symbol, args, false));
        }
        for (int i = 0; i < args.size(); i++) {
            for (Term smaller : args.get(i).shrinks()) {
                List<Term> changed = new ArrayList<>(args);
                changed.set(i, smaller);
                out.add(withArgs(changed));
            }
        }
        return out;
    }
}
