package dev.fluxion.compiler.sparse;

import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.diff.Reverse;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.simplify.RuleSet;
import java.util.Arrays;

/**
 * Sparsity patterns read from the IR: output j depends on input i when some path of the graph
 * leads from the input to the output through arguments whose partial may be non-zero. An op
 * declares the arguments its result has a structurally zero partial for
 * ({@link dev.fluxion.compiler.ir.Op#zeroPartial}: a comparison, floor, the condition of a
 * choice); every other argument counts, so both sides of a choice count, and the pattern holds
 * every entry that can be non-zero at some point (it is conservative: {@code x - x} still counts,
 * unless simplification removed it).
 *
 * <p>The walk goes backwards from each output over the nodes it reaches (its cone), with an
 * explicit stack and a stamp per node, so its cost is the sum of the cones' sizes and it never
 * recurses over expression depth.
 *
 * <p>The Hessian's pattern is the Jacobian pattern of the gradient graph (reverse mode, built
 * as the generated gradient is), made symmetric: ∂²f/∂x_i∂x_k can be non-zero only if the
 * i-th partial depends on x_k.
 */
public final class Dependencies {

    private Dependencies() {
    }

    /**
     * The pattern of the Jacobian of a program's outputs with respect to its inputs.
     *
     * @param p a lowered program of scalar nodes
     * @return outputs × inputs
     * @throws UnsupportedOperationException if a node is a tensor (a model, not a function)
     */
    public static Pattern jacobian(Program p) {
        return jacobian(p.graph(), p.graph().outputs().get(0), 0);
    }

    /**
     * The pattern of the Jacobian of one output port with respect to one input array.
     *
     * @param g the graph, of scalar nodes
     * @param out the output port (its elements are the rows)
     * @param inputArray the input array (its elements are the columns)
     * @return the pattern
     */
    public static Pattern jacobian(Graph g, Port out, int inputArray) {
        for (Node n : g.nodes()) {
            if (!n.shape().equals(Shape.SCALAR)) {
                throw new UnsupportedOperationException("sparsity patterns are found for functions of scalars; node "
                        + n + " has shape " + n.shape());
            }
        }
        int cols = g.inputs().get(inputArray).size();
        int[] stamp = new int[g.size()];
        int[] stack = new int[Math.max(1, g.size())];
        int[] found = new int[Math.max(1, cols)];
        int[][] rows = new int[out.size()][];
        for (int r = 0; r < out.size(); r++) {
            int mark = r + 1;
            int top = 0;
            int count = 0;
            stack[top++] = out.node(r);
            stamp[out.node(r)] = mark;
            while (top > 0) {
                Node n = g.node(stack[--top]);
                if (n.op() == Leaf.INPUT) {
                    InputRef ref = (InputRef) n.attr();
                    if (ref.array() == inputArray) {
                        found[count++] = ref.index();
                    }
                    continue;
                }
                for (int k = 0; k < n.arity(); k++) {
                    int a = n.arg(k);
                    if (stamp[a] != mark && !n.op().zeroPartial(k)) {
                        stamp[a] = mark;
                        stack[top++] = a;
                    }
                }
            }
            int[] row = Arrays.copyOf(found, count);
            Arrays.sort(row);
            rows[r] = row;
        }
        return Pattern.ofRows(out.size(), cols, rows);
    }

    /**
     * The pattern of the Hessian of a program with one output: the Jacobian pattern of its
     * gradient, built by reverse mode with {@code rules}' builder, united with its transpose.
     *
     * @param p a lowered program of scalar nodes with one output
     * @param rules the rules the gradient is built with (those of the compilation)
     * @return inputs × inputs, symmetric
     */
    public static Pattern hessian(Program p, RuleSet rules) {
        Graph g = p.graph();
        Graph grad = Reverse.vjp(g, rules.newBuilder(), g.outputs().get(0).name(), 0, true, null, Derivatives.GRAD);
        return jacobian(grad, grad.output(Derivatives.GRAD), 0).symmetrized();
    }
}
