package dev.fluxion.compiler.roll;

import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.diff.Reverse;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Zero;
import dev.fluxion.compiler.ops.Algebra;
import dev.fluxion.compiler.simplify.RuleSet;
import dev.fluxion.compiler.simplify.Simplifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-rolling: a sum written out term by term ({@code (1 - x0)^2 + 100*(x1 - x0^2)^2 + (1 - x1)^2
 * + ...}) compiles to straight-line code that grows with the number of terms, while a
 * person would write a loop. This pass finds, in every sum of a scalar function, runs of
 * at least {@link #MIN_TERMS} terms that compute the same operations on inputs at
 * affine positions ({@link Run}), and turns them into {@link Loop}s; what is left is the
 * residual: the function with each run's sum replaced by an input {@code s[r]}.
 *
 * <p>The generated value computes the loop sums, then the residual. The generated gradient
 * runs one reverse sweep of the residual to get the adjoints {@code sbar[r]} of the loop
 * sums (the {@link #seeds()} graph; when one depends on a loop sum, that loop's value runs
 * first, see {@link #early()}), then each loop adds {@code sbar[r] · ∂term/∂x} into the
 * gradient while summing its terms, then the rest of the residual's adjoint sweep adds the
 * adjoints of the inputs it reads directly ({@link #rest()}). Every part is an ordinary
 * graph built by the same reverse mode and simplification; only the order of additions
 * differs from the straight-line code (floating-point reassociation).
 *
 * @param residual the function with loop sums as inputs: ports {@code x} and {@code s}
 * @param seeds    inputs x, s; output {@code sbar}, the adjoint of every loop sum
 * @param rest     inputs x, s; outputs {@code y} and {@code grad}, the residual's own adjoints of x
 * @param loops    the loops, in order; their members number the loop sums 0, 1, ...
 * @param early    for each loop, whether a seed reads one of its sums (so its value runs first)
 * @param tangents the forward-mode form for the tangent and second-order methods, or null
 *                 when the class has none ({@link #withTangents})
 * @param inputs   the function's input each element of the residual's port {@code x} is, or null
 * @param scans    the {@code for} loops kept as loops ({@link ScanLoop}); their final carries are the
 *                 elements of port {@code s} after the loop sums. The gradient runs each one's
 *                 forward loop (recording its tape) before the seeds, and its backward loop with
 *                 the loops' gradients
 */
public record Rolling(Graph residual, Graph seeds, Graph rest, List<Loop> loops, boolean[] early, Tangents tangents,
                      int[] inputs, List<ScanLoop> scans) {

    /** A rolling whose residual reads the inputs by their own positions. */
    public Rolling(Graph residual, Graph seeds, Graph rest, List<Loop> loops, boolean[] early, Tangents tangents) {
        this(residual, seeds, rest, loops, early, tangents, null, List.of());
    }

    /**
     * The function's input each element of the residual's port {@code x} is (its port holds only
     * the inputs the residual reads, so its graphs do not grow with the number of inputs), or
     * null when the residual's port is the function's whole input.
     */
    @Override
    public int[] inputs() {
        return inputs == null ? null : inputs.clone();
    }

    /** Fewest terms a run needs: shorter sums stay straight-line (and read as written). */
    public static final int MIN_TERMS = dev.fluxion.compiler.ir.LoopSum.MIN_TERMS;

    /** Most nodes a term's template may have. */
    static final int MAX_TEMPLATE_NODES = 256;

    /** Most estimated bytecode in one loop body: well under HotSpot's 8,000-byte JIT limit. */
    static final int BODY_BUDGET = 5000;

    /** Port names of the residual and its derivative graphs. */
    public static final String S = "s";
    public static final String SBAR = "sbar";

    public Rolling {
        loops = List.copyOf(loops);
        early = early.clone();
        scans = List.copyOf(scans);
    }

    /**
     * This rolling with its forward-mode form ({@link Tangents}), for a class whose tangent
     * methods ({@code jvp}, {@code jvpMany}, {@code jacobianForward}) and, with
     * {@code secondOrder}, Hessian methods loop over the sums too.
     */
    public Rolling withTangents(RuleSet rules, boolean secondOrder) {
        List<ScanLoop> withTangent = scans.stream().map(q -> q.withTangent(rules, secondOrder)).toList();
        Rolling r = new Rolling(residual, seeds, rest, loops, early, null, inputs, withTangent);
        return new Rolling(residual, seeds, rest, loops, early, Tangents.of(r, rules, secondOrder), inputs, withTangent);
    }

    /**
     * The number of elements of port {@code s}: every member of every loop (the loop sums), then
     * every carry of every scan.
     */
    public int sums() {
        return loops.stream().mapToInt(l -> l.members().size()).sum() + scans.stream().mapToInt(ScanLoop::width).sum();
    }

    /** A copy of which loops must compute their sums before the seeds. */
    @Override
    public boolean[] early() {
        return early.clone();
    }

    /** Whether loop {@code l}'s sums are read by a seed, so its value loop runs first. */
    public boolean early(int l) {
        return early[l];
    }

    /**
     * The re-rolled form of a scalar function's primal graph (simplified, one input port
     * {@code x}, one output port {@code y} of one element), or null if no sum has a run
     * worth a loop.
     */
    public static Rolling find(Graph primal, RuleSet rules) {
        if (primal.inputs().size() != 1 || primal.outputs().size() != 1 || primal.outputs().get(0).size() != 1) {
            return null;
        }
        List<SumTree> trees = SumTree.find(primal, MIN_TERMS);
        if (trees.isEmpty()) {
            return null;
        }
        List<Run> candidates = Runs.find(primal, trees, MIN_TERMS, MAX_TEMPLATE_NODES);
        List<List<Run>> groups = fuse(primal, candidates, rules);
        if (groups.isEmpty()) {
            return null;
        }
        List<Run> runs = new ArrayList<>();
        groups.forEach(runs::addAll);
        Graph residual = residual(primal, trees, runs, rules);
        List<Integer> sizes = groups.stream().map(List::size).toList();
        return assemble(residual, sizes, (l, indices, seeds) -> Loop.build(primal, groups.get(l), indices, seeds, rules),
                rules);
    }

    /**
     * The re-rolled form of a program whose sums lowering kept as loop sums ({@link
     * dev.fluxion.compiler.ir.LoopSum}): the program (simplified, ports {@code x} and {@code s},
     * one output) is the residual, and each loop sum is a loop of its own.
     *
     * @param program the program with its loop sums
     * @return its re-rolled form, or null when a loop body would be too large for the JIT
     *         ({@value #BODY_BUDGET} estimated bytes): then the sums are better written out
     * @throws IllegalArgumentException if the program has no loop sums or several outputs
     */
    public static Rolling of(dev.fluxion.compiler.ir.Program program, RuleSet rules) {
        return of(program, rules, 0);
    }

    /**
     * {@link #of(dev.fluxion.compiler.ir.Program, RuleSet)}, the scans' reverse sweeps storing
     * their carries every {@code checkpoints} steps (0: every step, no recomputation).
     */
    public static Rolling of(dev.fluxion.compiler.ir.Program program, RuleSet rules, int checkpoints) {
        return of(program, rules, checkpoints, 0);
    }

    /**
     * {@link #of(dev.fluxion.compiler.ir.Program, RuleSet, int)}, or with {@code snapshots} &gt; 0
     * binomial checkpointing of the scans' reverse sweeps with that many snapshots.
     */
    public static Rolling of(dev.fluxion.compiler.ir.Program program, RuleSet rules, int checkpoints, int snapshots) {
        List<dev.fluxion.compiler.ir.LoopSum> sums = program.loops();
        if (!program.hasLoops() || program.outputCount() != 1) {
            throw new IllegalArgumentException("loop sums of a function of one output are needed");
        }
        List<Integer> sizes = sums.stream().map(s -> 1).toList();
        Graph g = program.graph();
        // The residual over the inputs it reads alone: its adjoint's port grad has one element per
        // input read, not per input (a sum over x[1000000] reads none outside the loop).
        java.util.TreeSet<Integer> read = new java.util.TreeSet<>();
        for (Node n : g.nodes()) {
            if (n.op() == Leaf.INPUT && ((InputRef) n.attr()).array() == 0) {
                read.add(((InputRef) n.attr()).index());
            }
        }
        int[] inputs = read.stream().mapToInt(Integer::intValue).toArray();
        Graph compact = compact(g, inputs, rules);
        Rolling r = assemble(compact, sizes,
                (l, indices, seeds) -> Loop.of(sums.get(l), indices.get(0), seeds[0], rules), rules);
        if (!r.loops.stream().allMatch(l -> l.estimatedBytes() <= BODY_BUDGET)) {
            return null;
        }
        List<ScanLoop> scans = new ArrayList<>();
        for (int q = 0; q < program.scans().size(); q++) {
            ScanLoop scan = ScanLoop.of(program.scans().get(q), program.scanOffset(q), rules, checkpoints, snapshots);
            if (estimatedBytes(scan.adjoint()) > BODY_BUDGET) {
                // too large for one loop body: the body's step and adjoint become methods of their own
                SplitStep split = SplitStep.of(program.scans().get(q), rules);
                if (split == null) {
                    return null;
                }
                scan = scan.withSplit(split);
            }
            // a tape (or the Hessian's, two doubles per carry and step) must fit in one Java array
            if (scan.tapeDoubles() > Integer.MAX_VALUE - 8 || 2L * scan.count() * scan.width() > Integer.MAX_VALUE - 8) {
                return null;
            }
            scans.add(scan);
        }
        return new Rolling(r.residual, r.seeds, r.rest, r.loops, r.early, null, inputs, scans);
    }

    /** A generous estimate of the bytecode of a scan's loop bodies (see {@link Loop#estimatedBytes}). */
    private static int estimatedBytes(Graph g) {
        int bytes = 0;
        for (Node n : g.nodes()) {
            bytes += n.op() == Leaf.INPUT ? 16 : n.op() == Leaf.CONST ? 0 : n.statementBytes();
        }
        return bytes;
    }

    /** {@code g} with input port 0 holding only the elements {@code inputs} (in order), renumbered. */
    private static Graph compact(Graph g, int[] inputs, RuleSet rules) {
        java.util.Map<Integer, Integer> at = new HashMap<>();
        List<String> labels = new ArrayList<>();
        Port x = g.inputs().get(0);
        for (int k = 0; k < inputs.length; k++) {
            at.put(inputs[k], k);
            labels.add(x.labels().get(inputs[k]));
        }
        GraphBuilder b = rules.newBuilder();
        for (int a : g.unbounded()) {
            b.unbounded(a);
        }
        int[] map = g.copyInto(b, (ref, shape) ->
                b.input(ref.array(), ref.array() == 0 ? at.get(ref.index()) : ref.index(), shape));
        List<Port> ports = new ArrayList<>(g.inputs());
        ports.set(0, Port.input(x.name(), labels));
        return b.build(ports, g.mapOutputs(map));
    }

    /** Builds loop {@code l} of the given members' global indices and constant seeds (null: read from port seed). */
    @FunctionalInterface
    private interface LoopFactory {
        Loop build(int l, List<Integer> indices, Double[] seeds);
    }

    /**
     * The rolling of {@code residual} (ports x and s) with loops of {@code sizes.get(l)} members
     * each, numbered in order: the residual's adjoints give the seeds of the loop sums (the
     * {@code seeds} graph) and the adjoints of the inputs it reads directly ({@code rest}).
     */
    private static Rolling assemble(Graph residual, List<Integer> sizes, LoopFactory factory, RuleSet rules) {
        int sumCount = sizes.stream().mapToInt(Integer::intValue).sum();
        Graph adjoint = Reverse.vjp(residual, rules.newBuilder(), Derivatives.Y, new int[] {0, 1}, true, null,
                List.of(Derivatives.GRAD, SBAR));
        adjoint = Simplifier.simplify(adjoint, rules).graph();
        Graph seeds = adjoint.keepOutputs(List.of(SBAR));
        Graph rest = adjoint.keepOutputs(List.of(Derivatives.Y, Derivatives.GRAD));
        Double[] constantSeeds = new Double[sumCount];
        Port sbar = seeds.output(SBAR);
        for (int r = 0; r < sumCount; r++) {
            Node n = seeds.node(sbar.node(r));
            constantSeeds[r] = n.op() == Leaf.CONST ? (Double) n.attr() : null;
        }
        boolean[] sumRead = new boolean[sumCount];
        for (Node n : seeds.nodes()) {
            if (n.op() == Leaf.INPUT && ((InputRef) n.attr()).array() == 1 && ((InputRef) n.attr()).index() < sumCount) {
                sumRead[((InputRef) n.attr()).index()] = true;
            }
        }
        List<Loop> loops = new ArrayList<>();
        boolean[] early = new boolean[sizes.size()];
        int next = 0;
        for (int l = 0; l < sizes.size(); l++) {
            List<Integer> indices = new ArrayList<>();
            Double[] memberSeeds = new Double[sizes.get(l)];
            for (int q = 0; q < sizes.get(l); q++) {
                indices.add(next);
                memberSeeds[q] = constantSeeds[next];
                early[l] |= sumRead[next];
                next++;
            }
            loops.add(factory.build(l, indices, memberSeeds));
        }
        return new Rolling(residual, seeds, rest, loops, early, null);
    }

    /**
     * Groups runs of equal count into loops, in order of first appearance, as long as the
     * loop body stays within {@link #BODY_BUDGET} (estimated with every seed read from the
     * seed port, the larger form); a run too large for a loop on its own stays straight-line.
     */
    private static List<List<Run>> fuse(Graph primal, List<Run> candidates, RuleSet rules) {
        Map<Integer, List<Run>> byCount = new LinkedHashMap<>();
        for (Run r : candidates) {
            byCount.computeIfAbsent(r.count(), c -> new ArrayList<>()).add(r);
        }
        List<List<Run>> groups = new ArrayList<>();
        for (List<Run> same : byCount.values()) {
            List<Run> current = new ArrayList<>();
            for (Run r : same) {
                List<Run> trial = new ArrayList<>(current);
                trial.add(r);
                if (fits(primal, trial, rules)) {
                    current = trial;
                } else {
                    if (!current.isEmpty()) {
                        groups.add(current);
                    }
                    current = fits(primal, List.of(r), rules) ? new ArrayList<>(List.of(r)) : new ArrayList<>();
                }
            }
            if (!current.isEmpty()) {
                groups.add(current);
            }
        }
        return groups;
    }

    private static boolean fits(Graph primal, List<Run> runs, RuleSet rules) {
        List<Integer> indices = new ArrayList<>();
        for (int q = 0; q < runs.size(); q++) {
            indices.add(q);
        }
        return Loop.build(primal, runs, indices, new Double[runs.size()], rules).estimatedBytes() <= BODY_BUDGET;
    }

    /** The primal with the terms of every run replaced by its loop sum, input {@code s[r]}. */
    private static Graph residual(Graph g, List<SumTree> trees, List<Run> runs, RuleSet rules) {
        Map<Integer, SumTree> treeAt = new HashMap<>();
        for (SumTree t : trees) {
            treeAt.put(t.root(), t);
        }
        Map<Integer, List<Integer>> runsAt = new HashMap<>();
        Map<Integer, Set<Integer>> rolled = new HashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            Run run = runs.get(r);
            runsAt.computeIfAbsent(run.root(), k -> new ArrayList<>()).add(r);
            rolled.computeIfAbsent(run.root(), k -> new HashSet<>()).addAll(run.positions());
        }
        GraphBuilder b = rules.newBuilder();
        b.unbounded(1);
        int[] map = new int[g.size()];
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.INPUT) {
                InputRef ref = (InputRef) n.attr();
                map[i] = b.input(ref.array(), ref.index(), n.shape());
            } else if (n.op() == Leaf.CONST) {
                map[i] = b.constant((Double) n.attr());
            } else if (runsAt.containsKey(i)) {
                SumTree tree = treeAt.get(i);
                Set<Integer> skip = rolled.get(i);
                int acc = Zero.ID;
                for (int p = 0; p < tree.terms().size(); p++) {
                    if (!skip.contains(p)) {
                        SumTree.Term t = tree.terms().get(p);
                        acc = t.sign() > 0 ? Algebra.add(b, acc, map[t.node()]) : Algebra.sub(b, acc, map[t.node()]);
                    }
                }
                for (int r : runsAt.get(i)) {
                    int s = b.input(1, r);
                    acc = runs.get(r).sign() > 0 ? Algebra.add(b, acc, s) : Algebra.sub(b, acc, s);
                }
                map[i] = Algebra.materialize(b, acc);
            } else {
                int[] args = n.args();
                for (int k = 0; k < args.length; k++) {
                    args[k] = map[args[k]];
                }
                map[i] = b.applyWith(n.op(), n.attr(), args);
            }
            if (g.hint(i) != null) {
                b.hint(map[i], g.hint(i));
            }
        }
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            labels.add(S + r);
        }
        List<Port> inputs = List.of(g.inputs().get(0), Port.input(S, labels));
        Graph built = b.build(inputs, g.mapOutputs(map)).withoutDeadCode();
        return Simplifier.simplify(built, rules).graph();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rolling r && r.loops.equals(loops) && java.util.Arrays.equals(r.early, early)
                && (r.tangents == null) == (tangents == null) && java.util.Arrays.equals(r.inputs, inputs)
                && r.scans.equals(scans);
    }

    @Override
    public int hashCode() {
        return loops.hashCode();
    }

    @Override
    public String toString() {
        return "Rolling" + loops + (scans.isEmpty() ? "" : scans.toString());
    }
}
