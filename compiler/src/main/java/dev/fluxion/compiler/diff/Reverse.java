package dev.fluxion.compiler.diff;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Zero;
import dev.fluxion.compiler.ops.Algebra;
import java.util.ArrayList;
import java.util.List;

/**
 * Reverse mode: walks the node list backwards, asking each node's op for its VJP and
 * accumulating adjoints; where a value branches, its adjoint is the sum of what every
 * consumer sends it, added in consumer order (v̄0 = v̄2/v0 + v̄3·v1 in the lecture's
 * trace). The result is a graph in the same form as the input, so it can be
 * differentiated again. A cotangent leaving a side of a choice ({@code if c then a else b})
 * is selected to an exact 0 when that side is not taken ({@link Sides}), so the side not taken
 * contributes nothing, even where its values are NaN or infinite. The adjoint of an input read on
 * one side only is selected the same way as it leaves for the output port.
 *
 * <p>Output guarantee: input ports are those of the primal (plus a seed port {@code ybar}
 * unless the seed is the constant 1), outputs are the primal outputs followed by one port
 * with the adjoint of every element of the differentiated input port; an input nobody
 * depends on has the constant 0 there.
 */
public final class Reverse {

    private Reverse() {
    }

    /**
     * The vector-Jacobian product of output port {@code output} with respect to input
     * port {@code wrt}.
     *
     * @param seedOne  true for a scalar output seeded with the constant 1 (a gradient);
     *                 false to take the seed from a new input port {@code seedPort}
     * @param adjointPort name of the output port holding the adjoints
     */
    public static Graph vjp(Graph g, GraphBuilder b, String output, int wrt, boolean seedOne, String seedPort,
                            String adjointPort) {
        return vjp(g, b, output, new int[] {wrt}, seedOne, seedPort, List.of(adjointPort));
    }

    /**
     * The vector-Jacobian product with respect to several input ports at once, from one
     * adjoint sweep: one adjoint output port per differentiated input port, in order.
     *
     * @param wrt the differentiated input ports
     * @param adjointPorts the name of each one's adjoint port
     */
    public static Graph vjp(Graph g, GraphBuilder b, String output, int[] wrt, boolean seedOne, String seedPort,
                            List<String> adjointPorts) {
        if (wrt.length != adjointPorts.size()) {
            throw new IllegalArgumentException(wrt.length + " ports to differentiate but " + adjointPorts.size()
                    + " adjoint port names");
        }
        Port out = g.output(output);
        if (seedOne && out.size() != 1) {
            throw new IllegalArgumentException("a gradient needs one output; " + output + " has " + out.size()
                    + " (use a Jacobian or a VJP)");
        }
        int[] arrays = identity(g.inputs().size());
        int[] primal = g.copyInto(b, arrays);
        List<Port> inputs = new ArrayList<>(g.inputs());
        int[] seeds = new int[out.size()];
        if (seedOne) {
            seeds[0] = b.constant(1.0);
        } else {
            inputs.add(Port.input(seedPort, out.labels().stream().map(l -> "ybar_" + l).toList()));
            for (int j = 0; j < seeds.length; j++) {
                seeds[j] = b.input(inputs.size() - 1, j, g.node(out.node(j)).shape());
            }
        }
        Sides sides = Sides.of(g);
        int[] adjoint = sweep(g, b, primal, out, seeds, sides);
        List<Port> outputs = new ArrayList<>(g.mapOutputs(primal));
        for (int w = 0; w < wrt.length; w++) {
            Port in = g.inputs().get(wrt[w]);
            outputs.add(new Port(adjointPorts.get(w), in.labels(), adjoints(g, b, primal, adjoint, wrt[w], sides)));
        }
        return b.build(inputs, outputs);
    }

    /**
     * The Jacobian of output port {@code output} with respect to input port {@code wrt} by reverse
     * mode, written out: one adjoint sweep per output element, seeded by 1 at that element alone
     * (the other outputs' chains are not swept: their seeds are the symbolic zero), all sharing
     * one copy of the primal. The outputs are the primal's, then port {@code jacobianPort}: row j
     * (the adjoints of every element of {@code wrt} for output element j) after row j - 1.
     *
     * @param jacobianPort name of the output port holding the Jacobian, row-major
     */
    public static Graph jacobian(Graph g, GraphBuilder b, String output, int wrt, String jacobianPort) {
        Port out = g.output(output);
        int[] primal = g.copyInto(b, identity(g.inputs().size()));
        Port in = g.inputs().get(wrt);
        Sides sides = Sides.of(g);
        List<String> labels = new ArrayList<>();
        List<Integer> nodes = new ArrayList<>();
        for (int j = 0; j < out.size(); j++) {
            int[] seeds = new int[out.size()];
            java.util.Arrays.fill(seeds, Zero.ID);
            seeds[j] = b.constant(1.0);
            nodes.addAll(adjoints(g, b, primal, sweep(g, b, primal, out, seeds, sides), wrt, sides));
            for (String x : in.labels()) {
                labels.add("d" + out.labels().get(j) + "/d" + x);
            }
        }
        List<Port> outputs = new ArrayList<>(g.mapOutputs(primal));
        outputs.add(new Port(jacobianPort, labels, nodes));
        return b.build(g.inputs(), outputs);
    }

    /**
     * One adjoint sweep of {@code g} (copied into {@code b} as {@code primal}) from {@code seeds},
     * one per element of {@code out} (the symbolic zero for none): every node's adjoint.
     */
    private static int[] sweep(Graph g, GraphBuilder b, int[] primal, Port out, int[] seeds, Sides sides) {
        // contributions[i]: cotangents sent to node i, in the order consumers are visited
        // (consumers are visited from last to first, so the list is reversed when summed).
        List<List<Integer>> contributions = new ArrayList<>(g.size());
        for (int i = 0; i < g.size(); i++) {
            contributions.add(null);
        }
        for (int j = 0; j < seeds.length; j++) {
            if (!Zero.is(seeds[j])) {
                send(contributions, out.node(j), seeds[j]);
            }
        }
        int[] adjoint = new int[g.size()];
        for (int i = g.size() - 1; i >= 0; i--) {
            adjoint[i] = sum(b, contributions.get(i));
            contributions.set(i, null);
            Node n = g.node(i);
            if (Zero.is(adjoint[i]) || n.op() == Leaf.CONST) {
                continue;
            }
            b.hint(adjoint[i], Naming.adjoint(name(g, i)));
            if (n.arity() == 0) {
                continue;
            }
            int[] args = new int[n.arity()];
            for (int k = 0; k < args.length; k++) {
                args[k] = primal[n.arg(k)];
            }
            int[] cts = n.op().vjp(b, primal[i], args, adjoint[i]);
            for (int k = cts.length - 1; k >= 0; k--) {
                if (!Zero.is(cts[k])) {
                    send(contributions, n.arg(k), sides == null ? cts[k] : sides.leave(b, primal, i, n.arg(k), cts[k]));
                }
            }
        }
        return adjoint;
    }

    /** The adjoint of every element of input port {@code port} (the constant 0 for an element nothing reads). */
    private static List<Integer> adjoints(Graph g, GraphBuilder b, int[] primal, int[] adjoint, int port, Sides sides) {
        List<Integer> bars = new ArrayList<>();
        for (int idx = 0; idx < g.inputs().get(port).size(); idx++) {
            bars.add(Zero.ID);
        }
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.INPUT && ((InputRef) n.attr()).array() == port) {
                int bar = sides == null || Zero.is(adjoint[i]) ? adjoint[i] : sides.leaveGraph(b, primal, i, adjoint[i]);
                bars.set(((InputRef) n.attr()).index(), bar);
            }
        }
        return bars.stream().map(id -> Algebra.materialize(b, id)).toList();
    }

    /** The lecture's name for node i: its hint if it has one, else v{i}. */
    static String name(Graph g, int i) {
        String hint = g.hint(i);
        return hint != null ? hint : Naming.primal(i);
    }

    private static void send(List<List<Integer>> contributions, int node, int ct) {
        List<Integer> list = contributions.get(node);
        if (list == null) {
            list = new ArrayList<>(2);
            contributions.set(node, list);
        }
        list.add(ct);
    }

    /** Sums the contributions in the order of their consumers, first consumer first. */
    private static int sum(GraphBuilder b, List<Integer> cts) {
        if (cts == null) {
            return Zero.ID;
        }
        int acc = Zero.ID;
        for (int k = cts.size() - 1; k >= 0; k--) {
            acc = Algebra.add(b, acc, cts.get(k));
        }
        return acc;
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
