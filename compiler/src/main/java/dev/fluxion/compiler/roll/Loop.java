package dev.fluxion.compiler.roll;

import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.diff.Reverse;
import dev.fluxion.compiler.ir.Gather;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ops.Algebra;
import dev.fluxion.compiler.simplify.RuleSet;
import dev.fluxion.compiler.simplify.Simplifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One loop of re-rolled terms: {@code count} iterations, each reading the inputs
 * {@code x[base[j] + i * step[j]]} (its slots) and computing one term of each member
 * {@link Run}, summed per member; runs with the same count share the loop and the inputs
 * they read in common.
 *
 * <p>The templates are ordinary graphs over the slots (input port {@code x}, labelled
 * {@code x[i + 1]} and so on): {@link #value()} has output {@code t}, one element per
 * member; {@link #gradient()} has outputs {@code t} and {@code grad}, the adjoint of every
 * slot for the loss {@code Σ seed_r · t_r}, where a member's seed is a constant folded in
 * or, when it varies, element r of input port {@code seed}. Both come from the same
 * reverse mode and simplification as every other derivative.
 *
 * @param count    the trip count
 * @param base     the input each slot reads at i = 0
 * @param step     how far each slot moves per iteration
 * @param members  the global index of each member run (its sum's slot in the loop sums)
 * @param value    the value template
 * @param gradient the gradient template
 * @param seeded   whether member r reads its seed from port {@code seed} (else it is folded in)
 * @param columns  the constants that change from term to term: element k of input port
 *                 {@code c} (port 2 of both templates) takes column k's value at iteration i
 * @param gathers  for each slot, the axes whose index it reads from data at each iteration
 *                 ({@link Gather}, from a sum kept as a loop that gathers: {@code x[idx[k]]});
 *                 empty for a slot at an affine position
 */
public record Loop(int count, int[] base, int[] step, List<Integer> members, Graph value, Graph gradient,
                   boolean[] seeded, List<Column> columns, List<List<Gather>> gathers) {

    /** A loop whose slots all read at affine positions. */
    public Loop(int count, int[] base, int[] step, List<Integer> members, Graph value, Graph gradient,
                boolean[] seeded, List<Column> columns) {
        this(count, base, step, members, value, gradient, seeded, columns,
                dev.fluxion.compiler.ir.LoopSum.noGathers(base.length));
    }

    /** Template port names. */
    public static final String T = "t";
    public static final String SEED = "seed";
    public static final String C = "c";

    public Loop {
        base = base.clone();
        step = step.clone();
        members = List.copyOf(members);
        seeded = seeded.clone();
        columns = List.copyOf(columns);
        gathers = gathers.stream().map(List::copyOf).toList();
        if (gathers.size() != base.length) {
            throw new IllegalArgumentException("one gather list per slot");
        }
    }

    /** Whether slot {@code j} reads at a position gathered from data, known only at run time. */
    public boolean gathered(int j) {
        return !gathers.get(j).isEmpty();
    }

    /** Whether slot {@code j} reads another input at some iteration (it moves, or is gathered). */
    public boolean moves(int j) {
        return step[j] != 0 || gathered(j);
    }

    /** A copy of the input each slot reads at i = 0. */
    @Override
    public int[] base() {
        return base.clone();
    }

    /** A copy of each slot's step. */
    @Override
    public int[] step() {
        return step.clone();
    }

    /** A copy of which members read their seed from port {@code seed}. */
    @Override
    public boolean[] seeded() {
        return seeded.clone();
    }

    /** The number of slots: inputs each iteration reads. */
    public int slots() {
        return base.length;
    }

    /** The input slot {@code j} reads at i = 0. */
    public int base(int j) {
        return base[j];
    }

    /** How far slot {@code j} moves per iteration (0: the same input every time). */
    public int step(int j) {
        return step[j];
    }

    /** Whether member {@code q} reads its seed from port {@code seed}. */
    public boolean seeded(int q) {
        return seeded[q];
    }

    /** Where a slot reads: {@code base + step * i}, plus its gathered axes (none for an affine slot). */
    private record Affine(int base, int step, List<Gather> gathers) {
        Affine(int base, int step) {
            this(base, step, List.of());
        }
    }

    /**
     * The loop computing {@code runs} (all of the same count).
     *
     * @param g the primal graph the runs were found in
     * @param indices the global index of each run
     * @param seeds each run's seed if it is a constant, else null (read from port {@code seed})
     */
    static Loop build(Graph g, List<Run> runs, List<Integer> indices, Double[] seeds, RuleSet rules) {
        return assemble(runs.get(0).count(), runs.size(), (b, slots, columns) -> copyTerms(g, runs, b, slots, columns),
                g.inputs().get(0).name(), indices, seeds, rules, false);
    }

    /**
     * The loop of one loop sum as lowering kept it ({@code sum(i in lo..hi: term)}): its term is
     * already a template over slots and the index; the index becomes a changing constant
     * ({@code lo + i}).
     *
     * @param sum   the loop sum
     * @param index its global index (its slot in the loop sums)
     * @param seed  its seed if it is a constant, else null (read from port {@code seed})
     */
    static Loop of(dev.fluxion.compiler.ir.LoopSum sum, int index, Double seed, RuleSet rules) {
        return assemble(sum.count(), 1, (b, slots, columns) -> new int[] {copyTerm(sum, b, slots, columns)},
                Derivatives.X, List.of(index), new Double[] {seed}, rules, !sum.data().isEmpty());
    }

    /** Copies the terms of a loop's members into a template builder; returns each term's node. */
    @FunctionalInterface
    private interface Terms {
        int[] copy(GraphBuilder b, Map<Affine, Integer> slots, List<Column> columns);
    }

    private static Loop assemble(int count, int memberCount, Terms terms, String array, List<Integer> indices,
                                 Double[] seeds, RuleSet rules, boolean data) {
        Map<Affine, Integer> slots = new LinkedHashMap<>();
        List<Column> columns = new ArrayList<>();
        GraphBuilder vb = unbounded(rules.newBuilder(), data);
        int[] vt = terms.copy(vb, slots, columns);
        Port slotPort = Port.input(Derivatives.X, labels(array, slots));
        Port columnPort = Port.input(C, columnLabels(columns));
        Port noSeeds = Port.input(SEED, List.of());
        Graph value = vb.build(List.of(slotPort, noSeeds, columnPort),
                List.of(new Port(T, termLabels(memberCount), ids(vt)))).withoutDeadCode();

        GraphBuilder gb = unbounded(rules.newBuilder(), data);
        int[] gt = terms.copy(gb, new LinkedHashMap<>(slots), new ArrayList<>());
        int f = dev.fluxion.compiler.ir.Zero.ID;
        boolean[] seeded = new boolean[memberCount];
        for (int q = 0; q < memberCount; q++) {
            int weighted;
            if (seeds[q] == null) {
                seeded[q] = true;
                weighted = Algebra.times(gb, gb.input(1, q), gt[q]);
            } else {
                weighted = seeds[q] == 1.0 ? gt[q] : Algebra.mul(gb, gb.constant(seeds[q]), gt[q]);
            }
            f = Algebra.add(gb, f, weighted);
        }
        f = Algebra.materialize(gb, f);
        List<String> seedLabels = indices.stream().map(r -> "sbar" + r).toList();
        List<Port> inputs = List.of(slotPort, Port.input(SEED, seedLabels), columnPort);
        Graph loss = gb.build(inputs, List.of(new Port(Derivatives.Y, List.of("f"), List.of(f)),
                new Port(T, termLabels(memberCount), ids(gt))));
        Graph adjoint = Reverse.vjp(loss, rules.newBuilder(), Derivatives.Y, 0, true, null, Derivatives.GRAD);
        Graph gradient = Simplifier.simplify(adjoint, rules).graph().keepOutputs(List.of(T, Derivatives.GRAD));
        int[] base = new int[slots.size()];
        int[] step = new int[slots.size()];
        List<List<Gather>> gathers = new ArrayList<>(dev.fluxion.compiler.ir.LoopSum.noGathers(slots.size()));
        for (Map.Entry<Affine, Integer> e : slots.entrySet()) {
            base[e.getValue()] = e.getKey().base();
            step[e.getValue()] = e.getKey().step();
            gathers.set(e.getValue(), e.getKey().gathers());
        }
        return new Loop(count, base, step, indices, value, gradient, seeded, columns, gathers);
    }

    /**
     * {@code b} with the seeds (port 1: an adjoint may be infinite or NaN) and, when columns
     * read data, the columns (port 2) marked unbounded: no product with them is taken as finite.
     */
    private static GraphBuilder unbounded(GraphBuilder b, boolean data) {
        b.unbounded(1);
        if (data) {
            b.unbounded(2);
        }
        return b;
    }

    /**
     * Copies a loop sum's term into {@code b}: its slots become the loop's slots, its index the
     * changing constant {@code first + i} (appended to {@code columns}); returns the term's node.
     */
    private static int copyTerm(dev.fluxion.compiler.ir.LoopSum sum, GraphBuilder b, Map<Affine, Integer> slots,
                                List<Column> columns) {
        Graph t = sum.term();
        int[] base = sum.base();
        int[] step = sum.step();
        Map<Integer, int[]> columnAt = new HashMap<>();
        int[] map = t.copyInto(b, (ref, shape) -> {
            if (ref.array() == 0) {
                Affine at = new Affine(base[ref.index()], step[ref.index()], sum.gathers().get(ref.index()));
                return b.input(0, slots.computeIfAbsent(at, k -> slots.size()));
            }
            int[] at = columnAt.computeIfAbsent(ref.index(), k -> new int[] {-1});
            if (at[0] < 0) {
                at[0] = columns.size();
                columns.add(ref.index() == 0 ? new Column(sum.first(), 1, null) : Column.data(sum.data().get(ref.index() - 1)));
            }
            return b.input(2, at[0]);
        });
        return map[t.output(dev.fluxion.compiler.ir.LoopSum.TERM).node(0)];
    }

    /**
     * Copies the first term of every run into {@code b}, its inputs becoming slots and its
     * constants that change from term to term becoming elements of port {@code c} (appended
     * to {@code columns}); returns each term's node.
     */
    private static int[] copyTerms(Graph g, List<Run> runs, GraphBuilder b, Map<Affine, Integer> slots,
                                   List<Column> columns) {
        int[] terms = new int[runs.size()];
        int nextColumn = 0;
        for (int q = 0; q < runs.size(); q++) {
            Run r = runs.get(q);
            Map<Integer, Integer> map = new HashMap<>();
            int slot = 0;
            int constant = 0;
            for (int id : r.shape().nodes()) {
                Node n = g.node(id);
                int copy;
                if (n.op() == Leaf.INPUT) {
                    Affine a = new Affine(r.base()[slot], r.step()[slot]);
                    slot++;
                    copy = b.input(0, slots.computeIfAbsent(a, k -> slots.size()));
                } else if (n.op() == Leaf.CONST) {
                    Column column = r.constants().get(constant++);
                    if (column.uniform()) {
                        copy = b.constant((Double) n.attr());
                    } else {
                        columns.add(column);
                        copy = b.input(2, nextColumn++);
                    }
                } else {
                    int[] args = new int[n.arity()];
                    for (int k = 0; k < args.length; k++) {
                        args[k] = map.get(n.arg(k));
                    }
                    copy = b.applyWith(n.op(), n.attr(), args);
                }
                map.put(id, copy);
            }
            terms[q] = map.get(r.template());
        }
        return terms;
    }

    /**
     * Labels of the slots as the loop reads them: {@code x[i]}, {@code x[2 * i + 1]}, {@code x[7]};
     * a gathered slot as the program writes it, {@code x[idx[k] + 1]}.
     */
    private static List<String> labels(String array, Map<Affine, Integer> slots) {
        List<String> labels = new ArrayList<>();
        for (Affine a : slots.keySet()) {
            labels.add(a.gathers().isEmpty() ? array + "[" + index("i", a.base(), a.step()) + "]"
                    : a.gathers().get(0).read());
        }
        return labels;
    }

    /** Labels of the changing constants: {@code c0[i]}, {@code c1[i]}, ... */
    private static List<String> columnLabels(List<Column> columns) {
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < columns.size(); k++) {
            labels.add("c" + k + "[i]");
        }
        return labels;
    }

    /** {@code base + step * i} as Java: {@code i}, {@code i + 1}, {@code 2 * i + 1}, {@code 7}. */
    public static String index(String i, int base, int step) {
        String scaled = step == 0 ? null : step == 1 ? i : step + " * " + i;
        if (scaled == null) {
            return Integer.toString(base);
        }
        return base == 0 ? scaled : base > 0 ? scaled + " + " + base : scaled + " - " + (-(long) base);
    }

    private static List<String> termLabels(int n) {
        List<String> l = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            l.add("t" + q);
        }
        return l;
    }

    private static List<Integer> ids(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int x : a) {
            l.add(x);
        }
        return l;
    }

    /**
     * A generous estimate of the bytecode one iteration of the gradient body compiles to, as
     * the code generator estimates statements: a loop body over HotSpot's 8,000-byte JIT
     * limit would never be compiled.
     */
    int estimatedBytes() {
        int bytes = 0;
        for (Node n : gradient.nodes()) {
            if (n.op() == Leaf.INPUT) {
                bytes += ((InputRef) n.attr()).array() == 0 ? 16 : 8;
            } else if (n.op() != Leaf.CONST) {
                bytes += n.statementBytes();
            }
        }
        int gathered = 0;
        for (List<Gather> g : gathers) {
            gathered += g.size();
        }
        return bytes + 20 * (base.length + members.size()) + 40 * gathered;
    }

    /**
     * The slot reading input {@code x[base + step * i]}'s index expression over loop variable {@code i}.
     *
     * @throws IllegalStateException if the slot is gathered: its position is computed at each iteration
     */
    public String slotIndex(int slot, String i) {
        if (gathered(slot)) {
            throw new IllegalStateException("slot " + slot + " is gathered from data: " + gathers.get(slot));
        }
        return index(i, base[slot], step[slot]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Loop l && l.count == count && java.util.Arrays.equals(l.base, base)
                && java.util.Arrays.equals(l.step, step) && l.members.equals(members)
                && java.util.Arrays.equals(l.seeded, seeded) && l.columns.equals(columns) && l.gathers.equals(gathers);
    }

    @Override
    public int hashCode() {
        return 31 * members.hashCode() + count;
    }

    @Override
    public String toString() {
        return "Loop[count=" + count + ", slots=" + base.length + ", members=" + members + "]";
    }
}
