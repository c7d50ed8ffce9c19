package dev.fluxion.compiler.trace;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Notation;
import dev.fluxion.compiler.ir.Zero;
import dev.fluxion.compiler.simplify.Phase;
import dev.fluxion.compiler.simplify.RuleSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a derivative table is worked out: a graph builder holding a copy of the primal,
 * one fresh symbol per tangent or adjoint that a row defines, and whatever the op table's
 * rules build from them; with the number every node stands for at the point.
 *
 * <p>Each tangent and adjoint is a symbol (an input node of its own port) rather than the
 * expression that computes it, so a row's formula reads like the lecture's
 * ({@code v̄1 = v̄3·v0 + v̄4·cos(v1)}) instead of inlining everything before it, and two
 * rows never collapse into one shared node. The builder folds constants and does nothing
 * else, so a formula shows the rule as written ({@code 1/v0 * dv0}, not {@code dv0/v0}).
 *
 * <p>Values are computed in node order with each op's own evaluation, lazily: a symbol's
 * value is the value of the row that defines it, known by the time the symbol is created.
 */
final class Worksheet {

    /** Port of the primal inputs. */
    static final int PRIMAL = 0;

    private final GraphBuilder b;
    private final int[] primal;
    private final double[] point;
    private final Map<Integer, Name> names = new HashMap<>();
    private final Map<Integer, Double> symbolValues = new HashMap<>();
    private final List<Double> values = new ArrayList<>();

    /** A worksheet holding a copy of {@code g} (input port 0 at {@code point}), each node named by {@code nodeName}. */
    Worksheet(Graph g, double[] point, java.util.function.IntFunction<Name> nodeName) {
        this.b = new GraphBuilder(RuleSet.standard().phases(EnumSet.of(Phase.FOLD)).rewriter());
        this.point = point.clone();
        this.primal = g.copyInto(b, new int[] {PRIMAL});
        for (int i = 0; i < g.size(); i++) {
            Name n = nodeName.apply(i);
            if (n != null) {
                names.putIfAbsent(primal[i], n);
            }
        }
    }

    GraphBuilder builder() {
        return b;
    }

    /** The worksheet node of primal node {@code i}. */
    int primal(int i) {
        return primal[i];
    }

    /** A new symbol called {@code name} standing for {@code value}: input {@code index} of port {@code port}. */
    int symbol(int port, int index, Name name, double value) {
        int id = b.input(port, index);
        if (names.containsKey(id)) {
            throw new IllegalStateException("symbol " + name + " is already defined as " + names.get(id));
        }
        names.put(id, name);
        symbolValues.put(id, value);
        return id;
    }

    /** The value of worksheet node {@code id} at the point (0 for symbolic zero). */
    double value(int id) {
        if (Zero.is(id)) {
            return 0.0;
        }
        for (int i = values.size(); i <= id; i++) {
            Node n = b.node(i);
            double v;
            if (n.op() == Leaf.INPUT) {
                InputRef ref = (InputRef) n.attr();
                v = ref.array() == PRIMAL ? point[ref.index()] : symbolValues.get(i);
            } else {
                double[] args = new double[n.arity()];
                for (int k = 0; k < args.length; k++) {
                    args[k] = values.get(n.arg(k));
                }
                v = n.op().eval(args, n.attr());
            }
            values.add(v);
        }
        return values.get(id);
    }

    /** Node {@code id} as a formula: its name if it has one, else its expression (0 for symbolic zero). */
    Formula formula(int id) {
        if (Zero.is(id)) {
            return Formula.of(0.0);
        }
        List<Token> out = new ArrayList<>();
        write(id, out);
        return new Formula(out);
    }

    /** Node {@code id}'s own expression, with its arguments by name: {@code ln(v0)} for v2. */
    Formula expansion(int id) {
        List<Token> out = new ArrayList<>();
        expand(id, out);
        return new Formula(out);
    }

    /**
     * Recursion here follows unnamed nodes only, which a derivative rule builds from named
     * ones (the primal copies and the symbols): its depth is that of one rule's
     * expression, a handful of levels, never the depth of the program.
     */
    private void write(int id, List<Token> out) {
        Name name = names.get(id);
        Node n = b.node(id);
        if (name != null) {
            out.add(new Token.Ref(name));
        } else if (n.op() == Leaf.CONST) {
            out.add(new Token.Num((Double) n.attr()));
        } else {
            expand(id, out);
        }
    }

    private void expand(int id, List<Token> out) {
        Node n = b.node(id);
        Notation nt = n.op().notation().shown();
        switch (nt.kind()) {
            case LEAF -> write(id, out);
            case PREFIX -> {
                out.add(new Token.Sym(Token.Kind.PREFIX, nt.symbol()));
                operand(n.arg(0), precedence(n.arg(0)) <= Notation.UNARY, out);
            }
            case INFIX -> {
                int p = nt.precedence();
                int left = precedence(n.arg(0));
                int right = precedence(n.arg(1));
                operand(n.arg(0), nt.rightAssociative() ? left <= p : left < p, out);
                out.add(new Token.Sym(Token.Kind.INFIX, nt.symbol()));
                operand(n.arg(1), nt.rightAssociative() ? right < p : right <= p, out);
            }
            case CALL -> {
                out.add(new Token.Sym(Token.Kind.FUNCTION, nt.symbol()));
                out.add(new Token.Sym(Token.Kind.OPEN, "("));
                for (int k = 0; k < n.arity(); k++) {
                    if (k > 0) {
                        out.add(new Token.Sym(Token.Kind.COMMA, ","));
                    }
                    write(n.arg(k), out);
                }
                out.add(new Token.Sym(Token.Kind.CLOSE, ")"));
            }
        }
    }

    private void operand(int id, boolean parens, List<Token> out) {
        if (parens) {
            out.add(new Token.Sym(Token.Kind.OPEN, "("));
        }
        write(id, out);
        if (parens) {
            out.add(new Token.Sym(Token.Kind.CLOSE, ")"));
        }
    }

    /** How tightly a reference to {@code id} binds, as {@link Notation}'s precedences. */
    private int precedence(int id) {
        Node n = b.node(id);
        if (names.containsKey(id)) {
            return Notation.ATOM;
        }
        if (n.op() == Leaf.CONST) {
            double v = (Double) n.attr();
            return v < 0 || (v == 0 && 1 / v < 0) ? Notation.UNARY : Notation.ATOM;
        }
        return n.op().notation().shown().precedence();
    }
}
