package dev.fluxion.compiler.sparse;

import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.diff.Reverse;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.LoopSum;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.simplify.RuleSet;
import java.util.Arrays;
import java.util.List;

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
 *
 * <p>A program whose sums are kept as loops ({@link LoopSum}, their values s_r on input port
 * {@code s}) is read without writing them out. Loop r reaches D_r, the inputs its term's slots
 * read at every iteration (those slots the term depends on). For the Jacobian, reaching s_r
 * means reaching D_r. For the Hessian of f(x) = g(x, s(x)): the Hessian pattern P of the
 * residual g over (x, s) gives (a, b) for P[x_a, x_b], a × D_r for P[x_a, s_r], D_r × D_q for
 * P[s_r, s_q]; and every loop g depends on adds, at each iteration, its term's Hessian pattern
 * over the slots mapped to the inputs they read. The cost grows with the iterations, not with
 * a written-out graph.
 *
 * <p>A loop that gathers by data ({@code x[idx[k]]}, {@link dev.fluxion.compiler.ir.Gather}) reads
 * inputs known only when the data are bound: its pattern is read with the data
 * ({@link #jacobian(Program, double[][])}), each gathered slot reading the input its index array
 * gives at each iteration, and is refused without them. The caller keeps it only while the index
 * arrays are unchanged (they are kept without copying).
 */
public final class Dependencies {

    private Dependencies() {
    }

    /**
     * The pattern of the Jacobian of a program's outputs with respect to its inputs.
     *
     * @param p a lowered program of scalar nodes, its sums written out or kept as loops
     * @return outputs × inputs
     * @throws UnsupportedOperationException if a node is a tensor (a model, not a function)
     */
    public static Pattern jacobian(Program p) {
        return jacobian(p, null);
    }

    /**
     * The pattern of the Jacobian of a program's outputs with respect to its inputs, the data
     * bound: a program that gathers by data reads the inputs its index arrays give.
     *
     * @param p a lowered program of scalar nodes, its sums written out or kept as loops
     * @param data the data parameters' arrays, in declaration order, or null when none are bound
     * @return outputs × inputs
     * @throws UnsupportedOperationException if the program gathers inputs and {@code data} is null
     * @throws dev.fluxion.runtime.IndexOutOfRange if an index read from the data is not a whole
     *         number inside its axis, as the generated code would throw
     */
    public static Pattern jacobian(Program p, double[][] data) {
        refuseGathers(p, data);
        Graph g = p.graph();
        int m = p.inputCount();
        if (p.loops().isEmpty()) {
            return jacobian(g, g.outputs().get(0), 0);
        }
        int[][] reach = loopReach(p.loops(), data);
        int[][] cones = cones(g, g.outputs().get(0), columns(g, m), m + p.loops().size());
        Lines lines = new Lines(cones.length);
        for (int j = 0; j < cones.length; j++) {
            for (int c : cones[j]) {
                if (c < m) {
                    lines.add(j, c);
                } else {
                    for (int i : reach[c - m]) {
                        lines.add(j, i);
                    }
                }
            }
        }
        return lines.pattern(m);
    }

    /** Throws if a loop of {@code p} gathers inputs by data and no data are bound: its pattern depends on them. */
    private static void refuseGathers(Program p, double[][] data) {
        String where = p.firstGatheredInput();
        if (where != null && data == null) {
            throw new UnsupportedOperationException("no sparsity pattern without the data for a function that gathers "
                    + "by data (" + where + "): which inputs it reads depends on them; bind them with withData");
        }
    }

    /**
     * The input slot {@code k} of {@code loop} reads at iteration {@code t}: its affine position,
     * plus for each gathered axis the index read from {@code data} (checked as the generated code
     * checks it).
     */
    private static int input(LoopSum loop, int k, int t, double[][] data) {
        if (!loop.gathered(k)) {
            return loop.input(k, t);
        }
        long at = loop.base()[k] + (long) loop.step()[k] * t;
        for (dev.fluxion.compiler.ir.Gather g : loop.gathers().get(k)) {
            double v = data[g.dataPort() - 2][g.dataAt(t)];
            at += (long) g.stride() * dev.fluxion.runtime.IndexOutOfRange.at(v, g.scale(), g.offset() + g.offsetStep() * t,
                    g.size(), g.where(), g.data(), g.axis());
        }
        return (int) at;
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
        int[] offsets = new int[g.inputs().size()];
        Arrays.fill(offsets, -1);
        offsets[inputArray] = 0;
        int cols = g.inputs().get(inputArray).size();
        return Pattern.ofRows(out.size(), cols, cones(g, out, offsets, cols));
    }

    /**
     * For each element of {@code out}, the sorted columns its cone reaches: input element i of
     * array a is column {@code offsets[a] + i}, arrays with offset -1 are not columns.
     */
    private static int[][] cones(Graph g, Port out, int[] offsets, int cols) {
        for (Node n : g.nodes()) {
            if (!n.shape().equals(Shape.SCALAR)) {
                throw new UnsupportedOperationException("sparsity patterns are found for functions of scalars; node "
                        + n + " has shape " + n.shape());
            }
        }
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
                    if (offsets[ref.array()] >= 0) {
                        found[count++] = offsets[ref.array()] + ref.index();
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
        return rows;
    }

    /**
     * The pattern of the Hessian of a program with one output: the Jacobian pattern of its
     * gradient, built by reverse mode with {@code rules}' builder, united with its transpose.
     *
     * @param p a lowered program of scalar nodes with one output, its sums written out or kept as loops
     * @param rules the rules the gradient is built with (those of the compilation)
     * @return inputs × inputs, symmetric
     */
    public static Pattern hessian(Program p, RuleSet rules) {
        return hessian(p, rules, null);
    }

    /**
     * The pattern of the Hessian of a program with one output, the data bound (a program that
     * gathers by data reads the inputs its index arrays give).
     *
     * @param p a lowered program of scalar nodes with one output, its sums written out or kept as loops
     * @param rules the rules the gradient is built with (those of the compilation)
     * @param data the data parameters' arrays, in declaration order, or null when none are bound
     * @return inputs × inputs, symmetric
     * @throws UnsupportedOperationException if the program gathers inputs and {@code data} is null
     */
    public static Pattern hessian(Program p, RuleSet rules, double[][] data) {
        refuseGathers(p, data);
        Graph g = p.graph();
        String y = g.outputs().get(0).name();
        if (p.loops().isEmpty()) {
            Graph grad = Reverse.vjp(g, rules.newBuilder(), y, 0, true, null, Derivatives.GRAD);
            return jacobian(grad, grad.output(Derivatives.GRAD), 0).symmetrized();
        }
        int m = p.inputCount();
        List<LoopSum> loops = p.loops();
        int cols = m + loops.size();
        int[][] reach = loopReach(loops, data);
        Graph grad = Reverse.vjp(g, rules.newBuilder(), y, new int[] {0, 1}, true, null, List.of(GX, GS));
        int[][] px = cones(grad, grad.output(GX), columns(grad, m), cols);
        int[][] ps = cones(grad, grad.output(GS), columns(grad, m), cols);
        int[] first = cones(g, g.outputs().get(0), columns(g, m), cols)[0];
        Lines lines = new Lines(m);
        for (int a = 0; a < m; a++) {
            for (int c : px[a]) {
                if (c < m) {
                    lines.both(a, c);
                } else {
                    for (int i : reach[c - m]) {
                        lines.both(a, i);
                    }
                }
            }
        }
        for (int r = 0; r < loops.size(); r++) {
            for (int c : ps[r]) {
                int[] from = c < m ? new int[] {c} : reach[c - m];
                for (int i : reach[r]) {
                    for (int k : from) {
                        lines.both(i, k);
                    }
                }
            }
        }
        for (int c : first) {
            if (c >= m) {
                termHessian(loops.get(c - m), rules, lines, data);
            }
        }
        return lines.pattern(m).symmetrized();
    }

    /**
     * The column offsets of a graph of a program with loop sums: inputs x are columns 0 .. m-1,
     * the loop sums m, m+1, ...; data parameters (ports 2, ...) and any other port are not columns.
     */
    private static int[] columns(Graph g, int m) {
        int[] offsets = new int[g.inputs().size()];
        Arrays.fill(offsets, -1);
        offsets[0] = 0;
        offsets[1] = m;
        return offsets;
    }

    /** The term's Hessian over its slots, at every iteration, on the inputs the slots read. */
    private static void termHessian(LoopSum loop, RuleSet rules, Lines lines, double[][] data) {
        Graph term = loop.term();
        Graph grad = Reverse.vjp(term, rules.newBuilder(), LoopSum.TERM, 0, true, null, Derivatives.GRAD);
        Pattern slots = jacobian(grad, grad.output(Derivatives.GRAD), 0);
        for (int t = 0; t < loop.count(); t++) {
            for (int a = 0; a < slots.rows(); a++) {
                for (int k = slots.start(a); k < slots.end(a); k++) {
                    lines.both(input(loop, a, t, data), input(loop, slots.column(k), t, data));
                }
            }
        }
    }

    /** For each loop, the sorted inputs its term reaches through the slots it depends on. */
    private static int[][] loopReach(List<LoopSum> loops, double[][] data) {
        int[][] reach = new int[loops.size()][];
        for (int r = 0; r < loops.size(); r++) {
            LoopSum loop = loops.get(r);
            Graph term = loop.term();
            Pattern slots = jacobian(term, term.output(LoopSum.TERM), 0);
            int[] inputs = new int[(slots.end(0) - slots.start(0)) * loop.count()];
            int n = 0;
            for (int k = slots.start(0); k < slots.end(0); k++) {
                for (int t = 0; t < loop.count(); t++) {
                    inputs[n++] = input(loop, slots.column(k), t, data);
                }
            }
            reach[r] = Arrays.stream(inputs).sorted().distinct().toArray();
        }
        return reach;
    }

    private static final String GX = "gx";
    private static final String GS = "gs";

    /** Rows of column indices being collected, duplicates allowed until {@link #pattern}. */
    private static final class Lines {
        private final int[][] data;
        private final int[] size;

        Lines(int rows) {
            data = new int[rows][];
            size = new int[rows];
        }

        void add(int row, int col) {
            int[] d = data[row];
            if (d == null) {
                d = data[row] = new int[4];
            } else if (size[row] == d.length) {
                d = data[row] = Arrays.copyOf(d, d.length * 2);
            }
            d[size[row]++] = col;
        }

        void both(int a, int b) {
            add(a, b);
            if (a != b) {
                add(b, a);
            }
        }

        Pattern pattern(int cols) {
            int[][] rows = new int[data.length][];
            for (int i = 0; i < data.length; i++) {
                rows[i] = data[i] == null ? new int[0]
                        : Arrays.stream(data[i], 0, size[i]).sorted().distinct().toArray();
                data[i] = null;
            }
            return Pattern.ofRows(rows.length, cols, rows);
        }
    }
}
