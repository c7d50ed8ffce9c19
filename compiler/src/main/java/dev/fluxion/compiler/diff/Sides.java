package dev.fluxion.compiler.diff;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ops.Logic;

/**
 * Which side of which choices every node of a graph lies on. A choice is an op with a scalar
 * {@linkplain Op#conditionArg condition} ({@code where(c, a, b)} with a scalar c, which is what
 * {@code if c then a else b} lowers to); a node lies on its true side when every use of the
 * node is, directly or through other nodes, in the argument chosen when c is true. The result
 * for each node is the chain of (condition, side) pairs from the outermost choice to the
 * innermost, or none for a node used unconditionally.
 *
 * <p>Reverse mode needs it because the primal computes both sides: an adjoint computed on the
 * side not taken can be NaN ({@code 0 * Infinity} for {@code sin(t)/t} at t = 0), and must not
 * reach a node outside. Every cotangent that leaves a side is therefore sent through
 * {@code where(c, ct, 0)} (or {@code where(c, 0, ct)}), which selects an exact 0 when the side is
 * not taken. Forward mode needs nothing: a choice's tangent is the chosen side's tangent.
 *
 * <p>Computed in one backward loop over the node list; no recursion.
 */
public final class Sides {

    /** One link of a chain: inside {@code outer}, on the {@code when} side of the choice by {@code condition}. */
    record Side(Side outer, int condition, boolean when, int depth) {
    }

    private final Side[] side;
    private final boolean[] used;

    private Sides(Graph g) {
        side = new Side[g.size()];
        used = new boolean[g.size()];
        for (Port p : g.outputs()) {
            for (int id : p.nodes()) {
                used[id] = true;
                side[id] = null;
            }
        }
        for (int i = g.size() - 1; i >= 0; i--) {
            if (!used[i]) {
                continue;
            }
            Node n = g.node(i);
            Op op = n.op();
            int c = op.conditionArg();
            boolean scalarChoice = c >= 0 && g.node(n.arg(c)).shape().isScalar();
            for (int k = 0; k < n.arity(); k++) {
                Side s = side[i];
                Boolean when = scalarChoice ? op.chosenWhen(k) : null;
                if (when != null) {
                    s = new Side(s, n.arg(c), when, depth(s) + 1);
                }
                int a = n.arg(k);
                if (!used[a]) {
                    used[a] = true;
                    side[a] = s;
                } else {
                    side[a] = common(side[a], s);
                }
            }
        }
    }

    /** The sides of every node of {@code g}, or null when {@code g} has no scalar choice (nothing to do). */
    public static Sides of(Graph g) {
        for (Node n : g.nodes()) {
            int c = n.op().conditionArg();
            if (c >= 0 && g.node(n.arg(c)).shape().isScalar()) {
                return new Sides(g);
            }
        }
        return null;
    }

    /**
     * One choice a node lies within: the node computing its condition, and the side ({@code when}
     * true: the condition holds) that needs the node.
     */
    public record Guard(int condition, boolean when) {
    }

    /**
     * The choices node {@code i} lies within, outermost first: the node is needed only when every
     * one of them takes the given side (code generation computes it only then). Empty for a node
     * needed unconditionally, and for one no output needs.
     */
    public java.util.List<Guard> guards(int i) {
        java.util.ArrayDeque<Guard> chain = new java.util.ArrayDeque<>();
        for (Side s = side[i]; s != null; s = s.outer()) {
            chain.addFirst(new Guard(s.condition(), s.when()));
        }
        return java.util.List.copyOf(chain);
    }

    private static int depth(Side s) {
        return s == null ? 0 : s.depth();
    }

    /** The longest chain both lie in. */
    private static Side common(Side x, Side y) {
        while (depth(x) > depth(y)) {
            x = x.outer();
        }
        while (depth(y) > depth(x)) {
            y = y.outer();
        }
        while (x != null && !x.equals(y)) {
            x = x.outer();
            y = y.outer();
        }
        return x;
    }

    /**
     * The cotangent {@code ct} that node {@code from} sends to its argument {@code to}, selected
     * to an exact 0 for every choice that {@code from} lies within and {@code to} does not.
     *
     * @param primal the id in {@code b} of every node of the graph (the conditions are read there)
     */
    public int leave(GraphBuilder b, int[] primal, int from, int to, int ct) {
        return leave(b, id -> primal[id], from, to, ct);
    }

    /** As {@link #leave(GraphBuilder, int[], int, int, int)}, with the ids in {@code b} given by a function. */
    public int leave(GraphBuilder b, java.util.function.IntUnaryOperator primal, int from, int to, int ct) {
        return select(b, primal, from, depth(side[to]), ct);
    }

    /**
     * The adjoint {@code ct} of node {@code from} (an input) as it leaves the graph for an output port,
     * outside every choice: selected to an exact 0 for every choice {@code from} lies within, so the
     * output does not read the side's values where the side is not taken (and code generation can
     * compute them on that side alone).
     */
    public int leaveGraph(GraphBuilder b, int[] primal, int from, int ct) {
        return select(b, id -> primal[id], from, 0, ct);
    }

    private int select(GraphBuilder b, java.util.function.IntUnaryOperator primal, int from, int outer, int ct) {
        for (Side s = side[from]; s != null && s.depth() > outer; s = s.outer()) {
            int c = primal.applyAsInt(s.condition());
            int zero = b.constant(0.0);
            ct = s.when() ? b.apply(Logic.WHERE, c, ct, zero) : b.apply(Logic.WHERE, c, zero, ct);
        }
        return ct;
    }
}
