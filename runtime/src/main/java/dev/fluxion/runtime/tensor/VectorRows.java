package dev.fluxion.runtime.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The wide path of {@link MatMul} in double with explicit SIMD, through the JDK's incubating
 * Vector API; used only when the JVM resolves {@code jdk.incubator.vector} ({@link Simd}), and
 * only loaded then. {@link WideRows} does the same with loops C2 vectorizes by itself, which
 * needs every row of op(B) copied into an array of its own and a row of C loaded and stored
 * once per four terms; here rows of op(B) are read in place at any offset and each block of
 * {@value #VECTORS} vectors of a row of C is summed in registers over the row's compressed
 * terms, then stored once. Each term is a multiplication and an addition (no fused
 * multiply-add), so every element is the same sum in the same order as in the naive loop,
 * bit for bit, and the same as on the path without SIMD.
 */
final class VectorRows {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /** Lanes per vector (4 with AVX2, 8 with AVX-512). */
    static final int LANES = S.length();

    private static final int L = LANES;

    /** Vectors of a row of C summed at once: eight independent additions hide their latency. */
    static final int VECTORS = 8;

    /**
     * From this many rows of C on, each block of {@value #VECTORS} vectors of columns of op(B)
     * is first copied into a contiguous panel, read by every row. Read in place, the block's rows
     * are a row of B apart (1 KB for 128 columns, a power of two: they share a few cache sets).
     * x·W1 at batch 256, one thread, 10th percentile: 807–839 µs packed, 917–978 µs in place.
     */
    static final int PACK_ROWS = 64;

    private VectorRows() {
    }

    /**
     * Rows i..i+rows-1 of C, columns j0..j0+w-1 (C has n columns), from their compressed rows of
     * op(A) in {@code s} (row r at s.start[r]..s.end[r]-1) and op(B) = B, [k, n], read in place
     * or from a panel.
     */
    static void rows(double[] b, double[] c, int n, int k, boolean accumulate, int i, int rows, int j0, int w,
                     MatMulScratch s) {
        int[] start = s.start;
        int[] end = s.end;
        int[] idx = s.idx;
        double[] val = s.val;
        int width = VECTORS * L;
        int j = j0;
        int jEnd = j0 + w;
        for (; j + width <= jEnd; j += width) {
            if (rows >= PACK_ROWS) {
                double[] panel = s.panel(k, width);
                for (int p = 0, o = j; p < k; p++, o += n) {
                    System.arraycopy(b, o, panel, p * width, width);
                }
                for (int r = 0; r < rows; r++) {
                    block(panel, width, 0, c, (i + r) * n + j, accumulate, start[r], end[r], idx, val);
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    block(b, n, j, c, (i + r) * n + j, accumulate, start[r], end[r], idx, val);
                }
            }
        }
        for (; j + L <= jEnd; j += L) {
            for (int r = 0; r < rows; r++) {
                vector(b, n, j, c, (i + r) * n + j, accumulate, start[r], end[r], idx, val);
            }
        }
        for (; j < jEnd; j++) {
            for (int r = 0; r < rows; r++) {
                double sum = 0.0;
                for (int q = start[r], qe = end[r]; q < qe; q++) {
                    sum += val[q] * b[idx[q] * n + j];
                }
                int at = (i + r) * n + j;
                c[at] = accumulate ? c[at] + sum : sum;
            }
        }
    }

    /**
     * {@code c[at..at+VECTORS·L-1]} (or +=) the sum over terms q0..q1-1 of
     * {@code val[q]·b[idx[q]·stride + j ..]}: {@value #VECTORS} vectors in registers.
     */
    private static void block(double[] b, int stride, int j, double[] c, int at, boolean accumulate, int q0, int q1,
                              int[] idx, double[] val) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        DoubleVector s4 = s0;
        DoubleVector s5 = s0;
        DoubleVector s6 = s0;
        DoubleVector s7 = s0;
        for (int q = q0; q < q1; q++) {
            DoubleVector v = DoubleVector.broadcast(S, val[q]); // once per term: C2 does not hoist it
            int o = idx[q] * stride + j;
            s0 = s0.add(DoubleVector.fromArray(S, b, o).mul(v));
            s1 = s1.add(DoubleVector.fromArray(S, b, o + L).mul(v));
            s2 = s2.add(DoubleVector.fromArray(S, b, o + 2 * L).mul(v));
            s3 = s3.add(DoubleVector.fromArray(S, b, o + 3 * L).mul(v));
            s4 = s4.add(DoubleVector.fromArray(S, b, o + 4 * L).mul(v));
            s5 = s5.add(DoubleVector.fromArray(S, b, o + 5 * L).mul(v));
            s6 = s6.add(DoubleVector.fromArray(S, b, o + 6 * L).mul(v));
            s7 = s7.add(DoubleVector.fromArray(S, b, o + 7 * L).mul(v));
        }
        store(s0, c, at, accumulate);
        store(s1, c, at + L, accumulate);
        store(s2, c, at + 2 * L, accumulate);
        store(s3, c, at + 3 * L, accumulate);
        store(s4, c, at + 4 * L, accumulate);
        store(s5, c, at + 5 * L, accumulate);
        store(s6, c, at + 6 * L, accumulate);
        store(s7, c, at + 7 * L, accumulate);
    }

    /** The same for one vector of columns (the columns after the last whole block). */
    private static void vector(double[] b, int stride, int j, double[] c, int at, boolean accumulate, int q0, int q1,
                               int[] idx, double[] val) {
        DoubleVector sum = DoubleVector.zero(S);
        for (int q = q0; q < q1; q++) {
            sum = sum.add(DoubleVector.fromArray(S, b, idx[q] * stride + j).mul(DoubleVector.broadcast(S, val[q])));
        }
        store(sum, c, at, accumulate);
    }

    private static void store(DoubleVector sum, double[] c, int at, boolean accumulate) {
        (accumulate ? DoubleVector.fromArray(S, c, at).add(sum) : sum).intoArray(c, at);
    }
}
