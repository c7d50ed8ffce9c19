package dev.fluxion.runtime.tensor;

import java.util.Arrays;

/**
 * Dense matrix product {@code C = op(A)·op(B)} (or {@code C += op(A)·op(B)}) over flat
 * row-major {@code double[]} buffers, where {@code op} is the identity or the transpose.
 * Generated code calls this instead of emitting its own loops, as it calls {@link Conv2d}.
 *
 * <p>How, and why:
 * <ul>
 * <li><b>Sums in registers.</b> C2 on Java 17 does not vectorize the i-k-j loop
 *     ({@code c[r + j] += s·b[o + j]}: two arrays at different offsets), so that loop loads
 *     and stores an element of C per multiply-add. Here a block of up to {@value #PANEL}
 *     columns of one row of C is accumulated in registers, one load of an A value feeding
 *     {@value #PANEL} multiply-adds, and C is written once per element.</li>
 * <li><b>Zeros of A skipped.</b> Each row of {@code op(A)} is first gathered into its
 *     non-zero values and their indices (compressed rows; a transposed A is read with its
 *     stride only here). One-hot targets, ReLU outputs and image pixels are largely zero.</li>
 * <li><b>Packed panels of B.</b> With enough rows, each block of columns of {@code op(B)} is
 *     copied into a contiguous panel ({@code panel[p·w + j]}) once and then read by every row.
 *     Read in place, the rows of a block sit one row of B apart; with 128 columns that is
 *     1 KB, a power of two, so they fall into a few cache sets and a panel that would fit in
 *     L1 is read from L3. The panel also turns {@code op(B) = Bᵀ} into the same layout.</li>
 * <li><b>Wide rows vectorized.</b> From {@value #WIDE} columns on, each row of C is summed in
 *     a scratch row by whole-row updates that C2 vectorizes ({@link #wideRows}); a narrow C
 *     with many rows is computed as its transpose that way.</li>
 * <li><b>Threads.</b> Above {@value #PARALLEL_WORK} multiply-adds (dense count), the rows
 *     of C (or, for few rows of a wide C, its columns) are split into contiguous ranges
 *     computed at the same time on {@link Workers} (system property {@code fluxion.threads});
 *     each range gathers and copies for itself.</li>
 * </ul>
 *
 * <p>Each element of C is summed over the inner index in increasing order, starting from
 * zero, and then stored (or added to C), exactly as the naive triple loop does, whatever
 * the panel width and the number of threads. So the results equal the naive product's bit
 * for bit, up to the sign of a zero and the zero terms skipped, which add nothing to a
 * finite sum.
 */
public final class MatMul {

    /** Columns of C computed together, each in its own accumulator (registers). */
    static final int PANEL = 8;

    /** From this many rows (per thread) on, panels of B are packed; fewer rows read B in place. */
    static final int PACK_ROWS = 4;

    /** From this many columns on, rows of C are summed by vectorized row updates ({@link #wideRows}). */
    static final int WIDE = 64;

    /** Rows of C summed together in scratch rows by {@link #wideRows}. */
    static final int WIDE_ROWS = 128;

    /** Rows of op(B) a block of rows goes over at a time in {@link #wideRows} (kept in L2 meanwhile). */
    static final int WIDE_DEPTH = 128;

    /** Most elements of op(B) {@link #wideRows} copies (per thread); larger products take the panel path. */
    static final long WIDE_COPY = 1L << 20;

    /** Compressed entries of op(A) a thread holds at a time (unless {@value #MIN_GROUP} rows need more). */
    static final int SCRATCH_ENTRIES = 1 << 18;

    /** Fewest rows compressed together. */
    static final int MIN_GROUP = 16;

    /** Rows of C compressed and computed together by {@link #wideRows} when A is transposed. */
    static final int PLACE_ROWS = 128;

    /** States of a row of op(B) in {@link #wideRows}: a non-zero of A refers to it; it has been copied. */
    private static final byte NEEDED = 1;
    private static final byte COPIED = 2;

    /** Dense multiply-adds m·n·k from which a product is split over threads. */
    static final long PARALLEL_WORK = 1L << 19;

    /** Fewest rows of C a thread is given. */
    static final int MIN_ROWS_PER_PART = 4;

    /** Per-thread scratch: the compressed rows of op(A) and one panel of op(B), grown as needed. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread buffer for Cᵀ in {@link #transposed} (apart from SCRATCH, which the inner product uses). */
    private static final ThreadLocal<double[]> TRANSPOSED = ThreadLocal.withInitial(() -> new double[0]);

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
        multiply(a, ta, b, tb, c, m, n, k, accumulate, Workers.threads());
    }

    /** The same on at most {@code threads} threads (for tests: every count gives the same bits). */
    static void multiply(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                         boolean accumulate, int threads) {
        check("A", a, m, k);
        check("B", b, k, n);
        check("C", c, m, n);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                Arrays.fill(c, 0, m * n, 0.0);
            }
            return;
        }
        if (n < WIDE && m >= WIDE && (long) k * m <= WIDE_COPY) {
            transposed(a, ta, b, tb, c, m, n, k, accumulate, threads);
            return;
        }
        boolean wide = n >= WIDE && (long) k * n <= WIDE_COPY;
        if ((long) m * n * k >= PARALLEL_WORK && wide && n > m && threads > 1 && n / WIDE >= 2) {
            // Few rows of a wide C (x·W at small batch): split the columns instead, so that each
            // thread copies only its part of every row of B rather than all of B.
            int cols = Math.min(threads, n / WIDE);
            Workers.run(cols, p -> {
                int j0 = (int) ((long) n * p / cols);
                wideRows(a, ta, b, tb, c, m, n, k, accumulate, 0, m, j0, (int) ((long) n * (p + 1) / cols) - j0,
                        SCRATCH.get());
            });
            return;
        }
        int parts = (long) m * n * k < PARALLEL_WORK ? 1 : Math.min(threads, m / MIN_ROWS_PER_PART);
        if (parts <= 1) {
            rows(a, ta, b, tb, c, m, n, k, accumulate, 0, m);
        } else {
            Workers.run(parts, p -> rows(a, ta, b, tb, c, m, n, k, accumulate,
                    (int) ((long) m * p / parts), (int) ((long) m * (p + 1) / parts)));
        }
    }

    /**
     * A narrow C with many rows (h·W2 with 10 classes, its weight gradient) as the wide
     * product Cᵀ = op(B)ᵀ·op(A)ᵀ, whose rows the vectorized path sums, transposed into C
     * afterwards. Each element is the same sum in the same order (a·b = b·a exactly); the
     * zeros skipped are then those of op(B), which changes nothing for finite operands.
     */
    private static void transposed(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                                   boolean accumulate, int threads) {
        double[] t = TRANSPOSED.get();
        if (t.length < m * n) {
            t = new double[m * n];
            TRANSPOSED.set(t);
        }
        multiply(b, !tb, a, !ta, t, n, m, k, false, threads);
        for (int i = 0; i < m; i++) {
            int at = i * n;
            if (accumulate) {
                for (int j = 0, o = i; j < n; j++, o += m) {
                    c[at + j] += t[o];
                }
            } else {
                for (int j = 0, o = i; j < n; j++, o += m) {
                    c[at + j] = t[o];
                }
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
     * Rows i0..i1-1 of C, on the calling thread, in groups of rows whose compressed form
     * fits the scratch limit ({@value #SCRATCH_ENTRIES} entries).
     */
    private static void rows(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                             boolean accumulate, int i0, int i1) {
        if (i1 <= i0) {
            return;
        }
        Scratch s = SCRATCH.get();
        if (n >= WIDE && (long) k * n <= WIDE_COPY) {
            wideRows(a, ta, b, tb, c, m, n, k, accumulate, i0, i1, 0, n, s);
            return;
        }
        int group = Math.max(MIN_GROUP, SCRATCH_ENTRIES / (k + 1));
        for (int g0 = i0; g0 < i1; g0 += group) {
            narrowRows(a, ta, b, tb, c, m, n, k, accumulate, g0, Math.min(i1, g0 + group), s);
        }
    }

    /** Rows i0..i1-1 of C by blocks of columns summed in registers (from packed panels of op(B) if there are enough rows). */
    private static void narrowRows(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                                   boolean accumulate, int i0, int i1, Scratch s) {
        int rows = i1 - i0;
        s.reserve(rows, k);
        int[] start = s.start;
        int[] end = s.end;
        int[] idx = s.idx;
        double[] val = s.val;
        compress(a, ta, m, k, i0, i1, s, null);
        boolean pack = rows >= PACK_ROWS;
        if (pack) {
            s.reservePanel(k);
        }
        double[] panel = s.panel;
        int j = 0;
        while (j < n) {
            int w = n - j >= PANEL ? PANEL : n - j >= 4 ? 4 : n - j >= 2 ? 2 : 1;
            int cOff = i0 * n + j;
            if (pack) {
                pack(b, tb, n, k, j, w, panel);
                block(w, val, idx, start, end, rows, panel, w, 0, c, cOff, n, accumulate);
            } else if (!tb) {
                block(w, val, idx, start, end, rows, b, n, j, c, cOff, n, accumulate);
            } else {
                transposedBlock(w, val, idx, start, end, rows, b, k, j, c, cOff, n, accumulate);
            }
            j += w;
        }
    }

    /**
     * Compresses rows i0..i1-1 of op(A) into {@code s.start}, {@code s.end}, {@code s.idx},
     * {@code s.val}: row r's non-zero values in increasing p, with their p, at
     * start[r]..end[r]-1. If {@code state} is given, marks every p that some row refers to
     * as {@link #NEEDED}. A transposed A is read a row of A (a column of op(A)) at a time,
     * not column by column (a column of a [k, m] matrix touches a new cache line per
     * element), each op(A) row into a region of k + 1 slots of its own, branch-free.
     */
    private static void compress(double[] a, boolean ta, int m, int k, int i0, int i1, Scratch s, byte[] state) {
        int rows = i1 - i0;
        int[] start = s.start;
        int[] end = s.end;
        int[] idx = s.idx;
        double[] val = s.val;
        if (!ta) {
            for (int r = 0, at = 0; r < rows; r++) {
                start[r] = at;
                at = gather(a, (i0 + r) * k, k, at, idx, val);
                end[r] = at;
            }
            if (state != null) {
                for (int q = 0, q1 = end[rows - 1]; q < q1; q++) {
                    state[idx[q]] |= NEEDED;
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            start[r] = r * (k + 1);
            end[r] = start[r];
        }
        boolean runs = runs(a, i0, rows, m, Math.min(k, 8));
        for (int p = 0; p < k; p++) {
            int o = p * m + i0;
            int any = 0;
            if (runs) {
                for (int r = 0; r < rows; r++) {
                    double v = a[o + r];
                    if (v != 0.0) {
                        int q = end[r]++;
                        idx[q] = p;
                        val[q] = v;
                        any = 1;
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    double v = a[o + r];
                    int q = end[r];
                    idx[q] = p; // written either way, kept only if v is not zero: no branch to mispredict
                    val[q] = v;
                    int nz = nonZero(v);
                    end[r] = q + nz;
                    any |= nz;
                }
            }
            if (any != 0 && state != null) {
                state[p] |= NEEDED;
            }
        }
    }

    /**
     * Whether zeros and non-zeros along the rows of A come in long runs (image pixels: a
     * branch on them is predicted well and skips a zero in one compare) rather than mixed
     * (activations: the branch-free form is faster). Judged on the first {@code lines} rows,
     * elements from..from+len-1 of each: fewer than one change in eight elements.
     */
    private static boolean runs(double[] a, int from, int len, int stride, int lines) {
        int changes = 0;
        for (int p = 0, o = from; p < lines; p++, o += stride) {
            int prev = nonZero(a[o]);
            for (int r = 1; r < len; r++) {
                int nz = nonZero(a[o + r]);
                changes += prev ^ nz;
                prev = nz;
            }
        }
        return changes * 8 < lines * len;
    }

    /**
     * 1 if v is not ±0 (NaN included), else 0, without a branch: a data-dependent branch
     * over image pixels or ReLU outputs mispredicts on a large share of elements.
     */
    private static int nonZero(double v) {
        long t = Double.doubleToRawLongBits(v) << 1; // drop the sign: -0 becomes 0
        return (int) ((t | -t) >>> 63);
    }

    /**
     * Writes the non-zero elements of {@code x[from..from+k-1]}, and their p, to {@code val}
     * and {@code idx} from {@code at}; returns the end. A row of A is read with a branch:
     * zeros of images and activations come in runs along a row, which the branch predictor
     * follows (measured faster than the branch-free form used down columns).
     */
    private static int gather(double[] x, int from, int k, int at, int[] idx, double[] val) {
        int q = at;
        for (int p = 0; p < k; p++) {
            double v = x[from + p];
            if (v != 0.0) {
                idx[q] = p;
                val[q] = v;
                q++;
            }
        }
        return q;
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
                              int off, double[] c, int cOff, int n, boolean accumulate) {
        if (w == PANEL) {
            block8(val, idx, start, end, rows, src, stride, off, c, cOff, n, accumulate);
        } else if (w == 4) {
            block4(val, idx, start, end, rows, src, stride, off, c, cOff, n, accumulate);
        } else if (w == 2) {
            block2(val, idx, start, end, rows, src, stride, off, c, cOff, n, accumulate);
        } else {
            block1(val, idx, start, end, rows, src, stride, off, c, cOff, n, accumulate);
        }
    }

    private static void block8(double[] val, int[] idx, int[] start, int[] end, int rows, double[] src, int stride, int off,
                               double[] c, int cOff, int n, boolean accumulate) {
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
                c[at] += c0;
                c[at + 1] += c1;
                c[at + 2] += c2;
                c[at + 3] += c3;
                c[at + 4] += c4;
                c[at + 5] += c5;
                c[at + 6] += c6;
                c[at + 7] += c7;
            } else {
                c[at] = c0;
                c[at + 1] = c1;
                c[at + 2] = c2;
                c[at + 3] = c3;
                c[at + 4] = c4;
                c[at + 5] = c5;
                c[at + 6] = c6;
                c[at + 7] = c7;
            }
        }
    }

    private static void block4(double[] val, int[] idx, int[] start, int[] end, int rows, double[] src, int stride, int off,
                               double[] c, int cOff, int n, boolean accumulate) {
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
                c[at] += c0;
                c[at + 1] += c1;
                c[at + 2] += c2;
                c[at + 3] += c3;
            } else {
                c[at] = c0;
                c[at + 1] = c1;
                c[at + 2] = c2;
                c[at + 3] = c3;
            }
        }
    }

    private static void block2(double[] val, int[] idx, int[] start, int[] end, int rows, double[] src, int stride,
                               int off, double[] c, int cOff, int n, boolean accumulate) {
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
                c[at] += c0;
                c[at + 1] += c1;
            } else {
                c[at] = c0;
                c[at + 1] = c1;
            }
        }
    }

    private static void block1(double[] val, int[] idx, int[] start, int[] end, int rows, double[] src, int stride, int off,
                               double[] c, int cOff, int n, boolean accumulate) {
        for (int r = 0, at = cOff; r < rows; r++, at += n) {
            int q1 = end[r];
            double c0 = 0.0;
            for (int q = start[r]; q < q1; q++) {
                c0 += val[q] * src[idx[q] * stride + off];
            }
            c[at] = accumulate ? c[at] + c0 : c0;
        }
    }

    /**
     * Columns j..j+w-1 of the given rows of C = (compressed rows of op(A))·Bᵀ, B [n, k] read
     * in place: dot products with rows j..j+w-1 of B (used when there are too few rows to
     * pay for packing).
     */
    private static void transposedBlock(int w, double[] val, int[] idx, int[] start, int[] end, int rows, double[] b, int k,
                                        int j, double[] c, int cOff, int n, boolean accumulate) {
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
                        c[at] += c0;
                        c[at + 1] += c1;
                        c[at + 2] += c2;
                        c[at + 3] += c3;
                    } else {
                        c[at] = c0;
                        c[at + 1] = c1;
                        c[at + 2] = c2;
                        c[at + 3] = c3;
                    }
                }
            } else {
                for (int col = jj; col < jj + cols; col++) {
                    block1(val, idx, start, end, rows, b, 1, (j + col) * k, c, cOff + col, n, accumulate);
                }
            }
        }
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
    private static void wideRows(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                                 boolean accumulate, int i0, int i1, int j0, int w, Scratch s) {
        int rows = i1 - i0;
        byte[] state = s.state(k);
        double[][] brow = s.bRows(k, w);
        int group = ta ? PLACE_ROWS : Math.max(MIN_GROUP, SCRATCH_ENTRIES / (k + 1));
        for (int g0 = 0; g0 < rows; g0 += group) {
            int g1 = Math.min(rows, g0 + group);
            s.reserve(g1 - g0, k);
            compress(a, ta, m, k, i0 + g0, i0 + g1, s, state);
            for (int p = 0; p < k; p++) {
                if (state[p] == NEEDED) {
                    state[p] = COPIED;
                    double[] d = brow[p];
                    if (tb) {
                        for (int j = 0, o = j0 * k + p; j < w; j++, o += k) {
                            d[j] = b[o];
                        }
                    } else {
                        System.arraycopy(b, p * n + j0, d, 0, w);
                    }
                }
            }
            wideGroup(c, n, k, accumulate, i0 + g0, g1 - g0, j0, w, s, brow);
        }
        Arrays.fill(state, 0, k, (byte) 0);
    }

    /** Rows i..i+rows-1 of C from their compressed rows in {@code s} and the copied rows of op(B). */
    private static void wideGroup(double[] c, int n, int k, boolean accumulate, int i, int rows, int j0, int w,
                                  Scratch s, double[][] brow) {
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

    /** Buffers one thread reuses across calls, so a product allocates nothing once warm. */
    private static final class Scratch {
        int[] start = new int[0];
        int[] end = new int[0];
        int[] idx = new int[0];
        double[] val = new double[0];
        double[] panel = new double[0];

        void reserve(int rows, int k) {
            if (start.length < rows) {
                start = new int[rows];
                end = new int[rows];
            }
            long need = (long) rows * (k + 1);
            if (idx.length < need) {
                idx = new int[Math.toIntExact(need)];
                val = new double[Math.toIntExact(need)];
            }
        }

        byte[] state = new byte[0];
        double[][] bRows = new double[0][];
        double[][] cRows = new double[0][];
        int[] cursor = new int[0];

        /** A state per row of op(B), all 0 (users reset them). */
        byte[] state(int k) {
            if (state.length < k) {
                state = new byte[k];
            }
            return state;
        }

        double[][] bRows(int k, int n) {
            bRows = rows(bRows, k, n);
            return bRows;
        }

        double[][] cRows(int count, int n) {
            cRows = rows(cRows, count, n);
            return cRows;
        }

        int[] cursor(int count) {
            if (cursor.length < count) {
                cursor = new int[count];
            }
            return cursor;
        }

        private static double[][] rows(double[][] have, int count, int n) {
            double[][] r = have.length >= count ? have : Arrays.copyOf(have, count);
            for (int i = 0; i < count; i++) {
                if (r[i] == null || r[i].length < n) {
                    r[i] = new double[n];
                }
            }
            return r;
        }

        void reservePanel(int k) {
            long need = (long) k * PANEL;
            if (panel.length < need) {
                panel = new double[Math.toIntExact(need)];
            }
        }
    }
}
