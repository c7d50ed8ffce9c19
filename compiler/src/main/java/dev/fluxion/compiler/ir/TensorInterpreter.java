package dev.fluxion.compiler.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference evaluator over tensors: runs a graph with each op's
 * {@link Op#evaluate}, binding B to the batch size of the call. Plain and slow, it is the
 * oracle that the generated model code and the derivative rules are tested against.
 */
public final class TensorInterpreter {

    private TensorInterpreter() {
    }

    /**
     * The value of every node.
     *
     * @param inputs one list per input port, one tensor per element, with B bound
     * @param batch  the batch size B stands for
     */
    public static Tensor[] evaluateAll(Graph g, List<List<Tensor>> inputs, int batch) {
        if (inputs.size() != g.inputs().size()) {
            throw new IllegalArgumentException("expected " + g.inputs().size() + " input ports, got " + inputs.size());
        }
        Tensor[] v = new Tensor[g.size()];
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.INPUT) {
                InputRef ref = (InputRef) n.attr();
                Tensor t = inputs.get(ref.array()).get(ref.index());
                Shape expected = n.shape().bind(batch);
                if (!t.shape().equals(expected)) {
                    throw new IllegalArgumentException("input " + g.inputs().get(ref.array()).labels().get(ref.index())
                            + " needs shape " + expected + ", got " + t.shape());
                }
                v[i] = t;
            } else if (n.op() == Leaf.CONST) {
                v[i] = Tensor.scalar((Double) n.attr());
            } else {
                List<Tensor> args = new ArrayList<>(n.arity());
                for (int k = 0; k < n.arity(); k++) {
                    args.add(v[n.arg(k)]);
                }
                v[i] = n.op() instanceof BatchDependent bd ? bd.evaluate(args, n.attr(), batch)
                        : n.op().evaluate(args, n.attr());
            }
        }
        return v;
    }

    /** The tensors of output port {@code port}. */
    public static List<Tensor> evaluate(Graph g, String port, List<List<Tensor>> inputs, int batch) {
        Tensor[] v = evaluateAll(g, inputs, batch);
        Port p = g.output(port);
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            out.add(v[p.node(i)]);
        }
        return out;
    }
}
