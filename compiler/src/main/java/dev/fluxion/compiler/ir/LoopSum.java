package dev.fluxion.compiler.ir;

import java.util.Arrays;

/**
 * A sum over an index, {@code sum(i in lo..hi: term)}, kept as one term instead of written out:
 * what lowering makes of a reduction whose term reads the inputs at affine positions of i
 * ({@code x[i]}, {@code x[i + 1]}, {@code A[i, 2]}, scalar parameters, constants and i itself).
 * Its value enters the program as element {@code r} of input port {@code s}; the code
 * generator runs it as a loop whose size does not grow with the trip count.
 *
 * <p>The term is an ordinary graph over three input ports, as a {@code roll.Loop}'s templates:
 * {@code x}, the slots (slot k reads input {@code base[k] + step[k] * t} at iteration t),
 * {@code seed} (empty) and {@code c}: element 0 the index's value {@code first + t}, element
 * k + 1 the element {@code base + step * t} of data port {@code data.get(k).port()} (a data
 * parameter); its one output port {@code t} has the term.
 *
 * @param count the number of terms (iterations t = 0 .. count - 1)
 * @param first the index's value at t = 0 (lo)
 * @param base  the input each slot reads at t = 0
 * @param step  how far each slot moves per iteration
 * @param term  the term's graph
 * @param gathers for each slot, the axes whose index is read from integer data at each iteration
 *              ({@link Gather}): slot k reads input {@code base[k] + step[k] * t} plus, for each of
 *              its gathers, {@code stride ·} the gathered index; empty for a slot at an affine position
 */
public record LoopSum(int count, int first, int[] base, int[] step, java.util.List<DataRead> data, Graph term,
                      java.util.List<java.util.List<Gather>> gathers) {

    /**
     * A read of data in the term: element {@code base + step * t} of the program's input port
     * {@code port} (2 or more: a data parameter), plus, for an axis indexed by other data
     * ({@code X[idx[k], j]}), its gathered index ({@link Gather}).
     *
     * @param port    the data port
     * @param base    the element read at t = 0 (the gathered axes' part excluded)
     * @param step    how far it moves per iteration
     * @param gathers the axes whose index is read from data at each iteration; empty for most reads
     */
    public record DataRead(int port, int base, int step, java.util.List<Gather> gathers) {

        /** A read at an affine position. */
        public DataRead(int port, int base, int step) {
            this(port, base, step, java.util.List.of());
        }

        public DataRead {
            gathers = java.util.List.copyOf(gathers);
        }

        /** Whether the element read is chosen by other data at run time. */
        public boolean gathered() {
            return !gathers.isEmpty();
        }

        /**
         * The element read at iteration t.
         *
         * @throws IllegalStateException if the read is gathered: its element is known only at run time
         */
        public int at(int t) {
            if (gathered()) {
                throw new IllegalStateException("a data read gathered by data: " + gathers.get(0).where());
            }
            return base + step * t;
        }
    }

    /**
     * Fewest terms a sum has to be a loop: a sum kept as a loop by lowering, or a run of
     * written-out terms re-rolled ({@code roll.Rolling}); shorter sums stay straight-line.
     */
    public static final int MIN_TERMS = 16;

    /** Template ports, as {@code roll.Loop} names them. */
    public static final String SLOTS = "x";
    public static final String SEED = "seed";
    public static final String INDEX = "c";
    public static final String TERM = "t";

    /** A loop sum whose slots all read at affine positions (no gathers). */
    public LoopSum(int count, int first, int[] base, int[] step, java.util.List<DataRead> data, Graph term) {
        this(count, first, base, step, data, term, noGathers(base.length));
    }

    public LoopSum {
        if (count < 1 || base.length != step.length || gathers.size() != base.length) {
            throw new IllegalArgumentException("a loop sum has at least one term and one step and gather list per slot");
        }
        base = base.clone();
        step = step.clone();
        data = java.util.List.copyOf(data);
        gathers = gathers.stream().map(java.util.List::copyOf).toList();
    }

    /** One empty gather list per slot. */
    public static java.util.List<java.util.List<Gather>> noGathers(int slots) {
        return java.util.Collections.nCopies(slots, java.util.List.of());
    }

    /** Whether some slot or data read is at a position gathered from data (known only at run time). */
    public boolean hasGathers() {
        return gathers.stream().anyMatch(g -> !g.isEmpty()) || data.stream().anyMatch(DataRead::gathered);
    }

    /** Whether slot {@code k} reads at a position gathered from data. */
    public boolean gathered(int k) {
        return !gathers.get(k).isEmpty();
    }

    @Override
    public int[] base() {
        return base.clone();
    }

    @Override
    public int[] step() {
        return step.clone();
    }

    /** This loop sum with another term of the same ports (simplified). */
    public LoopSum withTerm(Graph g) {
        return new LoopSum(count, first, base, step, data, g, gathers);
    }

    /** The number of slots. */
    public int slots() {
        return base.length;
    }

    /**
     * The input slot {@code k} reads at iteration {@code t}.
     *
     * @throws IllegalStateException if the slot's position is gathered from data, known only at run time
     */
    public int input(int k, int t) {
        if (gathered(k)) {
            throw new IllegalStateException("slot " + k + " reads at a position gathered from data: "
                    + gathers.get(k).get(0).where());
        }
        return base[k] + step[k] * t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoopSum l && l.count == count && l.first == first && Arrays.equals(l.base, base)
                && Arrays.equals(l.step, step) && l.term.equals(term) && l.gathers.equals(gathers)
                && l.data.equals(data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * count + first) + Arrays.hashCode(base);
    }

    @Override
    public String toString() {
        return "LoopSum[count=" + count + ", first=" + first + ", slots=" + base.length + "]";
    }
}
