package dev.fluxion.compiler.inspect;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Interpreter;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Printer;
import dev.fluxion.compiler.ir.Zero;
import dev.fluxion.compiler.simplify.RuleSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The local derivative ∂v_k/∂v_a on every edge a → k of a graph: what the lecture writes
 * on the edges of a computation graph ("mul switches: ∂(xy)/∂x = y") and what an adjoint
 * is multiplied by as it flows backwards.
 *
 * <p>It asks each op for its VJP with the cotangent 1, in a graph where every value of
 * the original graph is an input named after it, so a partial reads in the picture's
 * names ({@code cos(v1)}, {@code 1/v0}, {@code z}) and evaluates from the primal values
 * alone. The rules are the op table's, the same ones reverse mode uses. A symbolic-zero
 * partial means the op does not depend on that argument; it has no text and no value.
 */
public final class LocalPartials {

    private final Graph graph;
    /** Start of node k's partials in {@link #partialNode}; node k has arity(k) of them. */
    private final int[] offset;
    /** Node of each partial in {@link #partials}, or {@link Zero#ID}. */
    private final int[] partialNode;
    /** Where primal node i sits in the single input port of {@link #partials} (-1: a constant). */
    private final int[] slot;
    private final Graph partials;
    private final String[] text;

    private LocalPartials(Graph graph, int[] offset, int[] partialNode, int[] slot, Graph partials) {
        this.graph = graph;
        this.offset = offset;
        this.partialNode = partialNode;
        this.slot = slot;
        this.partials = partials;
        this.text = Printer.comments(partials, i -> null, 0);
    }

    /**
     * The partials of every edge of {@code g}.
     *
     * @param names the display name of every non-constant node of {@code g}, used in the text
     */
    public static LocalPartials of(Graph g, List<String> names) {
        if (names.size() != g.size()) {
            throw new IllegalArgumentException("need a name for each of the " + g.size() + " nodes, got " + names.size());
        }
        GraphBuilder b = RuleSet.standard().newBuilder();
        int[] slot = new int[g.size()];
        int[] ref = new int[g.size()];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.CONST) {
                slot[i] = -1;
                ref[i] = b.constant((Double) n.attr());
            } else {
                slot[i] = labels.size();
                ref[i] = b.input(0, labels.size());
                labels.add(names.get(i));
            }
        }
        int[] offset = new int[g.size() + 1];
        for (int i = 0; i < g.size(); i++) {
            offset[i + 1] = offset[i] + g.node(i).arity();
        }
        int[] partialNode = new int[offset[g.size()]];
        int one = b.constant(1.0);
        List<Integer> outs = new ArrayList<>();
        List<String> outLabels = new ArrayList<>();
        for (int k = 0; k < g.size(); k++) {
            Node n = g.node(k);
            if (n.arity() == 0) {
                continue;
            }
            int[] args = new int[n.arity()];
            for (int a = 0; a < args.length; a++) {
                args[a] = ref[n.arg(a)];
            }
            int[] p = n.op().vjp(b, ref[k], args, one);
            for (int a = 0; a < args.length; a++) {
                partialNode[offset[k] + a] = p[a];
                if (!Zero.is(p[a])) {
                    outs.add(p[a]);
                    outLabels.add("d" + names.get(k) + "/d" + names.get(n.arg(a)));
                }
            }
        }
        Graph partials = b.build(List.of(Port.input("v", labels)), List.of(new Port("partials", outLabels, outs)));
        return new LocalPartials(g, offset, partialNode, slot, partials);
    }

    /** The graph whose edges these are. */
    public Graph graph() {
        return graph;
    }

    /** Whether ∂v_k/∂(argument a of k) is symbolically zero. */
    public boolean isZero(int k, int a) {
        return Zero.is(partialNode[index(k, a)]);
    }

    /** ∂v_k/∂(argument a of k) in the surface syntax, or null where it is zero. */
    public String text(int k, int a) {
        int p = partialNode[index(k, a)];
        return Zero.is(p) ? null : text[p];
    }

    /**
     * The value of every partial given the value of every node of the graph: entry
     * {@code [k][a]} is ∂v_k/∂(argument a of k), 0 where the partial is zero.
     */
    public double[][] values(double[] nodeValues) {
        if (nodeValues.length != graph.size()) {
            throw new IllegalArgumentException("need " + graph.size() + " node values, got " + nodeValues.length);
        }
        double[] in = new double[partials.inputs().get(0).size()];
        for (int i = 0; i < slot.length; i++) {
            if (slot[i] >= 0) {
                in[slot[i]] = nodeValues[i];
            }
        }
        double[] v = Interpreter.evaluateAll(partials, List.of(in));
        double[][] out = new double[graph.size()][];
        for (int k = 0; k < graph.size(); k++) {
            int arity = graph.node(k).arity();
            out[k] = new double[arity];
            for (int a = 0; a < arity; a++) {
                int p = partialNode[offset[k] + a];
                out[k][a] = Zero.is(p) ? 0.0 : v[p];
            }
        }
        return out;
    }

    private int index(int k, int a) {
        if (a < 0 || a >= graph.node(k).arity()) {
            throw new IndexOutOfBoundsException("node " + k + " has no argument " + a);
        }
        return offset[k] + a;
    }
}
