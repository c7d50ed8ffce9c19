package dev.fluxion.compiler.inspect;

import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;

/**
 * What the full Jacobian costs in one mode, read off the derivative graph the code is
 * generated from.
 *
 * <p>The generated Jacobian methods compute the operations that do not depend on the seed
 * direction once ({@code sharedOps}: the primal, and local partials such as {@code cos(x)})
 * and loop over the seeds for the rest ({@code perPassOps}): forward mode one tangent pass
 * per input, reverse mode one adjoint pass per output. A scalar function's reverse
 * Jacobian is its gradient method, one pass; its shared part is then counted as the
 * primal's operations.
 *
 * @param mode        FORWARD or REVERSE
 * @param passes      seed passes for the full Jacobian: inputs (forward) or outputs (reverse)
 * @param sharedOps   operations computed once
 * @param perPassOps  operations computed once per pass
 * @param liveDoubles the most intermediate values kept from one step to the next in the generated code
 * @param nanos       measured time of one full Jacobian (fastest batch), NaN when not measured
 */
public record ModeCost(Mode mode, int passes, int sharedOps, int perPassOps, int liveDoubles, double nanos) {

    /** Operations for the whole Jacobian. */
    public long totalOps() {
        return sharedOps + (long) passes * perPassOps;
    }

    /** Bytes of intermediate storage: live doubles × 8. */
    public long storageBytes() {
        return liveDoubles * 8L;
    }

    ModeCost withNanos(double ns) {
        return new ModeCost(mode, passes, sharedOps, perPassOps, liveDoubles, ns);
    }

    /**
     * Counts a derivative graph whose second input port is the seed ({@code xdot} or
     * {@code ybar}): operations that depend on it run once per pass.
     */
    static ModeCost ofSeeded(Mode mode, int passes, Graph g) {
        boolean[] varying = new boolean[g.size()];
        int shared = 0;
        int perPass = 0;
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.INPUT) {
                varying[i] = ((InputRef) n.attr()).array() == 1;
                continue;
            }
            if (n.op() instanceof Leaf) {
                continue;
            }
            for (int a = 0; a < n.arity(); a++) {
                varying[i] |= varying[n.arg(a)];
            }
            if (varying[i]) {
                perPass++;
            } else {
                shared++;
            }
        }
        return new ModeCost(mode, passes, shared, perPass, peakLive(g), Double.NaN);
    }

    /** A scalar function's gradient graph: one reverse pass; the primal's operations are the shared part. */
    static ModeCost ofGradient(Graph gradient, Graph primal) {
        int total = gradient.operationCount();
        int shared = Math.min(primal.operationCount(), total);
        return new ModeCost(Mode.REVERSE, 1, shared, total - shared, peakLive(gradient), Double.NaN);
    }

    /**
     * The most intermediate values that must be kept from one step to the next when the
     * nodes run in order: a value is kept from the node that computes it until its last use
     * (a result may take the place of an operand that dies with it, and an output is stored
     * as soon as it is computed). Inputs and constants are not counted: they live in the caller's arrays and
     * in the code. Reverse mode keeps primal values alive until the backward part reads
     * them, which is where its extra storage shows.
     */
    static int peakLive(Graph g) {
        int[] lastUse = new int[g.size()];
        for (int i = 0; i < g.size(); i++) {
            lastUse[i] = i;
            Node n = g.node(i);
            for (int a = 0; a < n.arity(); a++) {
                lastUse[n.arg(a)] = i;
            }
        }
        int[] dying = new int[g.size() + 1];
        for (int i = 0; i < g.size(); i++) {
            if (!(g.node(i).op() instanceof Leaf)) {
                dying[lastUse[i]]++;
            }
        }
        int live = 0;
        int peak = 0;
        for (int i = 0; i < g.size(); i++) {
            if (!(g.node(i).op() instanceof Leaf)) {
                live++;
            }
            live -= dying[i];
            peak = Math.max(peak, live);
        }
        return peak;
    }
}
