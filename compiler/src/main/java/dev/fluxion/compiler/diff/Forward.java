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
 * Forward mode: pushes tangents along the node list, asking each node's op for its JVP.
 * The result is a graph in the same form as the input, so it composes with itself and
 * with {@link Reverse} (a Hessian-vector product is Forward over Reverse).
 *
 * <p>Output guarantee: input ports are those of the input graph plus one tangent port
 * (same size as the differentiated input port); outputs are the input graph's outputs
 * followed by, for each of them, a port {@code d<name>} with its tangent (the constant 0
 * where it does not depend on the direction).
 */
public final class Forward {

    private Forward() {
    }

    /**
     * The Jacobian-vector product of every output port with respect to input port
     * {@code wrt}, in a direction read from a new input port {@code tangentPort}.
     */
    public static Graph jvp(Graph g, GraphBuilder b, int wrt, String tangentPort) {
        return jvp(g, b, new int[] {wrt}, List.of(tangentPort));
    }

    /**
     * The Jacobian-vector product of every output port with respect to the input ports
     * {@code wrt} together, the direction of port {@code wrt[k]} read from a new input port
     * {@code tangentPorts.get(k)} (added after the input graph's ports, in this order).
     */
    public static Graph jvp(Graph g, GraphBuilder b, int[] wrt, List<String> tangentPorts) {
        int[] primal = g.copyInto(b, Reverse.identity(g.inputs().size()));
        List<Port> inputs = new ArrayList<>(g.inputs());
        int[] tangentArray = new int[g.inputs().size()];
        java.util.Arrays.fill(tangentArray, -1);
        for (int k = 0; k < wrt.length; k++) {
            Port in = g.inputs().get(wrt[k]);
            inputs.add(Port.input(tangentPorts.get(k), in.labels().stream().map(l -> "d" + l).toList()));
            tangentArray[wrt[k]] = inputs.size() - 1;
        }
        int[] tangent = new int[g.size()];
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.INPUT) {
                InputRef ref = (InputRef) n.attr();
                tangent[i] = tangentArray[ref.array()] >= 0
                        ? b.input(tangentArray[ref.array()], ref.index(), n.shape()) : Zero.ID;
            } else if (n.arity() == 0) {
                tangent[i] = Zero.ID;
            } else {
                int[] args = new int[n.arity()];
                int[] ts = new int[n.arity()];
                boolean any = false;
                for (int k = 0; k < args.length; k++) {
                    args[k] = primal[n.arg(k)];
                    ts[k] = tangent[n.arg(k)];
                    any |= !Zero.is(ts[k]);
                }
                tangent[i] = any ? n.op().jvp(b, primal[i], args, ts) : Zero.ID;
            }
            if (!Zero.is(tangent[i])) {
                b.hint(tangent[i], Naming.tangent(Reverse.name(g, i)));
            }
        }
        List<Port> outputs = new ArrayList<>(g.mapOutputs(primal));
        for (Port p : g.outputs()) {
            List<Integer> ids = new ArrayList<>();
            for (int id : p.nodes()) {
                ids.add(Algebra.materialize(b, tangent[id]));
            }
            outputs.add(new Port("d" + p.name(), p.labels(), ids));
        }
        return b.build(inputs, outputs);
    }
}
