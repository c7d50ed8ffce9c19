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

    /** Rows of C compressed and computed together by {@link #wideRows} when A is transposed (without SIMD). */
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
     * that the scratch rows and the part of op(B) they go over stay in cache together. The
     * copies, scratch rows and updates are in {@code precision} ({@link ScratchRows}).
     *
     * <p>With {@code simd} (explicit SIMD available: {@link Simd}) the rows are summed by
     * {@link VectorRows} instead, in registers, from op(B) in place or from panels: the same bits;
     * in float only from {@value VectorRows#PACK_ROWS} rows on, since it rounds all of op(B) into
     * float panels where this path copies only the rows that a non-zero of A refers to (at batch 1
     * the MLP step took 197 µs that way, against 78 µs).
     */
    static void wideRows(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                         boolean accumulate, double alpha, int i0, int i1, int j0, int w, MatMulScratch s,
                         Precision precision, boolean simd) {
        int rows = i1 - i0;
        if (simd && (precision == Precision.FLOAT64 || rows >= VectorRows.PACK_ROWS)) {
            // As many rows as the scratch holds, transposed A too: VectorRows packs its panels of
            // op(B) once per group, and xᵀ·g at batch 256 would repack them for every 128 rows.
            int group = MatMul.group(k);
            for (int g0 = 0; g0 < rows; g0 += group) {
                int g1 = Math.min(rows, g0 + group);
                s.reserve(g1 - g0, k);
                CompressedRows.compress(a, ta, m, k, i0 + g0, i0 + g1, s, null);
                VectorRows.rows(b, tb, c, n, k, accumulate, alpha, i0 + g0, g1 - g0, j0, w, s, precision);
            }
            return;
        }
        int group = ta ? PLACE_ROWS : MatMul.group(k);
        byte[] state = s.state(k);
        ScratchRows sr = s.rows(precision);
        sr.reserve(k, Math.min(rows, WIDE_ROWS), w);
        for (int g0 = 0; g0 < rows; g0 += group) {
            int g1 = Math.min(rows, g0 + group);
            s.reserve(g1 - g0, k);
            CompressedRows.compress(a, ta, m, k, i0 + g0, i0 + g1, s, state);
            if (tb) {
                copyColumns(b, k, j0, w, state, sr, s.columns);
            } else {
                for (int p = 0; p < k; p++) {
                    if (state[p] == CompressedRows.NEEDED) {
                        state[p] = CompressedRows.COPIED;
                        sr.copyRow(p, b, p * n + j0, w);
                    }
                }
            }
            wideGroup(c, n, k, accumulate, alpha, i0 + g0, g1 - g0, j0, w, s, sr);
        }
        Arrays.fill(state, 0, k, (byte) 0);
    }

    /** Columns of B (rows of op(B) = Bᵀ) copied together by {@link #copyColumns}: one cache line of a row of B. */
    static final int COLUMN_BLOCK = 8;

    /**
     * Copies the needed rows p of op(B) = Bᵀ (columns p of B, B being [n, k]), elements
     * j0..j0+w-1, into {@code sr}, {@value #COLUMN_BLOCK} columns at a time: each row of B
     * is read a cache line at a time. Read one column at a time, the elements are k·8 bytes
     * apart; for a power of two such as 128 columns they all fall into a few cache sets and
     * every read misses, column after column. A block whose eight columns are all needed (the
     * common case) is copied by an unrolled loop; the general loop over the selected columns
     * alone takes twice as long (h·W2 at batch 256: 146 µs against 73 µs).
     */
    private static void copyColumns(double[] b, int k, int j0, int w, byte[] state, ScratchRows sr, int[] sel) {
        for (int p0 = 0; p0 < k; p0 += COLUMN_BLOCK) {
            int count = 0;
            for (int p = p0, p1 = Math.min(k, p0 + COLUMN_BLOCK); p < p1; p++) {
                if (state[p] == CompressedRows.NEEDED) {
                    state[p] = CompressedRows.COPIED;
                    sel[count++] = p;
                }
            }
            if (count == COLUMN_BLOCK) {
                sr.copyColumnBlock(b, k, p0, j0, w);
            } else if (count > 0) {
                sr.copyColumns(b, k, sel, count, j0, w);
            }
        }
    }

    /** Rows i..i+rows-1 of C from their compressed rows in {@code s} and the copied rows of op(B) in {@code sr}. */
    private static void wideGroup(double[] c, int n, int k, boolean accumulate, double alpha, int i, int rows, int j0,
                                  int w, MatMulScratch s, ScratchRows sr) {
        int[] start = s.start;
        int[] end = s.end;
        int[] idx = s.idx;
        double[] val = s.val;
        int block = Math.min(rows, WIDE_ROWS);
        int[] cursor = s.cursor(block);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            for (int r = r0; r < r1; r++) {
                if (start[r] < end[r]) {
                    sr.clear(r - r0, w);
                }
                cursor[r - r0] = start[r];
            }
            for (int p1 = Math.min(k, WIDE_DEPTH); ; p1 = Math.min(k, p1 + WIDE_DEPTH)) {
                for (int r = r0; r < r1; r++) {
                    int q = cursor[r - r0];
                    int qe = end[r];
                    for (; q + 3 < qe && idx[q + 3] < p1; q += 4) {
                        sr.update(r - r0, val, idx, q, 4, w);
                    }
                    int rest = q + 2 < qe && idx[q + 2] < p1 ? 3
                            : q + 1 < qe && idx[q + 1] < p1 ? 2
                            : q < qe && idx[q] < p1 ? 1 : 0;
                    if (rest > 0) {
                        sr.update(r - r0, val, idx, q, rest, w);
                        q += rest;
                    }
                    cursor[r - r0] = q;
                }
                if (p1 == k) {
                    break;
                }
            }
            for (int r = r0; r < r1; r++) {
                int at = (i + r) * n + j0;
                if (start[r] == end[r]) {
                    if (!accumulate) {
                        Arrays.fill(c, at, at + w, 0.0);
                    }
                } else {
                    sr.store(r - r0, c, at, w, accumulate, alpha);
                }
            }
        }
    }
}
