package dev.fluxion.compiler.roll;

import dev.fluxion.compiler.diff.Forward;
import dev.fluxion.compiler.diff.Reverse;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Scan;
import dev.fluxion.compiler.simplify.RuleSet;
import dev.fluxion.compiler.simplify.Simplifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The body of a scan too large for one loop body (over {@link Rolling#BODY_BUDGET} estimated
 * bytes: an LSTM cell's hundreds of operations) as straight-line methods of their own, which the
 * code generator may split into parts under HotSpot's JIT limit: the loop fills a work array with
 * what changes from step to step and calls them once per step.
 *
 * <p>Every graph reads two input ports. Port {@code in} is laid out as the slots that move with
 * the loop variable ({@link #moving}), then the columns (the loop variable and the data read),
 * then the carries at the start of the step: what the loops write per step. Port {@code fixed}
 * holds the slots that read the same input at every step ({@link #fixed}, in the order of the
 * inputs they read, {@link #fixedInputs}): the methods read them from {@code x} directly, so no
 * statement of the loops copies them. {@link #step} writes the carries at the end of the step
 * (port {@code next}); {@link #adjoint} reads their cotangents from port {@code hbar} and writes the
 * cotangents of the moving slots and the carries (port {@code gin}, {@link #ginPositions}: the
 * slots' are added into the gradient, the carries' pass to the step before) and of the fixed
 * slots (port {@code gfixed}, which the generated code sums over the steps before adding the
 * sums into the gradient once).
 *
 * @param step    ports in, fixed; output next
 * @param adjoint ports in, fixed, hbar, taped; outputs gin, gfixed
 * @param tangent ports in, fixed, indot, fixeddot (the tangents of in and of fixed); outputs next,
 *                dnext (null without forward mode)
 * @param moving  the slots of the body that move with the loop variable, in slot order: port in's first elements
 * @param fixed   the slots of the body that do not move, in the order of the inputs they read: port fixed
 * @param fixedInputs the input each fixed slot reads, ascending
 * @param columns the columns of the body (the loop variable and the data read)
 * @param record  the primal part of the step's VJP: ports in, fixed; outputs next and {@code taped},
 *                the primal values its cotangent part reads, which the reverse sweep stores per step
 * @param taped   how many values {@code record} tapes per step
 *
 * <p>In the reverse sweep {@link #record} runs forward (storing each step's carries and taped
 * values) and {@link #adjoint} then reads the taped values (port {@code taped}) instead of
 * computing the step's primal again.
 */
public record SplitStep(Graph step, Graph adjoint, Graph tangent, int[] moving, int[] fixed, int[] fixedInputs,
                        int columns, Graph record, int taped) {

    /** Port names. */
    public static final String IN = "in";
    public static final String FIXED = "fixed";
    public static final String HBAR = "hbar";
    public static final String GIN = "gin";
    public static final String GFIXED = "gfixed";
    public static final String INDOT = "indot";
    public static final String FIXEDDOT = "fixeddot";
    public static final String TAPED = "taped";
    public static final String DNEXT = "d" + Scan.NEXT;

    /** The adjoint's port of the carries' cotangents and of the taped values. */
    private static final int HBAR_PORT = 2;
    private static final int TAPED_PORT = 3;

    /**
     * Most moving slots and columns a split step may read: each is one statement in the loops that
     * call it (the fixed slots are read by the step methods from {@code x} and cost the loops nothing).
     */
    static final int MAX_READS = 400;

    public SplitStep {
        moving = moving.clone();
        fixed = fixed.clone();
        fixedInputs = fixedInputs.clone();
        if (fixed.length != fixedInputs.length) {
            throw new IllegalArgumentException(fixed.length + " fixed slots but " + fixedInputs.length + " inputs");
        }
    }

    @Override
    public int[] moving() {
        return moving.clone();
    }

    @Override
    public int[] fixed() {
        return fixed.clone();
    }

    @Override
    public int[] fixedInputs() {
        return fixedInputs.clone();
    }

    /** The number of elements of port {@code in}: the moving slots, the columns, the carries. */
    public int inputs(int width) {
        return moving.length + columns + width;
    }

    /**
     * Where each element of the adjoint's port {@code gin} sits in port {@code in}: the moving
     * slots, then the carries (the columns have no cotangent: they are the loop variable and data).
     */
    public int[] ginPositions(int width) {
        return ginPositions(moving.length, columns, width);
    }

    private static int[] ginPositions(int moving, int columns, int width) {
        return IntStream.concat(IntStream.range(0, moving), IntStream.range(moving + columns, moving + columns + width))
                .toArray();
    }

    /**
     * The split form of {@code body} (ports x, seed, c, h; output next), or null with more than
     * {@value #MAX_READS} moving slots and columns.
     */
    static SplitStep of(Scan scan, RuleSet rules) {
        Graph body = scan.body();
        int slots = body.inputs().get(0).size();
        int columns = body.inputs().get(2).size();
        int width = scan.width();
        int[] moving = IntStream.range(0, slots).filter(k -> scan.step()[k] != 0).toArray();
        int[] fixed = IntStream.range(0, slots).filter(k -> scan.step()[k] == 0).boxed()
                .sorted((a, c) -> Integer.compare(scan.base()[a], scan.base()[c])).mapToInt(Integer::intValue).toArray();
        if (moving.length + columns > MAX_READS) {
            return null;
        }
        int[] at = new int[slots];     // slot k: its element of port in (moving) or of port fixed
        for (int j = 0; j < moving.length; j++) {
            at[moving[j]] = j;
        }
        for (int j = 0; j < fixed.length; j++) {
            at[fixed[j]] = j;
        }
        GraphBuilder b = rules.newBuilder();
        if (!body.unbounded().isEmpty()) {
            b.unbounded(0);
            b.unbounded(1);
        }
        int[] map = body.copyInto(b, (ref, shape) -> switch (ref.array()) {
            case 0 -> scan.step()[ref.index()] != 0 ? b.input(0, at[ref.index()], shape) : b.input(1, at[ref.index()], shape);
            case 2 -> b.input(0, moving.length + ref.index(), shape);
            default -> b.input(0, moving.length + columns + ref.index(), shape);
        });
        List<String> slotLabels = body.inputs().get(0).labels();
        List<String> labels = new ArrayList<>();
        Arrays.stream(moving).forEach(k -> labels.add(slotLabels.get(k)));
        labels.addAll(body.inputs().get(2).labels());
        labels.addAll(body.inputs().get(Scan.CARRY_PORT).labels());
        List<String> fixedLabels = Arrays.stream(fixed).mapToObj(slotLabels::get).toList();
        Port next = body.output(Scan.NEXT);
        List<Integer> outs = new ArrayList<>();
        for (int id : next.nodes()) {
            outs.add(map[id]);
        }
        Graph step = b.build(List.of(Port.input(IN, labels), Port.input(FIXED, fixedLabels)),
                List.of(new Port(Scan.NEXT, next.labels(), outs))).withoutDeadCode();
        step = Simplifier.simplify(step, rules).graph();
        GraphBuilder ab = rules.newBuilder();
        ab.unbounded(HBAR_PORT);
        Graph full = Reverse.vjp(step, ab, Scan.NEXT, new int[] {0, 1}, false, HBAR, List.of(GIN, GFIXED));
        full = Simplifier.simplify(full, rules).graph();
        Port allIn = full.output(GIN);
        int[] positions = ginPositions(moving.length, columns, width);
        List<Integer> ginNodes = Arrays.stream(positions).mapToObj(p -> allIn.nodes().get(p)).toList();
        List<String> ginLabels = Arrays.stream(positions).mapToObj(p -> allIn.labels().get(p)).toList();
        full = full.withOutputs(List.of(full.output(Scan.NEXT), new Port(GIN, ginLabels, ginNodes), full.output(GFIXED)))
                .withoutDeadCode();
        // the primal values the cotangent part reads: computed and stored by record, read by adjoint
        boolean[] cot = new boolean[full.size()];
        boolean[] tape = new boolean[full.size()];
        for (int i = 0; i < full.size(); i++) {
            Node n = full.node(i);
            if (n.op() == Leaf.INPUT) {
                cot[i] = ((InputRef) n.attr()).array() == HBAR_PORT;
            }
            for (int k = 0; k < n.arity(); k++) {
                cot[i] |= cot[n.arg(k)];
            }
            for (int k = 0; cot[i] && k < n.arity(); k++) {
                tape[n.arg(k)] |= !cot[n.arg(k)];
            }
        }
        for (String out : List.of(GIN, GFIXED)) {
            for (int id : full.output(out).nodes()) {
                tape[id] |= !cot[id];
            }
        }
        List<Integer> taped = new ArrayList<>();
        List<String> tapedLabels = new ArrayList<>();
        for (int i = 0; i < full.size(); i++) {
            Node n = full.node(i);
            if (tape[i] && n.op() != Leaf.INPUT && n.op() != Leaf.CONST) {
                taped.add(i);
                tapedLabels.add("v" + i);
            }
        }
        Graph record = full.withOutputs(List.of(full.output(Scan.NEXT), new Port(TAPED, tapedLabels, taped)))
                .withoutDeadCode();
        Graph adjoint = cotangentPart(full, taped, tapedLabels);
        int[] fixedInputs = Arrays.stream(fixed).map(k -> scan.base()[k]).toArray();
        return new SplitStep(step, adjoint, null, moving, fixed, fixedInputs, columns, record, taped.size());
    }

    /**
     * The cotangent part of the step's VJP {@code full}: its outputs gin and gfixed, each node in
     * {@code taped} read from a new port {@code taped} instead of computed.
     */
    private static Graph cotangentPart(Graph full, List<Integer> taped, List<String> tapedLabels) {
        GraphBuilder bb = GraphBuilder.literal();
        for (int a : full.unbounded()) {
            bb.unbounded(a);
        }
        bb.unbounded(TAPED_PORT);
        int[] at = new int[full.size()];
        Arrays.fill(at, -1);
        for (int j = 0; j < taped.size(); j++) {
            at[taped.get(j)] = j;
        }
        int[] copy = new int[full.size()];
        for (int i = 0; i < full.size(); i++) {
            Node n = full.node(i);
            if (at[i] >= 0) {
                copy[i] = bb.input(TAPED_PORT, at[i], n.shape());
            } else if (n.op() == Leaf.INPUT) {
                InputRef ref = (InputRef) n.attr();
                copy[i] = bb.input(ref.array(), ref.index(), n.shape());
            } else if (n.op() == Leaf.CONST) {
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
        List<Port> outs = new ArrayList<>();
        for (String name : List.of(GIN, GFIXED)) {
            Port p = full.output(name);
            outs.add(new Port(name, p.labels(), p.nodes().stream().map(id -> copy[id]).toList()));
        }
        return bb.build(ports, outs).withoutDeadCode();
    }

    /**
     * This split step with its forward-mode graph: the JVP of the step with respect to both its
     * ports, the tangents of {@code in} on port {@code indot} and of the fixed slots on {@code fixeddot}.
     */
    SplitStep withTangent(RuleSet rules) {
        GraphBuilder b = rules.newBuilder();
        for (int a : step.unbounded()) {
            b.unbounded(a + 2);
        }
        Graph t = Simplifier.simplify(Forward.jvp(step, b, new int[] {0, 1}, List.of(INDOT, FIXEDDOT)), rules).graph();
        return new SplitStep(step, adjoint, t, moving, fixed, fixedInputs, columns, record, taped);
    }

    @Override
    public String toString() {
        return "SplitStep[moving=" + moving.length + ", fixed=" + fixed.length + ", columns=" + columns + ", taped="
                + taped + "]";
    }
}
