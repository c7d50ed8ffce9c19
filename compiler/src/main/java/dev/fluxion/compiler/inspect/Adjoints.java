package dev.fluxion.compiler.inspect;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;

/**
 * The adjoint v̄_i = ∂y/∂v_i of every node for one output y, computed numerically the way
 * the lecture does it by hand: seed ȳ = 1, walk the nodes backwards, and send each
 * consumer's adjoint times the local partial to every argument; where a value branches,
 * the adjoints it receives add up. Also keeps what flowed along each edge, which is what
 * the picture writes in red under the forward value.
 */
public final class Adjoints {

    private final double[] adjoint;
    private final boolean[] reached;
    /** {@code [k][a]}: what node k sent to its argument a. */
    private final double[][] sent;

    private Adjoints(double[] adjoint, boolean[] reached, double[][] sent) {
        this.adjoint = adjoint;
        this.reached = reached;
        this.sent = sent;
    }

    /**
     * Sweeps backwards from {@code output} (a node id of {@code partials.graph()}).
     *
     * @param partialValues the local partials at the point, from {@link LocalPartials#values}
     */
    public static Adjoints sweep(LocalPartials partials, double[][] partialValues, int output) {
        Graph g = partials.graph();
        double[] adjoint = new double[g.size()];
        boolean[] reached = new boolean[g.size()];
        double[][] sent = new double[g.size()][];
        adjoint[output] = 1.0;
        reached[output] = true;
        for (int k = g.size() - 1; k >= 0; k--) {
            Node n = g.node(k);
            sent[k] = new double[n.arity()];
            if (!reached[k]) {
                continue;
            }
            for (int a = 0; a < n.arity(); a++) {
                if (partials.isZero(k, a) || g.node(n.arg(a)).op() == Leaf.CONST) {
                    continue;
                }
                double ct = adjoint[k] * partialValues[k][a];
                sent[k][a] = ct;
                adjoint[n.arg(a)] += ct;
                reached[n.arg(a)] = true;
            }
        }
        return new Adjoints(adjoint, reached, sent);
    }

    /**
     * Which nodes an adjoint flows to from {@code output}, by structure alone (no point
     * needed): the output and everything it depends on through a non-zero partial.
     */
    public static boolean[] reach(LocalPartials partials, int output) {
        Graph g = partials.graph();
        boolean[] reached = new boolean[g.size()];
        reached[output] = true;
        for (int k = g.size() - 1; k >= 0; k--) {
            if (!reached[k]) {
                continue;
            }
            Node n = g.node(k);
            for (int a = 0; a < n.arity(); a++) {
                if (!partials.isZero(k, a) && g.node(n.arg(a)).op() != Leaf.CONST) {
                    reached[n.arg(a)] = true;
                }
            }
        }
        return reached;
    }

    /** ∂y/∂v_i; exactly 0 for a node the output does not depend on. */
    public double adjoint(int node) {
        return adjoint[node];
    }

    /** Whether an adjoint flowed to {@code node}. */
    public boolean reached(int node) {
        return reached[node];
    }

    /** What node {@code k} sent back to its argument {@code a}: v̄_k · ∂v_k/∂v_a. */
    public double sent(int k, int a) {
        return sent[k][a];
    }
}
