package dev.fluxion.runtime.tensor;

import java.util.Arrays;

/**
 * The wide path of {@link MatMul}: rows of C summed in scratch rows by whole-row updates
 * that C2 vectorizes (see {@link #wideRows}).
 */
final class WideRows {

    /** Rows of C summed together in scratch rows by {@link #wideRows}. */
    static final int WIDE_ROWS = 128;

    /** Rows of op(B) a block of rows goes over at a time in {@link #wideRows} (kept in L2 meanwhile). */
    static final int WIDE_DEPTH = 128;

    /** Rows of C compressed and computed together by {@link #wideRows} when A is transposed. */
    static final int PLACE_ROWS = 128;

    private WideRows() {
    }

    /**
     * Rows i0..i1-1 of C when C is wide: each row of C is summed in a scratch row of its own
     * by updates {@code row[j] += v·bp[j]} over whole rows of op(B), which C2 vectorizes only
     * when both arrays are indexed by the same j with no offset (it cannot tell two offsets
     * into the same array type apart, so it assumes they may overlap). So the rows of op(B)
     * that a non-zero of A refers to are first copied into arrays of their own, and each
     * finished scratch row is copied into C. Up to four updates are fused into one pass,
     * {@code row[j] = (((row[j] + v0·b0[j]) + v1·b1[j]) + v2·b2[j]) + v3·b3[j]}, which adds
     * in the same order as four passes but loads and stores the row once. Rows of C are
     * taken {@value #WIDE_ROWS} at a time and op(B) {@value #WIDE_DEPTH} rows at a time, so
     * that the scratch rows and the part of op(B) they go over stay in cache together.
     */
    static void wideRows(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                         boolean accumulate, int i0, int i1, int j0, int w, MatMulScratch s) {
        int rows = i1 - i0;
        byte[] state = s.state(k);
        double[][] brow = s.bRows(k, w);
        int group = ta ? PLACE_ROWS : MatMul.group(k);
        for (int g0 = 0; g0 < rows; g0 += group) {
            int g1 = Math.min(rows, g0 + group);
            s.reserve(g1 - g0, k);
            CompressedRows.compress(a, ta, m, k, i0 + g0, i0 + g1, s, state);
            if (tb) {
                copyColumns(b, k, j0, w, state, brow, s.columns);
            } else {
                for (int p = 0; p < k; p++) {
                    if (state[p] == CompressedRows.NEEDED) {
                        state[p] = CompressedRows.COPIED;
                        System.arraycopy(b, p * n + j0, brow[p], 0, w);
                    }
                }
            }
            wideGroup(c, n, k, accumulate, i0 + g0, g1 - g0, j0, w, s, brow);
        }
        Arrays.fill(state, 0, k, (byte) 0);
    }

    /** Columns of B (rows of op(B) = Bᵀ) copied together by {@link #copyColumns}: one cache line of a row of B. */
    static final int COLUMN_BLOCK = 8;

    /**
     * Copies the needed rows p of op(B) = Bᵀ (columns p of B, B being [n, k]), elements
     * j0..j0+w-1, into {@code brow[p]}, {@value #COLUMN_BLOCK} columns at a time: each row of B
     * is read a cache line at a time. Read one column at a time, the elements are k·8 bytes
     * apart; for a power of two such as 128 columns they all fall into a few cache sets and
     * every read misses, column after column. A block whose eight columns are all needed (the
     * common case) is copied by an unrolled loop; the general loop over the selected columns
     * alone takes twice as long (h·W2 at batch 256: 146 µs against 73 µs).
     */
    private static void copyColumns(double[] b, int k, int j0, int w, byte[] state, double[][] brow, int[] sel) {
        for (int p0 = 0; p0 < k; p0 += COLUMN_BLOCK) {
            int count = 0;
            for (int p = p0, p1 = Math.min(k, p0 + COLUMN_BLOCK); p < p1; p++) {
                if (state[p] == CompressedRows.NEEDED) {
                    state[p] = CompressedRows.COPIED;
                    sel[count++] = p;
                }
            }
            if (count == COLUMN_BLOCK) {
                double[] d0 = brow[p0], d1 = brow[p0 + 1], d2 = brow[p0 + 2], d3 = brow[p0 + 3];
                double[] d4 = brow[p0 + 4], d5 = brow[p0 + 5], d6 = brow[p0 + 6], d7 = brow[p0 + 7];
                for (int j = 0, o = j0 * k + p0; j < w; j++, o += k) {
                    d0[j] = b[o];
                    d1[j] = b[o + 1];
                    d2[j] = b[o + 2];
                    d3[j] = b[o + 3];
                    d4[j] = b[o + 4];
                    d5[j] = b[o + 5];
                    d6[j] = b[o + 6];
                    d7[j] = b[o + 7];
                }
            } else if (count > 0) {
                for (int j = 0, o = j0 * k; j < w; j++, o += k) {
                    for (int t = 0; t < count; t++) {
                        int p = sel[t];
                        brow[p][j] = b[o + p];
                    }
                }
            }
        }
    }

    /** Rows i..i+rows-1 of C from their compressed rows in {@code s} and the copied rows of op(B). */
    private static void wideGroup(double[] c, int n, int k, boolean accumulate, int i, int rows, int j0, int w,
                                  MatMulScratch s, double[][] brow) {
        int[] start = s.start;
        int[] end = s.end;
        int[] idx = s.idx;
        double[] val = s.val;
        int block = Math.min(rows, WIDE_ROWS);
        double[][] crow = s.cRows(block, w);
        int[] cursor = s.cursor(block);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            for (int r = r0; r < r1; r++) {
                if (start[r] < end[r]) {
                    Arrays.fill(crow[r - r0], 0, w, 0.0);
                }
                cursor[r - r0] = start[r];
            }
            for (int p1 = Math.min(k, WIDE_DEPTH); ; p1 = Math.min(k, p1 + WIDE_DEPTH)) {
                for (int r = r0; r < r1; r++) {
                    double[] row = crow[r - r0];
                    int q = cursor[r - r0];
                    int qe = end[r];
                    for (; q + 3 < qe && idx[q + 3] < p1; q += 4) {
                        update4(row, val[q], brow[idx[q]], val[q + 1], brow[idx[q + 1]], val[q + 2], brow[idx[q + 2]],
                                val[q + 3], brow[idx[q + 3]], w);
                    }
                    if (q + 2 < qe && idx[q + 2] < p1) {
                        update3(row, val[q], brow[idx[q]], val[q + 1], brow[idx[q + 1]], val[q + 2], brow[idx[q + 2]], w);
                        q += 3;
                    } else if (q + 1 < qe && idx[q + 1] < p1) {
                        update2(row, val[q], brow[idx[q]], val[q + 1], brow[idx[q + 1]], w);
                        q += 2;
                    } else if (q < qe && idx[q] < p1) {
                        update1(row, val[q], brow[idx[q]], w);
                        q++;
                    }
                    cursor[r - r0] = q;
                }
                if (p1 == k) {
                    break;
                }
            }
            for (int r = r0; r < r1; r++) {
                double[] row = crow[r - r0];
                int at = (i + r) * n + j0;
                if (start[r] == end[r]) {
                    if (!accumulate) {
                        Arrays.fill(c, at, at + w, 0.0);
                    }
                } else if (accumulate) {
                    for (int j = 0; j < w; j++) {
                        c[at + j] += row[j];
                    }
                } else {
                    System.arraycopy(row, 0, c, at, w);
                }
            }
        }
    }

    /** row[j] += v·b[j], j &lt; n. */
    private static void update1(double[] row, double v, double[] b, int n) {
        for (int j = 0; j < n; j++) {
            row[j] += v * b[j];
        }
    }

    /** Two of {@link #update1} in one pass, each element summed in the same order. */
    private static void update2(double[] row, double v0, double[] b0, double v1, double[] b1, int n) {
        for (int j = 0; j < n; j++) {
            row[j] = (row[j] + v0 * b0[j]) + v1 * b1[j];
        }
    }

    /** Three of {@link #update1} in one pass, each element summed in the same order. */
    private static void update3(double[] row, double v0, double[] b0, double v1, double[] b1, double v2, double[] b2,
                                int n) {
        for (int j = 0; j < n; j++) {
            row[j] = ((row[j] + v0 * b0[j]) + v1 * b1[j]) + v2 * b2[j];
        }
    }

    /** Four of {@link #update1} in one pass, each element summed in the same order. */
    private static void update4(double[] row, double v0, double[] b0, double v1, double[] b1, double v2, double[] b2,
                                double v3, double[] b3, int n) {
        for (int j = 0; j < n; j++) {
            row[j] = (((row[j] + v0 * b0[j]) + v1 * b1[j]) + v2 * b2[j]) + v3 * b3[j];
        }
    }
}
