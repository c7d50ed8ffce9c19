package dev.fluxion.compiler.parse;

import dev.fluxion.compiler.ir.Gather;
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
 * t), and every input the term reads is a slot at an affine position {@code base + step * t},
 * plus, for an axis indexed by integer data ({@code x[idx[k] + 1]}), a gathered index computed
 * at each iteration ({@link Gather}).
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
    /** Where a slot reads: (base, step) and the positions of the gathered axes ({@link Gather#position()}), if any. */
    private record SlotKey(int base, int step, List<List<Integer>> gathers) {
    }

    /** The gathers of each slot, by slot. */
    private final List<List<Gather>> slotGathers = new ArrayList<>();

    /** Each slot's address, in order of first use. */
    private final Map<SlotKey, Integer> slots = new LinkedHashMap<>();
    /** What each slot reads as the program writes it ({@code x[i + 1]}, {@code w}), by slot. */
    private final List<String> labels = new ArrayList<>();
    /** The data the term reads, {@code c[1]}, {@code c[2]}, ...: (port, base, step) of each, and its label. */
    private final Map<List<Integer>, Integer> data = new LinkedHashMap<>();
    /** The (port, base, step) of each data column, by column - 1. */
    private final List<List<Integer>> dataKeys = new ArrayList<>();
    /** The gathers of each data column, by column - 1 (empty for a read at an affine position). */
    private final List<List<Gather>> dataGathers = new ArrayList<>();
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
        return slot(base, step, List.of(), label);
    }

    /**
     * The slot reading input {@code base + step * t} plus, for each gather, its stride times its
     * index read from data at iteration t ({@code x[idx[k] + 1]}).
     */
    int slot(int base, int step, List<Gather> gathers, String label) {
        int k = slots.computeIfAbsent(new SlotKey(base, step, gathers.stream().map(Gather::position).toList()), key -> {
            labels.add(label);
            slotGathers.add(List.copyOf(gathers));
            return slots.size();
        });
        return b.input(0, k);
    }

    /**
     * The element {@code base + step * t} of data port {@code port} (a data parameter, given when
     * the function is called): element k + 1 of the term's port {@code c}.
     */
    int data(int port, int base, int step, String label) {
        return data(port, base, step, List.of(), label);
    }

    /**
     * The element {@code base + step * t} of data port {@code port} plus, for each gather, its
     * stride times its index read from other data at iteration t ({@code X[idx[k], 0]}).
     */
    int data(int port, int base, int step, List<Gather> gathers, String label) {
        List<Integer> key = new ArrayList<>(List.of(port, base, step));
        gathers.forEach(g -> key.addAll(g.position()));
        int k = data.computeIfAbsent(List.copyOf(key), kk -> {
            dataLabels.add(label);
            dataKeys.add(List.of(port, base, step));
            dataGathers.add(List.copyOf(gathers));
            return data.size() + 1;
        });
        b.unbounded(2);
        return b.input(2, k);
    }

    /** Most operations of a value computed before the loop that its body may compute again. */
    static final int COPY_LIMIT = 2000;

    /** The nodes of the function's builder already copied into the term's, by id. */
    private final Map<Integer, Integer> copied = new java.util.HashMap<>();

    /**
     * The node of the term's builder standing for node {@code id} of the function's builder
     * {@code main}, a value computed before the loop: an input becomes a slot that does not move,
     * a constant a constant, and a scalar value computed from inputs and constants alone
     * ({@code a = w*w}, {@code h = tanh(x[0])}) is computed again by the term from those slots (at
     * most {@link #COPY_LIMIT} operations), with the same operations in the same order, hence the
     * same value; code generation computes it once, before the loop, since it does not change from
     * step to step. Anything else (a value read from another loop, a tensor) has no meaning inside
     * the loop body (-1).
     *
     * @param label    how the program writes node {@code id}
     * @param labelOf  how the program writes an input node of {@code main} (its name)
     */
    int translate(GraphBuilder main, int id, String label, java.util.function.IntFunction<String> labelOf) {
        Integer done = copied.get(id);
        if (done != null) {
            return done;
        }
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        todo.push(id);
        int operations = 0;
        while (!todo.isEmpty()) {
            int at = todo.peek();
            if (copied.containsKey(at)) {
                todo.pop();
                continue;
            }
            Node n = main.node(at);
            if (n.arity() == 0) {
                int leaf = translateLeaf(main, at, at == id ? label : labelOf.apply(at));
                if (leaf < 0) {
                    return -1;
                }
                copied.put(at, leaf);
                todo.pop();
                continue;
            }
            if (!n.shape().isScalar() || ++operations > COPY_LIMIT) {
                return -1;
            }
            boolean ready = true;
            for (int k = n.arity() - 1; k >= 0; k--) {
                if (!copied.containsKey(n.arg(k))) {
                    todo.push(n.arg(k));
                    ready = false;
                }
            }
            if (ready) {
                int[] args = new int[n.arity()];
                for (int k = 0; k < args.length; k++) {
                    args[k] = copied.get(n.arg(k));
                }
                int inside = b.applyWith(n.op(), n.attr(), args);
                b.hint(inside, main.hintOf(at));
                copied.put(at, inside);
                todo.pop();
            }
        }
        return copied.get(id);
    }

    /** A leaf of the function's builder in the term's builder: a constant, or a scalar input as a slot or data column; else -1. */
    private int translateLeaf(GraphBuilder main, int id, String label) {
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
        Linear l = linear(b, id, index, first);
        return l == null || l.scale() != 0 ? null : new long[] {l.a(), l.s()};
    }

    /**
     * Node {@code id} of the term as {@code a + s·t + scale·d}, d a data column read at this
     * iteration ({@code x[idx[k] + 1]}), or null when it is not of that form.
     */
    Linear linear(int id) {
        return linear(b, id, index, first);
    }

    /**
     * The data column {@code column} (1 or more) of the term: (port, base, step) of the element it
     * reads, or null when that element is itself gathered by data (an index of an index).
     */
    List<Integer> dataRead(int column) {
        return dataGathers.get(column - 1).isEmpty() ? dataKeys.get(column - 1) : null;
    }

    /** The data column {@code column} (1 or more) as the program writes it: {@code idx[k]}. */
    String dataLabel(int column) {
        return dataLabels.get(column - 1);
    }

    /**
     * An index expression in whole numbers: {@code a + s·t + scale·d}, where t is the iteration of the
     * term being lowered and d the input node {@code leaf} (a data element), absent when scale is 0.
     *
     * @param a     the constant part at t = 0
     * @param s     how far it moves per iteration
     * @param leaf  the data node d, or -1
     * @param scale d's coefficient
     */
    record Linear(long a, long s, int leaf, long scale) {
        private static final long LIMIT = 1L << 31;

        private static Linear of(long a, long s, int leaf, long scale) {
            return Math.abs(a) < LIMIT && Math.abs(s) < LIMIT && Math.abs(scale) < LIMIT
                    ? new Linear(a, s, scale == 0 ? -1 : leaf, scale) : null;
        }
    }

    /**
     * Node {@code id} of {@code g} as a {@link Linear} form: built from whole-number constants, the
     * index node {@code index} (value {@code first + t}; -1 for none) and at most one data
     * element (an input of a data port, 2 or more, other than the index) by sums, differences,
     * negations and constant multiples; else null. Index expressions are small, so the recursion
     * is shallow.
     */
    static Linear linear(GraphBuilder g, int id, int index, long first) {
        Node n = g.node(id);
        if (n.op() == Leaf.CONST) {
            double v = (Double) n.attr();
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Linear.of((long) v, 0, -1, 0) : null;
        }
        if (id == index) {
            return Linear.of(first, 1, -1, 0);
        }
        if (n.op() == Leaf.INPUT) {
            return ((InputRef) n.attr()).array() >= 2 && n.shape().isScalar() ? Linear.of(0, 0, id, 1) : null;
        }
        if (n.op() == Arithmetic.NEG) {
            Linear a = linear(g, n.arg(0), index, first);
            return a == null ? null : Linear.of(-a.a(), -a.s(), a.leaf(), -a.scale());
        }
        if (n.op() == Arithmetic.ADD || n.op() == Arithmetic.SUB) {
            Linear a = linear(g, n.arg(0), index, first);
            Linear c = linear(g, n.arg(1), index, first);
            if (a == null || c == null || a.leaf() >= 0 && c.leaf() >= 0 && a.leaf() != c.leaf()) {
                return null;
            }
            long sign = n.op() == Arithmetic.ADD ? 1 : -1;
            return Linear.of(a.a() + sign * c.a(), a.s() + sign * c.s(), a.leaf() >= 0 ? a.leaf() : c.leaf(),
                    a.scale() + sign * c.scale());
        }
        if (n.op() == Arithmetic.MUL) {
            Linear a = linear(g, n.arg(0), index, first);
            Linear c = linear(g, n.arg(1), index, first);
            if (a == null || c == null) {
                return null;
            }
            boolean aConst = a.s() == 0 && a.scale() == 0;
            boolean cConst = c.s() == 0 && c.scale() == 0;
            if (!aConst && !cConst) {
                return null;
            }
            Linear k = aConst ? a : c;
            Linear v = aConst ? c : a;
            return Linear.of(k.a() * v.a(), k.a() * v.s(), v.leaf(), k.a() * v.scale());
        }
        return null;
    }

    /** Whether some slot of the term reads at a position gathered from data. */
    boolean hasGathers() {
        return slots.keySet().stream().anyMatch(k -> !k.gathers().isEmpty())
                || dataGathers.stream().anyMatch(g -> !g.isEmpty());
    }

    /** The loop sum of the term {@code term}: its graph over the slots, the seed port and the index. */
    LoopSum build(int term) {
        Graph g = b.build(ports(), List.of(new Port(LoopSum.TERM, List.of("t0"), List.of(term)))).withoutDeadCode();
        return new LoopSum(count, first, base(), step(), reads(), g, gatherLists());
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
        if (hasGathers()) {
            throw new NotALoop();      // a scan's slots are affine; a loop that gathers is written out
        }
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
        for (Map.Entry<SlotKey, Integer> e : slots.entrySet()) {
            base[e.getValue()] = e.getKey().base();
        }
        return base;
    }

    private int[] step() {
        int[] step = new int[slots.size()];
        for (Map.Entry<SlotKey, Integer> e : slots.entrySet()) {
            step[e.getValue()] = e.getKey().step();
        }
        return step;
    }

    /** Each slot's gathers, by slot (empty for an affine slot). */
    private List<List<Gather>> gatherLists() {
        return List.copyOf(slotGathers);
    }

    private List<LoopSum.DataRead> reads() {
        List<LoopSum.DataRead> reads = new ArrayList<>();
        for (int k = 0; k < dataKeys.size(); k++) {
            List<Integer> key = dataKeys.get(k);
            reads.add(new LoopSum.DataRead(key.get(0), key.get(1), key.get(2), dataGathers.get(k)));
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
