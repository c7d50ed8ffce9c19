package dev.fluxion.compiler.roll;

import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.diff.Forward;
import dev.fluxion.compiler.diff.Reverse;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Scan;
import dev.fluxion.compiler.simplify.RuleSet;
import dev.fluxion.compiler.simplify.Simplifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The code generator's form of one {@link Scan} (a {@code for} loop kept as a loop): its body
 * as the value template, the body's reverse-mode graph for the adjoint sweep, which values of
 * each step that sweep reads from a tape, and the body's forward-mode graph.
 *
 * <p>Reverse mode runs two loops. The forward loop runs the primal part of {@link #adjoint()}
 * (the nodes that do not depend on the carries' cotangents) and stores, for every step, the
 * carries at its start and the values {@link #taped()}: the primal nodes the cotangent nodes
 * read. The backward loop, from the last step to the first, loads them and runs the cotangent
 * nodes only: the step's slots' cotangents are added into the gradient (scatter-add), and the
 * carries' cotangents at its start pass to the step before. With {@link #checkpoints()} k, the
 * forward loop stores only the carries at every k-th step; the backward loop recomputes each
 * segment of k steps from its checkpoint into a k-step tape, with the same statements, then
 * sweeps it: the same operations in the same order, so the gradient is the same bit for bit.
 *
 * @param scan        the scan as lowered (trip count, slots, starts)
 * @param offset      the element of port {@code s} holding its first final carry
 * @param columns     the body's port {@code c}: the loop variable, then the data read
 * @param value       the body (simplified): ports x, seed, c, h; output next
 * @param adjoint     ports x, seed, c, h, hbar (the cotangents of next); outputs next, grad (of the
 *                    slots) and hin (of the carries at the start of the step)
 * @param taped       the nodes of {@code adjoint} stored per step after the carries
 * @param tangent     ports x, seed, c, h, xdot, hdot; outputs next, dnext (null without tangents)
 * @param hessian     the JVP of {@code adjoint} with respect to the slots, the carries and their
 *                    cotangents: ports x, seed, c, h, hbar, v, hdot, dhbar; outputs hin, dgrad, dhin
 *                    (null without second order): the Hessian-vector product's backward loop, which
 *                    reads each step's carries and their tangents from a tape the tangent loop fills
 * @param checkpoints store the carries every this many steps and recompute the rest (0: store every step)
 * @param snapshots   with binomial checkpointing ({@code dev.fluxion.runtime.Revolve}), the slots
 *                    for stored carries besides the start's (0: not binomial); the backward loop
 *                    then runs the plan of {@code Revolve.plan(count, snapshots)}, reversing each
 *                    step right after running it forward
 * @param split       for a body too large for one loop body, its step and adjoint as methods of
 *                    their own ({@link SplitStep}), else null: the loops then call them, the
 *                    reverse sweep stores every step's carries and the values its adjoint reads
 *                    (or the carries of every k-th step, recomputing the rest), forward mode calls
 *                    the step's JVP; binomial checkpointing and the Hessian are not offered
 */
public record ScanLoop(Scan scan, int offset, List<Column> columns, Graph value, Graph adjoint, int[] taped,
                       Graph tangent, Graph hessian, int checkpoints, int snapshots, SplitStep split) {

    /** Port names of the templates. */
    public static final String HBAR = "hbar";
    public static final String HIN = "hin";
    public static final String XDOT = Derivatives.XDOT;
    public static final String HDOT = "hdot";
    public static final String DNEXT = "d" + Scan.NEXT;
    public static final String DHIN = "d" + HIN;
    /** The adjoint's port of the cotangents of the carries at the end of a step. */
    public static final int HBAR_PORT = 4;

    public ScanLoop {
        columns = List.copyOf(columns);
        taped = taped.clone();
        if (checkpoints < 0 || snapshots < 0 || checkpoints > 0 && snapshots > 0) {
            throw new IllegalArgumentException("checkpoints every " + checkpoints + " steps, " + snapshots
                    + " binomial snapshots: at most one of them, neither negative");
        }
    }

    @Override
    public int[] taped() {
        return taped.clone();
    }

    /** The trip count. */
    public int count() {
        return scan.count();
    }

    /** The number of carries. */
    public int width() {
        return scan.width();
    }

    /** The doubles stored per step in the tape: the carries, then the taped values. */
    public int stepWidth() {
        return scan.width() + (split != null ? split.taped() : taped.length);
    }

    /** Whether the backward loop recomputes segments from checkpoints. */
    public boolean checkpointed() {
        return checkpoints > 0 && checkpoints < scan.count();
    }

    /** The number of checkpoints (segments) of a checkpointed scan. */
    public int segments() {
        return (scan.count() + checkpoints - 1) / checkpoints;
    }

    /** Whether the backward loop runs a binomial checkpointing plan. */
    public boolean binomial() {
        return split == null && snapshots > 0 && scan.count() > 1;
    }

    /** This scan with its body as methods of their own ({@link SplitStep}). */
    ScanLoop withSplit(SplitStep s) {
        return new ScanLoop(scan, offset, columns, value, adjoint, new int[0], tangent, hessian, checkpoints, snapshots, s);
    }

    /**
     * The doubles the reverse sweep stores: every step's tape; or the checkpoints and one segment's
     * tape; or, binomial, the snapshots (the start's too): a step is reversed right after it is run.
     */
    public long tapeDoubles() {
        return binomial() ? (long) (snapshots + 1) * width()
                : checkpointed() ? (long) segments() * width() + (long) checkpoints * stepWidth()
                : (long) scan.count() * stepWidth();
    }

    /**
     * The steps the reverse sweep runs forward again: none; with checkpoints every k steps, every
     * step once but the last segment's, which the forward loop records at once (a split body: every
     * step); or as the binomial plan says.
     */
    public long recomputedSteps() {
        return binomial() ? dev.fluxion.runtime.Revolve.recomputed(dev.fluxion.runtime.Revolve.plan(scan.count(), snapshots))
                : checkpointed() ? (split == null ? (long) (segments() - 1) * checkpoints : scan.count()) : 0;
    }

    /** The input slot {@code k} reads at iteration {@code i}, as Java over the loop variable. */
    public String slotIndex(int k, String i) {
        return Loop.index(i, scan.base()[k], scan.step()[k]);
    }

    /** How far slot {@code k} moves per iteration. */
    public int step(int k) {
        return scan.step()[k];
    }

    /** The input slot {@code k} reads at the first iteration. */
    public int base(int k) {
        return scan.base()[k];
    }

    /**
     * The templates of scan {@code scan}, whose final carries are elements {@code offset ..} of
     * port {@code s}.
     */
    static ScanLoop of(Scan scan, int offset, RuleSet rules, int checkpoints, int snapshots) {
        Graph value = scan.body();
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(scan.first(), 1, null));
        scan.data().forEach(d -> columns.add(Column.data(d)));
        GraphBuilder b = rules.newBuilder();
        b.unbounded(HBAR_PORT);
        Graph adjoint = Reverse.vjp(value, b, Scan.NEXT, new int[] {0, Scan.CARRY_PORT}, false, HBAR,
                List.of(Derivatives.GRAD, HIN));
        adjoint = Simplifier.simplify(adjoint, rules).graph();
        return new ScanLoop(scan, offset, columns, value, adjoint, taped(adjoint, varying(adjoint, scan)), null, null,
                checkpoints, snapshots, null);
    }

    /**
     * This scan with its forward-mode template (the JVP of the body with respect to the slots and
     * the carries) and, with {@code secondOrder}, its Hessian template.
     */
    ScanLoop withTangent(RuleSet rules, boolean secondOrder) {
        boolean carries = value.unbounded().contains(Scan.CARRY_PORT);
        GraphBuilder b = rules.newBuilder();
        if (carries) {
            b.unbounded(5);
        }
        Graph t = Simplifier.simplify(Forward.jvp(value, b, new int[] {0, Scan.CARRY_PORT}, List.of(XDOT, HDOT)), rules)
                .graph();
        Graph h = null;
        if (secondOrder) {
            GraphBuilder hb = rules.newBuilder();
            hb.unbounded(7);
            if (carries) {
                hb.unbounded(6);
            }
            h = Simplifier.simplify(Forward.jvp(adjoint, hb, new int[] {0, Scan.CARRY_PORT, HBAR_PORT},
                    List.of(Derivatives.V, HDOT, "d" + HBAR)), rules).graph()
                    .keepOutputs(List.of(HIN, Derivatives.DGRAD, DHIN));
        }
        return new ScanLoop(scan, offset, columns, value, adjoint, taped, t, h, checkpoints, snapshots,
                split == null ? null : split.withTangent(rules));
    }

    /**
     * Which nodes of the adjoint depend on the cotangents (port {@value #HBAR_PORT}): the backward
     * loop's statements; the others are the primal, run by the forward loop.
     */
    public static boolean[] cotangent(Graph adjoint) {
        boolean[] dep = new boolean[adjoint.size()];
        for (int i = 0; i < adjoint.size(); i++) {
            Node n = adjoint.node(i);
            if (n.op() == Leaf.INPUT) {
                dep[i] = ((InputRef) n.attr()).array() == HBAR_PORT;
            } else {
                for (int k = 0; k < n.arity(); k++) {
                    dep[i] |= dep[n.arg(k)];
                }
            }
        }
        return dep;
    }

    /**
     * Which nodes of a template over the ports x, seed, c, h (and more) change from step to step:
     * those reading a slot that moves, the loop variable or data, a carry or a port after it.
     */
    public static boolean[] varying(Graph g, Scan scan) {
        boolean[] v = new boolean[g.size()];
        int[] step = scan.step();
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.INPUT) {
                InputRef ref = (InputRef) n.attr();
                v[i] = ref.array() == 0 ? step[ref.index()] != 0 : ref.array() != 1;
            } else {
                for (int k = 0; k < n.arity(); k++) {
                    v[i] |= v[n.arg(k)];
                }
            }
        }
        return v;
    }

    /**
     * The primal operations (not leaves) that change from step to step and that a cotangent node
     * or an adjoint output reads: stored per step.
     */
    private static int[] taped(Graph adjoint, boolean[] varying) {
        boolean[] dep = cotangent(adjoint);
        boolean[] tape = new boolean[adjoint.size()];
        for (int i = 0; i < adjoint.size(); i++) {
            Node n = adjoint.node(i);
            for (int k = 0; dep[i] && k < n.arity(); k++) {
                tape[n.arg(k)] |= !dep[n.arg(k)];
            }
        }
        for (String out : List.of(Derivatives.GRAD, HIN)) {
            for (int id : adjoint.output(out).nodes()) {
                tape[id] |= !dep[id];
            }
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < adjoint.size(); i++) {
            Node n = adjoint.node(i);
            if (tape[i] && varying[i] && n.op() != Leaf.CONST && n.op() != Leaf.INPUT) {
                ids.add(i);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The nodes of {@code g} that {@code roots} read, transitively, as a mask. */
    public static boolean[] needed(Graph g, List<Integer> roots) {
        boolean[] need = new boolean[g.size()];
        roots.forEach(r -> need[r] = true);
        for (int i = g.size() - 1; i >= 0; i--) {
            if (need[i]) {
                Node n = g.node(i);
                for (int k = 0; k < n.arity(); k++) {
                    need[n.arg(k)] = true;
                }
            }
        }
        return need;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScanLoop l && l.scan.equals(scan) && l.offset == offset && l.checkpoints == checkpoints
                && l.snapshots == snapshots
                && (l.tangent == null) == (tangent == null) && (l.hessian == null) == (hessian == null);
    }

    @Override
    public int hashCode() {
        return 31 * scan.hashCode() + offset;
    }

    @Override
    public String toString() {
        return "ScanLoop[" + scan + ", offset=" + offset + ", taped=" + taped.length + ", checkpoints=" + checkpoints + ", snapshots="
                + snapshots + "]";
    }
}
