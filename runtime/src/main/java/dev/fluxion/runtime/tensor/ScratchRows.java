package dev.fluxion.runtime.tensor;

/**
 * The typed half of {@link WideRows}: the copied rows of op(B) and the scratch rows of C in
 * one {@link Precision}, and the row updates over them. {@link WideRows} decides which rows are
 * copied, summed and stored, in which order; a subclass holds the arrays ({@code double[]} or
 * {@code float[]}: Java has no generics over primitives, and C2 vectorizes a loop only over
 * arrays of one primitive type) and runs the loops. One instance per thread
 * ({@link MatMulScratch}); the arrays grow as needed and are reused.
 */
abstract class ScratchRows {

    /** Makes room for rows 0..k-1 of op(B) and {@code count} rows of C, {@code w} elements each. */
    abstract void reserve(int k, int count, int w);

    /** Row p of op(B): {@code b[from..from+w-1]}. */
    abstract void copyRow(int p, double[] b, int from, int w);

    /**
     * Rows p0..p0+7 of op(B) = Bᵀ (columns of B, which is [n, k]), elements j0..j0+w-1: one
     * cache line of each row of B per step (see {@link WideRows#copyColumns}), unrolled.
     */
    abstract void copyColumnBlock(double[] b, int k, int p0, int j0, int w);

    /** Rows {@code sel[0..count-1]} of op(B) = Bᵀ, elements j0..j0+w-1, one row of B at a time. */
    abstract void copyColumns(double[] b, int k, int[] sel, int count, int j0, int w);

    /** Scratch row r of C set to zero. */
    abstract void clear(int r, int w);

    /**
     * Scratch row r of C plus {@code count} (1 to 4) terms {@code val[q+t]·op(B)[idx[q+t]]},
     * in one pass, each element summed in order:
     * {@code row[j] = (((row[j] + v0·b0[j]) + v1·b1[j]) + v2·b2[j]) + v3·b3[j]}.
     */
    abstract void update(int r, double[] val, int[] idx, int q, int count, int w);

    /** Scratch row r of C times alpha stored into (or added to) {@code c[at..at+w-1]}. */
    abstract void store(int r, double[] c, int at, int w, boolean accumulate, double alpha);
}
