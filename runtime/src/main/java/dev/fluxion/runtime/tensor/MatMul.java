package dev.fluxion.runtime.tensor;

import java.util.Arrays;

/**
 * Dense matrix product {@code C = op(A)·op(B)} (or {@code C += op(A)·op(B)}) over flat
 * row-major {@code double[]} buffers, where {@code op} is the identity or the transpose.
 * Generated code calls this instead of emitting its own loops, as it calls {@link Conv2d}.
 *
 * <p>Why a hand-written kernel: the straightforward i-k-j loop ({@code c[r + j] += s·b[o + j]})
 * is not vectorized by C2 on Java 17 (two arrays at different offsets), so every
 * multiply-add also loads and stores an element of C. Here each element of C is instead
 * accumulated in a register: the kernel computes a block of {@value #COLS} columns of one
 * row of C at once, so one load of an A value feeds {@value #COLS} multiply-adds and C is
 * written once per element. Before that, each row of {@code op(A)} is gathered once into its
 * non-zero values and their indices: zeros of A are skipped (as the old emitted code did;
 * one-hot targets, ReLU outputs and image pixels are largely zero), and a transposed A is
 * read with its stride only once. Rows are taken {@value #ROW_BLOCK} at a time so that the
 * panel of B a column block reads stays in cache while every row of the block goes over it
 * (with fewer than {@value #FEW_ROWS} rows or inner indices, as at batch 1, rows of B are
 * streamed instead: there is no panel worth reusing).
 *
 * <p>Each element of C is summed over the inner index in increasing order, exactly as the
 * naive triple loop does, so the results equal the naive product's (up to the zero terms
 * skipped, which add nothing to a finite sum).
 */
public final class MatMul {

    /** Columns of C computed together, each in its own accumulator (registers). */
    static final int COLS = 8;

    /** Rows of C gathered and computed together, so a panel of B is reused from cache. */
    static final int ROW_BLOCK = 16;

    /** Below this many rows in a block, or this inner extent, B is streamed by rows instead of column panels. */
    static final int FEW_ROWS = 4;

    private MatMul() {
    }

    /**
     * C = op(A)·op(B), or C += op(A)·op(B).
     *
     * @param a A: [m, k], or [k, m] if {@code ta}
     * @param ta whether A is read transposed
     * @param b B: [k, n], or [n, k] if {@code tb}
     * @param tb whether B is read transposed
     * @param c C: [m, n]
     * @param m rows of C
     * @param n columns of C
     * @param k the inner (summed) dimension
     * @param accumulate add the product to C instead of overwriting it
     */
    public static void multiply(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                                boolean accumulate) {
        check("A", a, m, k);
        check("B", b, k, n);
        check("C", c, m, n);
        if (!accumulate) {
            Arrays.fill(c, 0, m * n, 0.0);
        }
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        int rows = Math.min(m, ROW_BLOCK);
        int[] idx = new int[rows * k];
        double[] val = new double[rows * k];
        int[] nnz = new int[rows];
        for (int i0 = 0; i0 < m; i0 += ROW_BLOCK) {
            int i1 = Math.min(m, i0 + ROW_BLOCK);
            for (int i = i0; i < i1; i++) {
                nnz[i - i0] = ta ? gather(a, i, m, k, (i - i0) * k, idx, val)
                        : gather(a, i * k, 1, k, (i - i0) * k, idx, val);
            }
            if (tb) {
                rowsTimesBt(b, c, n, k, i0, i1, idx, val, nnz);
            } else if ((i1 - i0 < FEW_ROWS || k < FEW_ROWS) && !accumulate) {
                fewRowsTimesB(b, c, n, k, i0, i1, idx, val, nnz);
            } else {
                rowsTimesB(b, c, n, k, i0, i1, idx, val, nnz);
            }
        }
    }

    private static void check(String name, double[] x, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matmul: negative extent " + rows + "x" + cols + " of " + name);
        }
        if ((long) rows * cols > x.length) {
            throw new IllegalArgumentException("matmul: " + name + " has " + x.length + " elements, needs "
                    + rows + "x" + cols);
        }
    }

    /**
     * Copies the non-zero elements {@code x[from + p·stride]}, p = 0..k-1, and their p to
     * {@code val} and {@code idx} starting at {@code at}; returns how many there are.
     */
    private static int gather(double[] x, int from, int stride, int k, int at, int[] idx, double[] val) {
        int q = at;
        for (int p = 0, o = from; p < k; p++, o += stride) {
            double v = x[o];
            if (v != 0.0) {
                idx[q] = p;
                val[q] = v;
                q++;
            }
        }
        return q - at;
    }

    /** Rows i0..i1-1 of C += (gathered rows of op(A))·B, B being [k, n]. */
    private static void rowsTimesB(double[] b, double[] c, int n, int k, int i0, int i1, int[] idx, double[] val,
                                   int[] nnz) {
        int j = 0;
        for (; j + COLS <= n; j += COLS) {
            for (int i = i0; i < i1; i++) {
                int q0 = (i - i0) * k;
                int q1 = q0 + nnz[i - i0];
                if (q1 == q0) {
                    continue; // an all-zero row of op(A) adds nothing (and is common: pixels, one-hot rows)
                }
                double c0 = 0.0;
                double c1 = 0.0;
                double c2 = 0.0;
                double c3 = 0.0;
                double c4 = 0.0;
                double c5 = 0.0;
                double c6 = 0.0;
                double c7 = 0.0;
                for (int q = q0; q < q1; q++) {
                    double v = val[q];
                    int o = idx[q] * n + j;
                    c0 += v * b[o];
                    c1 += v * b[o + 1];
                    c2 += v * b[o + 2];
                    c3 += v * b[o + 3];
                    c4 += v * b[o + 4];
                    c5 += v * b[o + 5];
                    c6 += v * b[o + 6];
                    c7 += v * b[o + 7];
                }
                int r = i * n + j;
                c[r] += c0;
                c[r + 1] += c1;
                c[r + 2] += c2;
                c[r + 3] += c3;
                c[r + 4] += c4;
                c[r + 5] += c5;
                c[r + 6] += c6;
                c[r + 7] += c7;
            }
        }
        for (; j < n; j++) {
            for (int i = i0; i < i1; i++) {
                int q0 = (i - i0) * k;
                int q1 = q0 + nnz[i - i0];
                if (q1 == q0) {
                    continue; // an all-zero row of op(A) adds nothing (and is common: pixels, one-hot rows)
                }
                double s = 0.0;
                for (int q = q0; q < q1; q++) {
                    s += val[q] * b[idx[q] * n + j];
                }
                c[i * n + j] += s;
            }
        }
    }

    /**
     * Rows i0..i1-1 of C += (gathered rows of op(A))·B when there are too few rows to reuse a
     * column panel of B: each needed row of B is read once, front to back (the hardware
     * prefetcher follows it), and added into the row of C. Each element of C still sums its
     * terms in increasing p into C, which must start at zero (overwrite mode) for the result
     * to equal {@link #rowsTimesB}'s.
     */
    private static void fewRowsTimesB(double[] b, double[] c, int n, int k, int i0, int i1, int[] idx,
                                      double[] val, int[] nnz) {
        for (int i = i0; i < i1; i++) {
            int q0 = (i - i0) * k;
            int q1 = q0 + nnz[i - i0];
            int r = i * n;
            for (int q = q0; q < q1; q++) {
                double v = val[q];
                int o = idx[q] * n;
                for (int j = 0; j < n; j++) {
                    c[r + j] += v * b[o + j];
                }
            }
        }
    }

    /** Rows i0..i1-1 of C += (gathered rows of op(A))·Bᵀ, B being [n, k]: dot products with rows of B. */
    private static void rowsTimesBt(double[] b, double[] c, int n, int k, int i0, int i1, int[] idx, double[] val,
                                    int[] nnz) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            int b0 = j * k;
            int b1 = b0 + k;
            int b2 = b1 + k;
            int b3 = b2 + k;
            for (int i = i0; i < i1; i++) {
                int q0 = (i - i0) * k;
                int q1 = q0 + nnz[i - i0];
                if (q1 == q0) {
                    continue; // an all-zero row of op(A) adds nothing (and is common: pixels, one-hot rows)
                }
                double c0 = 0.0;
                double c1 = 0.0;
                double c2 = 0.0;
                double c3 = 0.0;
                for (int q = q0; q < q1; q++) {
                    double v = val[q];
                    int p = idx[q];
                    c0 += v * b[b0 + p];
                    c1 += v * b[b1 + p];
                    c2 += v * b[b2 + p];
                    c3 += v * b[b3 + p];
                }
                int r = i * n + j;
                c[r] += c0;
                c[r + 1] += c1;
                c[r + 2] += c2;
                c[r + 3] += c3;
            }
        }
        for (; j < n; j++) {
            int b0 = j * k;
            for (int i = i0; i < i1; i++) {
                int q0 = (i - i0) * k;
                int q1 = q0 + nnz[i - i0];
                if (q1 == q0) {
                    continue; // an all-zero row of op(A) adds nothing (and is common: pixels, one-hot rows)
                }
                double s = 0.0;
                for (int q = q0; q < q1; q++) {
                    s += val[q] * b[b0 + idx[q]];
                }
                c[i * n + j] += s;
            }
        }
    }
}
