package dev.fluxion.runtime.tensor;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The wide path of {@link MatMul} with explicit SIMD, through the JDK's incubating Vector API;
 * used only when the JVM resolves {@code jdk.incubator.vector} ({@link Simd}), and only loaded
 * then. {@link WideRows} does the same with loops C2 vectorizes by itself, which needs every
 * row of op(B) copied into an array of its own and a row of C loaded and stored once per four
 * terms. Here each block of {@value #VECTORS} vectors of a row of C is summed in registers over
 * the row's compressed terms and stored once, reading op(B) in place at any offset, or from a
 * panel: a copy of the block's columns of op(B), contiguous, made when op(B) = Bᵀ, when the
 * block is read by many rows, and in float. Each term is a multiplication and an addition (no
 * fused multiply-add), so every element is the same sum in the same order as in the naive loop
 * (in {@link Precision#FLOAT32}: as in the naive loop in float), bit for bit, and the same as on
 * the path without SIMD.
 */
final class VectorRows {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /** Doubles per vector (4 with AVX2, 8 with AVX-512). */
    static final int LANES = D.length();

    private static final int L = LANES;
    private static final int FL = F.length();

    /** Vectors of a row of C summed at once: eight independent additions hide their latency. */
    static final int VECTORS = 8;

    /**
     * From this many rows of C on, each block of columns of op(B) = B is read from a panel (and
     * products in float take this path at all: {@link WideRows#wideRows}). Read in place, the
     * block's rows are a row of B apart (1 KB for 128 columns, a power of two: they share a few
     * cache sets). x·W1 at batch 256, one thread, 10th percentile: 807–839 µs from panels,
     * 917–978 µs in place; at batch 32 panels were slower (123–129 against 111 µs).
     */
    static final int PACK_ROWS = 64;

    private VectorRows() {
    }

    /**
     * Rows i..i+rows-1 of C, columns j0..j0+w-1 (C has n columns), from their compressed rows of
     * op(A) in {@code s} (row r at s.start[r]..s.end[r]-1) and op(B), [k, n] (B is [n, k] if
     * {@code tb}), in {@code precision}.
     */
    static void rows(double[] b, boolean tb, double[] c, int n, int k, boolean accumulate, double alpha, int i, int rows,
                     int j0, int w, MatMulScratch s, Precision precision) {
        if (precision == Precision.FLOAT32) {
            floatRows(b, tb, c, n, k, accumulate, alpha, i, rows, j0, w, s);
            return;
        }
        zeroRows(c, n, accumulate, i, rows, j0, w, s);
        boolean pack = tb || rows >= PACK_ROWS;
        for (int j = j0, jEnd = j0 + w; j < jEnd; j += VECTORS * L) {
            int width = Math.min(VECTORS * L, jEnd - j);
            double[] src = b;
            int stride = n;
            int off = j;
            if (pack) {
                src = s.panel(k, width);
                stride = width;
                off = 0;
                pack(b, tb, n, k, j, width, width, src);
            }
            for (int r = 0; r < rows; r++) {
                if (s.start[r] == s.end[r]) {
                    continue; // zeroed above
                }
                int at = (i + r) * n + j;
                if (width == VECTORS * L) {
                    block(src, stride, off, c, at, accumulate, alpha, s.start[r], s.end[r], s.idx, s.val);
                } else {
                    narrow(src, stride, off, width, c, at, accumulate, alpha, s.start[r], s.end[r], s.idx, s.val);
                }
            }
        }
    }

    /**
     * Columns j..j+w-1 of op(B), [k, n] (B is [n, k] if {@code tb}), into
     * {@code panel[p·width + jj]}, and zeros in columns w..width-1 (w ≤ width).
     */
    static void pack(double[] b, boolean tb, int n, int k, int j, int w, int width, double[] panel) {
        if (!tb) {
            for (int p = 0, o = j; p < k; p++, o += n) {
                System.arraycopy(b, o, panel, p * width, w);
            }
        } else {
            for (int jj = 0; jj < w; jj++) {
                for (int p = 0, o = (j + jj) * k, t = jj; p < k; p++, o++, t += width) { // row j+jj of B, read along
                    panel[t] = b[o];
                }
            }
        }
        if (w < width) {
            for (int p = 0, t = 0; p < k; p++, t += width) {
                Arrays.fill(panel, t + w, t + width, 0.0);
            }
        }
    }

    /** {@link #pack} into a float panel: each element rounded to float. */
    private static void pack(double[] b, boolean tb, int n, int k, int j, int width, float[] panel) {
        if (!tb) {
            for (int p = 0, o = j, t = 0; p < k; p++, o += n) {
                for (int jj = 0; jj < width; jj++, t++) {
                    panel[t] = (float) b[o + jj];
                }
            }
            return;
        }
        for (int jj = 0; jj < width; jj++) {
            for (int p = 0, o = (j + jj) * k, t = jj; p < k; p++, o++, t += width) {
                panel[t] = (float) b[o];
            }
        }
    }

    /**
     * {@code c[at..at+VECTORS·L-1]} (or +=) the sum over terms q0..q1-1 of
     * {@code val[q]·src[idx[q]·stride + off ..]}: {@value #VECTORS} vectors in registers.
     */
    private static void block(double[] src, int stride, int off, double[] c, int at, boolean accumulate, double alpha,
                              int q0, int q1, int[] idx, double[] val) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        DoubleVector s4 = s0;
        DoubleVector s5 = s0;
        DoubleVector s6 = s0;
        DoubleVector s7 = s0;
        for (int q = q0; q < q1; q++) {
            DoubleVector v = DoubleVector.broadcast(D, val[q]); // once per term: C2 does not share it
            int o = idx[q] * stride + off;
            s0 = s0.add(DoubleVector.fromArray(D, src, o).mul(v));
            s1 = s1.add(DoubleVector.fromArray(D, src, o + L).mul(v));
            s2 = s2.add(DoubleVector.fromArray(D, src, o + 2 * L).mul(v));
            s3 = s3.add(DoubleVector.fromArray(D, src, o + 3 * L).mul(v));
            s4 = s4.add(DoubleVector.fromArray(D, src, o + 4 * L).mul(v));
            s5 = s5.add(DoubleVector.fromArray(D, src, o + 5 * L).mul(v));
            s6 = s6.add(DoubleVector.fromArray(D, src, o + 6 * L).mul(v));
            s7 = s7.add(DoubleVector.fromArray(D, src, o + 7 * L).mul(v));
        }
        store(s0, c, at, accumulate, alpha);
        store(s1, c, at + L, accumulate, alpha);
        store(s2, c, at + 2 * L, accumulate, alpha);
        store(s3, c, at + 3 * L, accumulate, alpha);
        store(s4, c, at + 4 * L, accumulate, alpha);
        store(s5, c, at + 5 * L, accumulate, alpha);
        store(s6, c, at + 6 * L, accumulate, alpha);
        store(s7, c, at + 7 * L, accumulate, alpha);
    }

    /** The same for a block narrower than {@value #VECTORS} vectors: a vector at a time, then column by column. */
    private static void narrow(double[] src, int stride, int off, int width, double[] c, int at, boolean accumulate,
                               double alpha, int q0, int q1, int[] idx, double[] val) {
        int jj = 0;
        for (; jj + L <= width; jj += L) {
            DoubleVector sum = DoubleVector.zero(D);
            for (int q = q0; q < q1; q++) {
                sum = sum.add(DoubleVector.fromArray(D, src, idx[q] * stride + off + jj)
                        .mul(DoubleVector.broadcast(D, val[q])));
            }
            store(sum, c, at + jj, accumulate, alpha);
        }
        for (; jj < width; jj++) {
            double sum = 0.0;
            for (int q = q0; q < q1; q++) {
                sum += val[q] * src[idx[q] * stride + off + jj];
            }
            c[at + jj] = accumulate ? c[at + jj] + alpha * sum : alpha * sum;
        }
    }

    /**
     * Rows of C without terms (zero rows of op(A): most rows of xᵀ·g at batch 1) set to zero, or
     * left as they are, each in one contiguous fill before the blocks of columns skip them.
     */
    private static void zeroRows(double[] c, int n, boolean accumulate, int i, int rows, int j0, int w,
                                 MatMulScratch s) {
        if (accumulate) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            if (s.start[r] == s.end[r]) {
                int at = (i + r) * n + j0;
                Arrays.fill(c, at, at + w, 0.0);
            }
        }
    }

    private static void store(DoubleVector sum, double[] c, int at, boolean accumulate, double alpha) {
        DoubleVector scaled = sum.mul(alpha); // exact when alpha is 1
        (accumulate ? DoubleVector.fromArray(D, c, at).add(scaled) : scaled).intoArray(c, at);
    }

    /**
     * {@link #rows} in float: each block of columns of op(B) rounded into a float panel, each
     * value of A rounded as it is used, sums in float, widened to double when stored.
     */
    private static void floatRows(double[] b, boolean tb, double[] c, int n, int k, boolean accumulate, double alpha,
                                  int i, int rows, int j0, int w, MatMulScratch s) {
        zeroRows(c, n, accumulate, i, rows, j0, w, s);
        float[] sums = s.floatSums(VECTORS * FL);
        for (int j = j0, jEnd = j0 + w; j < jEnd; j += VECTORS * FL) {
            int width = Math.min(VECTORS * FL, jEnd - j);
            float[] panel = s.floatPanel(k, width);
            pack(b, tb, n, k, j, width, panel);
            for (int r = 0; r < rows; r++) {
                if (s.start[r] == s.end[r]) {
                    continue; // zeroed above
                }
                int at = (i + r) * n + j;
                if (width == VECTORS * FL) {
                    floatBlock(panel, width, sums, s.start[r], s.end[r], s.idx, s.val);
                } else {
                    floatNarrow(panel, width, sums, s.start[r], s.end[r], s.idx, s.val);
                }
                FloatRows.store(sums, c, at, width, accumulate, alpha);
            }
        }
    }

    /** {@code sums[0..VECTORS·FL-1]} = the sum over terms q0..q1-1 of {@code (float) val[q]·panel[idx[q]·stride ..]}. */
    private static void floatBlock(float[] panel, int stride, float[] sums, int q0, int q1, int[] idx, double[] val) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector s4 = s0;
        FloatVector s5 = s0;
        FloatVector s6 = s0;
        FloatVector s7 = s0;
        for (int q = q0; q < q1; q++) {
            FloatVector v = FloatVector.broadcast(F, (float) val[q]);
            int o = idx[q] * stride;
            s0 = s0.add(FloatVector.fromArray(F, panel, o).mul(v));
            s1 = s1.add(FloatVector.fromArray(F, panel, o + FL).mul(v));
            s2 = s2.add(FloatVector.fromArray(F, panel, o + 2 * FL).mul(v));
            s3 = s3.add(FloatVector.fromArray(F, panel, o + 3 * FL).mul(v));
            s4 = s4.add(FloatVector.fromArray(F, panel, o + 4 * FL).mul(v));
            s5 = s5.add(FloatVector.fromArray(F, panel, o + 5 * FL).mul(v));
            s6 = s6.add(FloatVector.fromArray(F, panel, o + 6 * FL).mul(v));
            s7 = s7.add(FloatVector.fromArray(F, panel, o + 7 * FL).mul(v));
        }
        s0.intoArray(sums, 0);
        s1.intoArray(sums, FL);
        s2.intoArray(sums, 2 * FL);
        s3.intoArray(sums, 3 * FL);
        s4.intoArray(sums, 4 * FL);
        s5.intoArray(sums, 5 * FL);
        s6.intoArray(sums, 6 * FL);
        s7.intoArray(sums, 7 * FL);
    }

    /** The same for a panel narrower than {@value #VECTORS} vectors. */
    private static void floatNarrow(float[] panel, int width, float[] sums, int q0, int q1, int[] idx, double[] val) {
        int jj = 0;
        for (; jj + FL <= width; jj += FL) {
            FloatVector sum = FloatVector.zero(F);
            for (int q = q0; q < q1; q++) {
                sum = sum.add(FloatVector.fromArray(F, panel, idx[q] * width + jj)
                        .mul(FloatVector.broadcast(F, (float) val[q])));
            }
            sum.intoArray(sums, jj);
        }
        for (; jj < width; jj++) {
            float sum = 0.0f;
            for (int q = q0; q < q1; q++) {
                sum += (float) val[q] * panel[idx[q] * width + jj];
            }
            sums[jj] = sum;
        }
    }
}
