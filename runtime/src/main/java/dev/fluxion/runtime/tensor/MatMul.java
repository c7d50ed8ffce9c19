package dev.fluxion.runtime.tensor;

import java.util.Arrays;

/**
 * Dense matrix product {@code C = op(A)·op(B)} (or {@code C += op(A)·op(B)}, or
 * {@code C += α·op(A)·op(B)}: {@link #multiplyAdd}, the fused SGD step of generated models) over
 * flat row-major {@code double[]} buffers, where {@code op} is the identity or the transpose.
 * Generated code calls this instead of emitting its own loops, as it calls {@link Conv2d}.
 *
 * <p>How, and why:
 * <ul>
 * <li><b>Sums in registers.</b> C2 on Java 17 does not vectorize the i-k-j loop
 *     ({@code c[r + j] += s·b[o + j]}: two arrays at different offsets), so that loop loads
 *     and stores an element of C per multiply-add. Here a block of up to {@value NarrowRows#PANEL}
 *     columns of one row of C is accumulated in registers, one load of an A value feeding
 *     {@value NarrowRows#PANEL} multiply-adds, and C is written once per element.</li>
 * <li><b>Zeros of A skipped.</b> Each row of {@code op(A)} is first gathered into its
 *     non-zero values and their indices (compressed rows; a transposed A is read with its
 *     stride only here). One-hot targets, ReLU outputs and image pixels are largely zero.</li>
 * <li><b>Packed panels of B.</b> With enough rows, each block of columns of {@code op(B)} is
 *     copied into a contiguous panel ({@code panel[p·w + j]}) once and then read by every row.
 *     Read in place, the rows of a block sit one row of B apart; with 128 columns that is
 *     1 KB, a power of two, so they fall into a few cache sets and a panel that would fit in
 *     L1 is read from L3. The panel also turns {@code op(B) = Bᵀ} into the same layout.</li>
 * <li><b>Wide rows vectorized.</b> From {@value #WIDE} columns on, each row of C is summed in
 *     a scratch row by whole-row updates that C2 vectorizes ({@link WideRows}); a narrow C
 *     with many rows is computed as its transpose that way.</li>
 * <li><b>Explicit SIMD</b> when the JVM resolves the incubating Vector API
 *     ({@code --add-modules jdk.incubator.vector}; {@link #simd()}): the rows of a wide C are
 *     summed by {@link VectorRows}, a block of a row of C in vector registers, op(B) read in
 *     place or from packed panels; the same bits as without. A narrow C whose A is not mostly
 *     zeros is summed by {@link VectorNarrow}, four rows at a time over the dense rows of A.</li>
 * <li><b>Threads.</b> Above {@value #PARALLEL_WORK} multiply-adds (dense count), the rows
 *     of C (or, for few rows of a wide C, its columns) are split into contiguous ranges
 *     computed at the same time on {@link Workers} (system property {@code fluxion.threads});
 *     each range gathers and copies for itself.</li>
 * </ul>
 *
 * <p>Each element of C is summed over the inner index in increasing order, starting from
 * zero, and then stored (or added to C; by {@link #multiplyAdd}, multiplied by α and added),
 * exactly as the naive triple loop does, whatever the panel width and the number of threads.
 * So the results equal the naive product's bit for bit, up to the sign of a zero and the zero
 * terms skipped, which add nothing to a finite sum. With {@link Precision#FLOAT32} the wide path does the same in float.
 */
public final class MatMul {

    /** From this many columns on, rows of C are summed by vectorized row updates ({@link WideRows}). */
    static final int WIDE = 64;

    /** Most elements of op(B) {@link WideRows} copies (per thread); larger products take the panel path. */
    static final long WIDE_COPY = 1L << 20;

    /** Compressed entries of op(A) a thread holds at a time (unless {@value #MIN_GROUP} rows need more). */
    static final int SCRATCH_ENTRIES = 1 << 18;

    /** Fewest rows compressed together. */
    static final int MIN_GROUP = 16;

    /** Dense multiply-adds m·n·k from which a product is split over threads. */
    static final long PARALLEL_WORK = 1L << 19;

    /** Fewest rows of C a thread is given. */
    static final int MIN_ROWS_PER_PART = 4;

    /** Per-thread scratch: the compressed rows of op(A) and one panel of op(B), grown as needed. */
    private static final ThreadLocal<MatMulScratch> SCRATCH = ThreadLocal.withInitial(MatMulScratch::new);

    /** Per-thread buffer for Cᵀ in {@link #transposed} (apart from SCRATCH, which the inner product uses). */
    private static final ThreadLocal<double[]> TRANSPOSED = ThreadLocal.withInitial(() -> new double[0]);

    private MatMul() {
    }

    /**
     * Whether products in this JVM use explicit SIMD ({@link VectorRows}, {@link VectorNarrow}):
     * the JVM runs with {@code --add-modules jdk.incubator.vector} (and not
     * {@code -Dfluxion.simd=false}). Results are the same bits either way; SIMD is faster
     * (BENCHMARKS.md).
     *
     * @return whether the Vector API is used
     */
    public static boolean simd() {
        return Simd.ENABLED;
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
        multiply(a, ta, b, tb, c, m, n, k, accumulate, Precision.FLOAT64);
    }

    /**
     * C = op(A)·op(B), or C += op(A)·op(B), in the given precision: {@link Precision#FLOAT32}
     * lets the large products sum in float (see there).
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
     * @param precision the arithmetic the product may use
     */
    public static void multiply(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                                boolean accumulate, Precision precision) {
        multiply(a, ta, b, tb, c, m, n, k, accumulate, 1.0, precision, Workers.threads(), Simd.ENABLED);
    }

    /**
     * C += α·op(A)·op(B): each element of the product is summed exactly as by {@link #multiply},
     * then multiplied by α and added to C. With C a parameter and α = −η, this is a step of
     * plain SGD whose gradient is the product, without storing the gradient: the same bits as
     * storing it in G and then {@code w −= η·g} (w + (−η)·g equals w − η·g in IEEE arithmetic),
     * but C is read and written once, and rows of op(A) that are all zeros (rows of xᵀ·g for the
     * zero pixels of an image) leave their rows of C untouched instead of writing zeros.
     *
     * @param a A: [m, k], or [k, m] if {@code ta}
     * @param ta whether A is read transposed
     * @param b B: [k, n], or [n, k] if {@code tb}
     * @param tb whether B is read transposed
     * @param c C: [m, n], updated in place; not A or B
     * @param m rows of C
     * @param n columns of C
     * @param k the inner (summed) dimension
     * @param alpha the factor of the product
     * @param precision the arithmetic the product may use
     */
    public static void multiplyAdd(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                                   double alpha, Precision precision) {
        multiply(a, ta, b, tb, c, m, n, k, true, alpha, precision, Workers.threads(), Simd.ENABLED);
    }

    /** {@link #multiply} on at most {@code threads} threads (for tests: every count gives the same bits). */
    static void multiply(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                         boolean accumulate, Precision precision, int threads) {
        multiply(a, ta, b, tb, c, m, n, k, accumulate, 1.0, precision, threads, Simd.ENABLED);
    }

    /** The same with explicit SIMD or without (for tests: both give the same bits). */
    static void multiply(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                         boolean accumulate, Precision precision, int threads, boolean simd) {
        multiply(a, ta, b, tb, c, m, n, k, accumulate, 1.0, precision, threads, simd);
    }

    /**
     * C = α·op(A)·op(B) or C += α·op(A)·op(B) (α = 1: each element's sum exactly as it is), with
     * ({@code simd}, only when {@link Simd#ENABLED}) or without explicit SIMD.
     */
    static void multiply(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                         boolean accumulate, double alpha, Precision precision, int threads, boolean simd) {
        check("A", a, m, k);
        check("B", b, k, n);
        check("C", c, m, n);
        if (c == a || c == b) {
            throw new IllegalArgumentException("matmul: C must not be A or B (it is written while they are read)");
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                Arrays.fill(c, 0, m * n, 0.0);
            }
            return;
        }
        // A narrow C with many rows (h·W2 at batch 256) is summed as its transpose, unless in double
        // with SIMD over a dense A: VectorNarrow sums it in place, 74-83 → 45-50 µs (median) there.
        if (n < WIDE && wide(m, k) && !(simd && !ta && precision == Precision.FLOAT64 && VectorNarrow.fits(n)
                && VectorNarrow.dense(a, k, 0, m))) {
            transposed(a, ta, b, tb, c, m, n, k, accumulate, alpha, precision, threads, simd);
            return;
        }
        if ((long) m * n * k >= PARALLEL_WORK && wide(n, k) && n > m && threads > 1 && n / WIDE >= 2
                && !(simd && !tb && precision == Precision.FLOAT64)) {
            // Few rows of a wide C (x·W at small batch): split the columns instead, so that each
            // thread copies only its part of every row of B rather than all of B. With SIMD in
            // double, B is read in place, nothing is copied, and splitting the rows halves the
            // gathering of A instead: x·W1 at batch 32 on two threads, median 96-105 → 75-81 µs.
            int cols = Math.min(threads, n / WIDE);
            Workers.run(cols, p -> {
                int j0 = (int) ((long) n * p / cols);
                WideRows.wideRows(a, ta, b, tb, c, m, n, k, accumulate, alpha, 0, m, j0,
                        (int) ((long) n * (p + 1) / cols) - j0,
                        SCRATCH.get(), precision, simd);
            });
            return;
        }
        int parts = (long) m * n * k < PARALLEL_WORK ? 1 : Math.min(threads, m / MIN_ROWS_PER_PART);
        if (parts <= 1) {
            rows(a, ta, b, tb, c, m, n, k, accumulate, alpha, precision, simd, 0, m);
        } else {
            Workers.run(parts, p -> rows(a, ta, b, tb, c, m, n, k, accumulate, alpha, precision, simd,
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
                                   boolean accumulate, double alpha, Precision precision, int threads, boolean simd) {
        double[] t = TRANSPOSED.get();
        if (t.length < m * n) {
            t = new double[m * n];
            TRANSPOSED.set(t);
        }
        multiply(b, !tb, a, !ta, t, n, m, k, false, 1.0, precision, threads, simd);
        for (int i = 0; i < m; i++) {
            int at = i * n;
            if (accumulate) {
                for (int j = 0, o = i; j < n; j++, o += m) {
                    c[at + j] += alpha * t[o];
                }
            } else {
                for (int j = 0, o = i; j < n; j++, o += m) {
                    c[at + j] = alpha * t[o];
                }
            }
        }
    }

    /** Whether a C with {@code n} columns is summed by {@link WideRows}: wide, and op(B) small enough to copy. */
    private static boolean wide(int n, int k) {
        return n >= WIDE && (long) k * n <= WIDE_COPY;
    }

    /** Rows of op(A) compressed together: as many as fit {@value #SCRATCH_ENTRIES} entries, at least {@value #MIN_GROUP}. */
    static int group(int k) {
        return Math.max(MIN_GROUP, SCRATCH_ENTRIES / (k + 1));
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
     * fits the scratch limit ({@value #SCRATCH_ENTRIES} entries). The narrow path sums in
     * double whatever the precision (FLOAT32 allows float, it does not require it).
     */
    private static void rows(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k,
                             boolean accumulate, double alpha, Precision precision, boolean simd, int i0, int i1) {
        if (i1 <= i0) {
            return;
        }
        MatMulScratch s = SCRATCH.get();
        if (wide(n, k)) {
            WideRows.wideRows(a, ta, b, tb, c, m, n, k, accumulate, alpha, i0, i1, 0, n, s, precision, simd);
            return;
        }
        if (simd && !ta && VectorNarrow.fits(n) && VectorNarrow.dense(a, k, i0, i1)) {
            VectorNarrow.rows(a, b, tb, c, n, k, accumulate, alpha, i0, i1, s);
            return;
        }
        int group = group(k);
        for (int g0 = i0; g0 < i1; g0 += group) {
            NarrowRows.narrowRows(a, ta, b, tb, c, m, n, k, accumulate, alpha, g0, Math.min(i1, g0 + group), s);
        }
    }
}
