package dev.fluxion.compiler.roll;

import dev.fluxion.compiler.diff.Reverse;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Scan;
import dev.fluxion.compiler.simplify.RuleSet;
import dev.fluxion.compiler.simplify.Simplifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a scan too large for one loop body (over {@link Rolling#BODY_BUDGET} estimated
 * bytes: an LSTM cell's hundreds of operations) as straight-line methods of their own, which the
 * code generator may split into parts under HotSpot's JIT limit: the loop fills a work array with
 * the step's inputs and calls them once per step.
 *
 * <p>Both graphs read one input port {@code in} laid out as the slots, then the columns (the loop
 * variable and the data read), then the carries at the start of the step: {@link #step} writes
 * the carries at its end (port {@code next}); {@link #adjoint} reads their cotangents from port
 * {@code hbar} and writes the cotangent of every element of {@code in} (port {@code gin}: the
 * slots' are added into the gradient, the carries' pass to the step before).
 *
 * @param step    ports in; output next
 * @param adjoint ports in, hbar; output gin
 * @param tangent ports in, indot (the tangents of in); outputs next, dnext (null without forward mode)
 * @param slots   the slots of the body
 * @param columns the columns of the body (the loop variable and the data read)
 * @param record  the primal part of the step's VJP: ports in; outputs next and {@code taped}, the
 *                primal values its cotangent part reads, which the reverse sweep stores per step
 * @param taped   how many values {@code record} tapes per step
 *
 * <p>In the reverse sweep {@link #record} runs forward (storing each step's carries and taped
 * values) and {@link #adjoint} then reads the taped values (port {@code taped}) instead of
 * computing the step's primal again.
 */
public record SplitStep(Graph step, Graph adjoint, Graph tangent, int slots, int columns, Graph record, int taped) {

    /** Port names. */
    public static final String IN = "in";
    public static final String HBAR = "hbar";
    public static final String GIN = "gin";
    public static final String INDOT = "indot";
    public static final String TAPED = "taped";
    public static final String DNEXT = "d" + Scan.NEXT;

    /** Most slots and columns a split step may read: each is one statement in the loops that call it. */
    static final int MAX_READS = 400;

    /** The number of elements of port {@code in}. */
    public int inputs(int width) {
        return slots + columns + width;
    }

    /** The split form of {@code body} (ports x, seed, c, h; output next), or null with too many reads. */
    static SplitStep of(Scan scan, RuleSet rules) {
        Graph body = scan.body();
        int slots = body.inputs().get(0).size();
        int columns = body.inputs().get(2).size();
        int width = scan.width();
        if (slots + columns > MAX_READS) {
            return null;
        }
        GraphBuilder b = rules.newBuilder();
        boolean unbounded = !body.unbounded().isEmpty();
        if (unbounded) {
            b.unbounded(0);
        }
        int[] map = body.copyInto(b, (ref, shape) -> switch (ref.array()) {
            case 0 -> b.input(0, ref.index(), shape);
            case 2 -> b.input(0, slots + ref.index(), shape);
            default -> b.input(0, slots + columns + ref.index(), shape);
        });
        List<String> labels = new ArrayList<>(body.inputs().get(0).labels());
        labels.addAll(body.inputs().get(2).labels());
        labels.addAll(body.inputs().get(Scan.CARRY_PORT).labels());
        Port next = body.output(Scan.NEXT);
        List<Integer> outs = new ArrayList<>();
        for (int id : next.nodes()) {
            outs.add(map[id]);
        }
        Graph step = b.build(List.of(Port.input(IN, labels)), List.of(new Port(Scan.NEXT, next.labels(), outs)))
                .withoutDeadCode();
        step = Simplifier.simplify(step, rules).graph();
        GraphBuilder ab = rules.newBuilder();
        ab.unbounded(1);
        Graph full = Reverse.vjp(step, ab, Scan.NEXT, 0, false, HBAR, GIN);
        full = Simplifier.simplify(full, rules).graph();
        // the primal values the cotangent part reads: computed and stored by record, read by adjoint
        boolean[] cot = new boolean[full.size()];
        boolean[] tape = new boolean[full.size()];
        for (int i = 0; i < full.size(); i++) {
            dev.fluxion.compiler.ir.Node n = full.node(i);
            if (n.op() == dev.fluxion.compiler.ir.Leaf.INPUT) {
                cot[i] = ((dev.fluxion.compiler.ir.InputRef) n.attr()).array() == 1;
            }
            for (int k = 0; k < n.arity(); k++) {
                cot[i] |= cot[n.arg(k)];
            }
            for (int k = 0; cot[i] && k < n.arity(); k++) {
                tape[n.arg(k)] |= !cot[n.arg(k)];
            }
        }
        for (int id : full.output(GIN).nodes()) {
            tape[id] |= !cot[id];
        }
        List<Integer> taped = new ArrayList<>();
        List<String> tapedLabels = new ArrayList<>();
        for (int i = 0; i < full.size(); i++) {
            dev.fluxion.compiler.ir.Node n = full.node(i);
            if (tape[i] && n.op() != dev.fluxion.compiler.ir.Leaf.INPUT && n.op() != dev.fluxion.compiler.ir.Leaf.CONST) {
                taped.add(i);
                tapedLabels.add("v" + i);
            }
        }
        Graph record = full.withOutputs(List.of(full.output(Scan.NEXT), new Port(TAPED, tapedLabels, taped)))
                .withoutDeadCode();
        GraphBuilder bb = GraphBuilder.literal();
        for (int a : full.unbounded()) {
            bb.unbounded(a);
        }
        bb.unbounded(2);
        int[] at = new int[full.size()];
        java.util.Arrays.fill(at, -1);
        for (int j = 0; j < taped.size(); j++) {
            at[taped.get(j)] = j;
        }
        int[] copy = new int[full.size()];
        for (int i = 0; i < full.size(); i++) {
            dev.fluxion.compiler.ir.Node n = full.node(i);
            if (at[i] >= 0) {
                copy[i] = bb.input(2, at[i], n.shape());
            } else if (n.op() == dev.fluxion.compiler.ir.Leaf.INPUT) {
                dev.fluxion.compiler.ir.InputRef ref = (dev.fluxion.compiler.ir.InputRef) n.attr();
                copy[i] = bb.input(ref.array(), ref.index(), n.shape());
            } else if (n.op() == dev.fluxion.compiler.ir.Leaf.CONST) {
                copy[i] = bb.constant((Double) n.attr());
            } else {
                int[] args = n.args();
                for (int k = 0; k < args.length; k++) {
                    args[k] = copy[args[k]];
                }
                copy[i] = bb.applyWith(n.op(), n.attr(), args);
            }
            if (full.hint(i) != null) {
                bb.hint(copy[i], full.hint(i));
            }
        }
        List<Port> ports = new ArrayList<>(full.inputs());
        ports.add(Port.input(TAPED, tapedLabels));
        Port gin = full.output(GIN);
        List<Integer> ginNodes = new ArrayList<>();
        for (int id : gin.nodes()) {
            ginNodes.add(copy[id]);
        }
        Graph adjoint = bb.build(ports, List.of(new Port(GIN, gin.labels(), ginNodes))).withoutDeadCode();
        return new SplitStep(step, adjoint, null, slots, columns, record, taped.size());
    }

    /** This split step with its forward-mode graph: the JVP of the step with respect to all of {@code in}. */
    SplitStep withTangent(RuleSet rules) {
        GraphBuilder b = rules.newBuilder();
        if (step.unbounded().contains(0)) {
            b.unbounded(1);
        }
        Graph t = Simplifier.simplify(dev.fluxion.compiler.diff.Forward.jvp(step, b, 0, INDOT), rules).graph();
        return new SplitStep(step, adjoint, t, slots, columns, record, taped);
    }
}
