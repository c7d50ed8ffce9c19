package dev.fluxion.compiler.parse;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.LoopSum;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Scan;
import dev.fluxion.compiler.ops.Arithmetic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The term of a reduction being lowered once, for every index at once, into a builder of
 * its own: the index variable is input {@code c[0]} (its value {@code first + t} at iteration
 * t), and every input the term reads is a slot at an affine position {@code base + step * t}.
 * What a term may read: the inputs (an array element at an index affine in the index
 * variable, a scalar parameter), constants, and the index itself. Anything else (a value the
 * function computed before the reduction) makes {@link NotALoop}: the reduction is then
 * written out term by term as before.
 */
final class LoopTerm {

    /** Thrown when the term reads what a loop body cannot: the reduction is expanded instead. */
    static final class NotALoop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotALoop() {
            super(null, null, false, false);
        }
    }

    private final GraphBuilder b;
    private final int first;
    private final int count;
    private final int index;
    /** Each slot's (base, step), in order of first use. */
    private final Map<List<Integer>, Integer> slots = new LinkedHashMap<>();
    /** What each slot reads as the program writes it ({@code x[i + 1]}, {@code w}), by slot. */
    private final List<String> labels = new ArrayList<>();
    /** The data the term reads, {@code c[1]}, {@code c[2]}, ...: (port, base, step) of each, and its label. */
    private final Map<List<Integer>, Integer> data = new LinkedHashMap<>();
    private final List<String> dataLabels = new ArrayList<>();
    private final String variable;

    LoopTerm(GraphBuilder b, String variable, int first, int count) {
        this.b = b;
        this.variable = variable;
        this.first = first;
        this.count = count;
        this.index = b.input(2, 0);
    }

    /** The index variable's name. */
    String variable() {
        return variable;
    }

    /** The builder the term is lowered into. */
    GraphBuilder builder() {
        return b;
    }

    /** The node of the index variable. */
    int index() {
        return index;
    }

    /** The number of iterations. */
    int count() {
        return count;
    }

    /** The slot reading input {@code base + step * t}, which the program writes as {@code label}. */
    int slot(int base, int step, String label) {
        int k = slots.computeIfAbsent(List.of(base, step), key -> {
            labels.add(label);
            return slots.size();
        });
        return b.input(0, k);
    }

    /**
     * The element {@code base + step * t} of data port {@code port} (a data parameter, given when
     * the function is called): element k + 1 of the term's port {@code c}.
     */
    int data(int port, int base, int step, String label) {
        int k = data.computeIfAbsent(List.of(port, base, step), key -> {
            dataLabels.add(label);
            return data.size() + 1;
        });
        b.unbounded(2);
        return b.input(2, k);
    }

    /**
     * The node of the term's builder standing for node {@code id} of the function's builder
     * {@code main}: an input becomes a slot that does not move, a constant a constant; anything
     * else has no meaning inside the loop body (-1).
     */
    int translate(GraphBuilder main, int id, String label) {
        Node n = main.node(id);
        if (n.op() == Leaf.CONST) {
            return b.constant((Double) n.attr());
        }
        if (n.op() == Leaf.INPUT && ((InputRef) n.attr()).array() == 0 && n.shape().isScalar()) {
            return slot(((InputRef) n.attr()).index(), 0, label);
        }
        if (n.op() == Leaf.INPUT && ((InputRef) n.attr()).array() >= 2 && n.shape().isScalar()) {
            return data(((InputRef) n.attr()).array(), ((InputRef) n.attr()).index(), 0, label);
        }
        return -1;
    }

    /**
     * Node {@code id} of the term as {@code {a, s}} with value {@code a + s * t} at iteration t,
     * when it is a whole-number affine function of the index (sums, differences, negations and
     * constant multiples of the index and constants); else null.
     */
    long[] affine(int id) {
        Node n = b.node(id);
        if (n.op() == Leaf.CONST) {
            double v = (Double) n.attr();
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? new long[] {(long) v, 0} : null;
        }
        if (id == index) {
            return new long[] {first, 1};
        }
        if (n.op() == Arithmetic.NEG) {
            long[] a = affine(n.arg(0));
            return a == null ? null : new long[] {-a[0], -a[1]};
        }
        if (n.op() == Arithmetic.ADD || n.op() == Arithmetic.SUB) {
            long[] a = affine(n.arg(0));
            long[] c = affine(n.arg(1));
            if (a == null || c == null) {
                return null;
            }
            long sign = n.op() == Arithmetic.ADD ? 1 : -1;
            return new long[] {a[0] + sign * c[0], a[1] + sign * c[1]};
        }
        if (n.op() == Arithmetic.MUL) {
            long[] a = affine(n.arg(0));
            long[] c = affine(n.arg(1));
            if (a == null || c == null || a[1] != 0 && c[1] != 0) {
                return null;
            }
            return a[1] == 0 ? new long[] {a[0] * c[0], a[0] * c[1]} : new long[] {c[0] * a[0], c[0] * a[1]};
        }
        return null;
    }

    /** The loop sum of the term {@code term}: its graph over the slots, the seed port and the index. */
    LoopSum build(int term) {
        Graph g = b.build(ports(), List.of(new Port(LoopSum.TERM, List.of("t0"), List.of(term)))).withoutDeadCode();
        return new LoopSum(count, first, base(), step(), reads(), g);
    }

    /** The node of carry {@code k} at the start of an iteration of a {@code for} loop's body (port {@code h}). */
    int carry(int k) {
        return b.input(Scan.CARRY_PORT, k);
    }

    /**
     * The scan of a {@code for} loop whose body, lowered once into this term's builder, leaves
     * carry k at node {@code next.get(k)}. The carries' port is unbounded unless every carry starts
     * finite and stays finite for finite inputs (so that reverse mode takes a product with a carry
     * to be finite exactly when the unrolled loop would).
     */
    Scan scan(List<Integer> next, List<Scan.Init> init, List<String> names) {
        boolean finite = true;
        for (int k = 0; k < next.size(); k++) {
            Scan.Init start = init.get(k);
            finite &= b.finiteForFiniteInputs(next.get(k))
                    && (start.isConstant() ? Double.isFinite(start.constant()) : start.port() == 0);
        }
        if (!finite) {
            b.unbounded(Scan.CARRY_PORT);
        }
        List<Port> ports = new ArrayList<>(ports());
        ports.add(Port.input(Scan.CARRIES, names));
        Graph g = b.build(ports, List.of(new Port(Scan.NEXT, names, next))).withoutDeadCode();
        return new Scan(count, first, base(), step(), reads(), init, names, g);
    }

    /** The input ports of a term: the slots, the (empty) seed, the index and the data read. */
    private List<Port> ports() {
        List<String> columns = new ArrayList<>(List.of(variable));
        columns.addAll(dataLabels);
        return List.of(Port.input(LoopSum.SLOTS, labels), Port.input(LoopSum.SEED, List.of()),
                Port.input(LoopSum.INDEX, columns));
    }

    private int[] base() {
        int[] base = new int[slots.size()];
        for (Map.Entry<List<Integer>, Integer> e : slots.entrySet()) {
            base[e.getValue()] = e.getKey().get(0);
        }
        return base;
    }

    private int[] step() {
        int[] step = new int[slots.size()];
        for (Map.Entry<List<Integer>, Integer> e : slots.entrySet()) {
            step[e.getValue()] = e.getKey().get(1);
        }
        return step;
    }

    private List<LoopSum.DataRead> reads() {
        List<LoopSum.DataRead> reads = new ArrayList<>();
        for (List<Integer> key : data.keySet()) {
            reads.add(new LoopSum.DataRead(key.get(0), key.get(1), key.get(2)));
        }
        return reads;
    }

    /**
     * {@code a + s * t} written over the index variable, whose value is {@code first + t}:
     * {@code i}, {@code i + 1}, {@code 2*i - 1}, {@code 7}.
     */
    String position(long a, long s) {
        long c = a - s * first;
        String scaled = s == 0 ? null : s == 1 ? variable : s == -1 ? "-" + variable : s + "*" + variable;
        if (scaled == null) {
            return Long.toString(a);
        }
        return c == 0 ? scaled : c > 0 ? scaled + " + " + c : scaled + " - " + (-c);
    }
}
