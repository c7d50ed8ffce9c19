package dev.fluxion.runtime.tensor;

/**
 * The narrow path of {@link MatMul}: blocks of up to {@value #PANEL} columns of a row of C
 * summed in registers from the compressed rows of op(A), reading op(B) from packed panels
 * (or in place when there are few rows).
 */
final class NarrowRows {

    /** Columns of C computed together, each in its own accumulator (registers). */
    static final int PANEL = 8;

    /** From this many rows (per thread) on, panels of B are packed; fewer rows read B in place. */
    static final int PACK_ROWS = 4;

    private NarrowRows() {
    }

    /** Rows i0..i1-1 of C by blocks of columns summed in registers (from packed panels of op(B) if there are enough rows). */
    static void narrowRows(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                           boolean accumulate, double alpha, int i0, int i1, MatMulScratch s) {
        int rows = i1 - i0;
        s.reserve(rows, k);
        int[] start = s.start;
        int[] end = s.end;
        int[] idx = s.idx;
        double[] val = s.val;
        CompressedRows.compress(a, ta, m, k, i0, i1, s, null);
        boolean pack = rows >= PACK_ROWS;
        double[] panel = pack ? s.panel(k, PANEL) : null;
        int j = 0;
        while (j < n) {
            int w = n - j >= PANEL ? PANEL : n - j >= 4 ? 4 : n - j >= 2 ? 2 : 1;
            int cOff = i0 * n + j;
            if (pack) {
                pack(b, tb, n, k, j, w, panel);
                block(w, val, idx, start, end, rows, panel, w, 0, c, cOff, n, accumulate, alpha);
            } else if (!tb) {
                block(w, val, idx, start, end, rows, b, n, j, c, cOff, n, accumulate, alpha);
            } else {
                transposedBlock(w, val, idx, start, end, rows, b, k, j, c, cOff, n, accumulate, alpha);
            }
            j += w;
        }
    }

    /** Copies columns j..j+w-1 of op(B) into {@code panel[p·w + jj]}. */
    private static void pack(double[] b, boolean tb, int n, int k, int j, int w, double[] panel) {
        if (tb) {
            for (int jj = 0; jj < w; jj++) {
                int o = (j + jj) * k; // row j+jj of B, column j+jj of Bᵀ
                for (int p = 0, t = jj; p < k; p++, t += w) {
                    panel[t] = b[o + p];
                }
            }
        } else if (w == PANEL) {
            for (int p = 0, o = j, t = 0; p < k; p++, o += n, t += PANEL) {
                panel[t] = b[o];
                panel[t + 1] = b[o + 1];
                panel[t + 2] = b[o + 2];
                panel[t + 3] = b[o + 3];
                panel[t + 4] = b[o + 4];
                panel[t + 5] = b[o + 5];
                panel[t + 6] = b[o + 6];
                panel[t + 7] = b[o + 7];
            }
        } else {
            for (int p = 0, o = j, t = 0; p < k; p++, o += n, t += w) {
                for (int jj = 0; jj < w; jj++) {
                    panel[t + jj] = b[o + jj];
                }
            }
        }
    }

    /**
     * Columns j..j+w-1 of the given rows of C, from the compressed rows of op(A) and a
     * source where column j + jj of row p of op(B) is {@code src[p·stride + off + jj]} (a
     * packed panel, or B itself).
     */
    private static void block(int w, double[] val, int[] idx, int[] start, int[] end, int rows, double[] src, int stride,
                              int off, double[] c, int cOff, int n, boolean accumulate, double alpha) {
        if (w == PANEL) {
            block8(val, idx, start, end, rows, src, stride, off, c, cOff, n, accumulate, alpha);
        } else if (w == 4) {
            block4(val, idx, start, end, rows, src, stride, off, c, cOff, n, accumulate, alpha);
        } else if (w == 2) {
            block2(val, idx, start, end, rows, src, stride, off, c, cOff, n, accumulate, alpha);
        } else {
            block1(val, idx, start, end, rows, src, stride, off, c, cOff, n, accumulate, alpha);
        }
    }

    private static void block8(double[] val, int[] idx, int[] start, int[] end, int rows, double[] src, int stride, int off,
                               double[] c, int cOff, int n, boolean accumulate, double alpha) {
        for (int r = 0, at = cOff; r < rows; r++, at += n) {
            int q1 = end[r];
            double c0 = 0.0;
            double c1 = 0.0;
            double c2 = 0.0;
            double c3 = 0.0;
            double c4 = 0.0;
            double c5 = 0.0;
            double c6 = 0.0;
            double c7 = 0.0;
            for (int q = start[r]; q < q1; q++) {
                double v = val[q];
                int o = idx[q] * stride + off;
                c0 += v * src[o];
                c1 += v * src[o + 1];
                c2 += v * src[o + 2];
                c3 += v * src[o + 3];
                c4 += v * src[o + 4];
                c5 += v * src[o + 5];
                c6 += v * src[o + 6];
                c7 += v * src[o + 7];
            }
            if (accumulate) {
                c[at] += alpha * c0;
                c[at + 1] += alpha * c1;
                c[at + 2] += alpha * c2;
                c[at + 3] += alpha * c3;
                c[at + 4] += alpha * c4;
                c[at + 5] += alpha * c5;
                c[at + 6] += alpha * c6;
                c[at + 7] += alpha * c7;
            } else {
                c[at] = alpha * c0;
                c[at + 1] = alpha * c1;
                c[at + 2] = alpha * c2;
                c[at + 3] = alpha * c3;
                c[at + 4] = alpha * c4;
                c[at + 5] = alpha * c5;
                c[at + 6] = alpha * c6;
                c[at + 7] = alpha * c7;
            }
        }
    }

    private static void block4(double[] val, int[] idx, int[] start, int[] end, int rows, double[] src, int stride, int off,
                               double[] c, int cOff, int n, boolean accumulate, double alpha) {
        for (int r = 0, at = cOff; r < rows; r++, at += n) {
            int q1 = end[r];
            double c0 = 0.0;
            double c1 = 0.0;
            double c2 = 0.0;
            double c3 = 0.0;
            for (int q = start[r]; q < q1; q++) {
                double v = val[q];
                int o = idx[q] * stride + off;
                c0 += v * src[o];
                c1 += v * src[o + 1];
                c2 += v * src[o + 2];
                c3 += v * src[o + 3];
            }
            if (accumulate) {
                c[at] += alpha * c0;
                c[at + 1] += alpha * c1;
                c[at + 2] += alpha * c2;
                c[at + 3] += alpha * c3;
            } else {
                c[at] = alpha * c0;
                c[at + 1] = alpha * c1;
                c[at + 2] = alpha * c2;
                c[at + 3] = alpha * c3;
            }
        }
    }

    private static void block2(double[] val, int[] idx, int[] start, int[] end, int rows, double[] src, int stride,
                               int off, double[] c, int cOff, int n, boolean accumulate, double alpha) {
        for (int r = 0, at = cOff; r < rows; r++, at += n) {
            int q1 = end[r];
            double c0 = 0.0;
            double c1 = 0.0;
            for (int q = start[r]; q < q1; q++) {
                double v = val[q];
                int o = idx[q] * stride + off;
                c0 += v * src[o];
                c1 += v * src[o + 1];
            }
            if (accumulate) {
                c[at] += alpha * c0;
                c[at + 1] += alpha * c1;
            } else {
                c[at] = alpha * c0;
                c[at + 1] = alpha * c1;
            }
        }
    }

    private static void block1(double[] val, int[] idx, int[] start, int[] end, int rows, double[] src, int stride, int off,
                               double[] c, int cOff, int n, boolean accumulate, double alpha) {
        for (int r = 0, at = cOff; r < rows; r++, at += n) {
            int q1 = end[r];
            double c0 = 0.0;
            for (int q = start[r]; q < q1; q++) {
                c0 += val[q] * src[idx[q] * stride + off];
            }
            c[at] = accumulate ? c[at] + alpha * c0 : alpha * c0;
        }
    }

    /**
     * Columns j..j+w-1 of the given rows of C = (compressed rows of op(A))·Bᵀ, B [n, k] read
     * in place: dot products with rows j..j+w-1 of B (used when there are too few rows to
     * pay for packing).
     */
    private static void transposedBlock(int w, double[] val, int[] idx, int[] start, int[] end, int rows, double[] b, int k,
                                        int j, double[] c, int cOff, int n, boolean accumulate, double alpha) {
        for (int jj = 0; jj < w; jj += 4) {
            int cols = Math.min(4, w - jj);
            if (cols == 4) {
                int b0 = (j + jj) * k;
                int b1 = b0 + k;
                int b2 = b1 + k;
                int b3 = b2 + k;
                for (int r = 0, at = cOff + jj; r < rows; r++, at += n) {
                    int q1 = end[r];
                    double c0 = 0.0;
                    double c1 = 0.0;
                    double c2 = 0.0;
                    double c3 = 0.0;
                    for (int q = start[r]; q < q1; q++) {
                        double v = val[q];
                        int p = idx[q];
                        c0 += v * b[b0 + p];
                        c1 += v * b[b1 + p];
                        c2 += v * b[b2 + p];
                        c3 += v * b[b3 + p];
                    }
                    if (accumulate) {
                        c[at] += alpha * c0;
                        c[at + 1] += alpha * c1;
                        c[at + 2] += alpha * c2;
                        c[at + 3] += alpha * c3;
                    } else {
                        c[at] = alpha * c0;
                        c[at + 1] = alpha * c1;
                        c[at + 2] = alpha * c2;
                        c[at + 3] = alpha * c3;
                    }
                }
            } else {
                for (int col = jj; col < jj + cols; col++) {
                    block1(val, idx, start, end, rows, b, 1, (j + col) * k, c, cOff + col, n, accumulate, alpha);
                }
            }
        }
    }
}
