package dev.fluxion.compiler.ir;

import java.util.List;

/**
 * The reference evaluator: runs a graph with each op's {@link Op#eval}. Slow and plain,
 * it is the oracle the generated code is tested against and what {@code trace} shows.
 */
public final class Interpreter {

    private Interpreter() {
    }

    /** The value of every node, given one array per input port. */
    public static double[] evaluateAll(Graph g, List<double[]> inputs) {
        if (inputs.size() != g.inputs().size()) {
            throw new IllegalArgumentException("expected " + g.inputs().size() + " input arrays, got " + inputs.size());
        }
        for (int a = 0; a < inputs.size(); a++) {
            if (inputs.get(a).length != g.inputs().get(a).size()) {
                throw new IllegalArgumentException("input " + g.inputs().get(a).name() + " has "
                        + g.inputs().get(a).size() + " elements, got " + inputs.get(a).length);
            }
        }
        double[] v = new double[g.size()];
        double[] scratch = new double[8];
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.INPUT) {
                InputRef ref = (InputRef) n.attr();
                v[i] = inputs.get(ref.array())[ref.index()];
                continue;
            }
            if (scratch.length < n.arity()) {
                scratch = new double[n.arity()];
            }
            double[] args = n.arity() == scratch.length ? scratch : new double[n.arity()];
            for (int k = 0; k < n.arity(); k++) {
                args[k] = v[n.arg(k)];
            }
            v[i] = n.op().eval(args, n.attr());
        }
        return v;
    }

    /** The values of output port {@code port}. */
    public static double[] evaluate(Graph g, String port, List<double[]> inputs) {
        double[] v = evaluateAll(g, inputs);
        Port p = g.output(port);
        double[] out = new double[p.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[p.node(i)];
        }
        return out;
    }
}
