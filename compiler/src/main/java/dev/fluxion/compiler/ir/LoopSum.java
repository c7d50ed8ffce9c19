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
 */
public record LoopSum(int count, int first, int[] base, int[] step, java.util.List<DataRead> data, Graph term) {

    /**
     * A read of data in the term: element {@code base + step * t} of the program's input port
     * {@code port} (2 or more: a data parameter).
     *
     * @param port the data port
     * @param base the element read at t = 0
     * @param step how far it moves per iteration
     */
    public record DataRead(int port, int base, int step) {
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

    public LoopSum {
        if (count < 1 || base.length != step.length) {
            throw new IllegalArgumentException("a loop sum has at least one term and one step per slot");
        }
        base = base.clone();
        step = step.clone();
        data = java.util.List.copyOf(data);
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
        return new LoopSum(count, first, base, step, data, g);
    }

    /** The number of slots. */
    public int slots() {
        return base.length;
    }

    /** The input slot {@code k} reads at iteration {@code t}. */
    public int input(int k, int t) {
        return base[k] + step[k] * t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoopSum l && l.count == count && l.first == first && Arrays.equals(l.base, base)
                && Arrays.equals(l.step, step) && l.term.equals(term);
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
