package dev.fluxion.runtime.tensor;

/**
 * The compressed rows of op(A) that every path of {@link MatMul} multiplies from: each row's
 * non-zero values with their inner index, so that zeros of A (one-hot targets, ReLU outputs,
 * image pixels) cost nothing in the product.
 */
final class CompressedRows {

    /** States of a row of op(B) in {@link WideRows}: a non-zero of A refers to it; it has been copied. */
    static final byte NEEDED = 1;
    static final byte COPIED = 2;

    private CompressedRows() {
    }

    /**
     * Compresses rows i0..i1-1 of op(A) into {@code s.start}, {@code s.end}, {@code s.idx},
     * {@code s.val}: row r's non-zero values in increasing p, with their p, at
     * start[r]..end[r]-1. If {@code state} is given, marks every p that some row refers to
     * as {@link #NEEDED}. A transposed A is read a row of A (a column of op(A)) at a time,
     * not column by column (a column of a [k, m] matrix touches a new cache line per
     * element), each op(A) row into a region of k + 1 slots of its own, branch-free.
     */
    static void compress(double[] a, boolean ta, int m, int k, int i0, int i1, MatMulScratch s, byte[] state) {
        int rows = i1 - i0;
        int[] start = s.start;
        int[] end = s.end;
        int[] idx = s.idx;
        double[] val = s.val;
        if (!ta) {
            boolean runs = runs(a, i0 * k, Math.min(k, 256), k, Math.min(rows, 4));
            for (int r = 0, at = 0; r < rows; r++) {
                start[r] = at;
                int from = (i0 + r) * k;
                at = runs ? gatherRuns(a, from, k, at, idx, val) : gatherMixed(a, from, k, at, idx, val);
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
     * Whether zeros and non-zeros along the lines of A come in long runs (image pixels: a
     * branch on them is predicted well and skips a zero in one compare) rather than mixed
     * (activations). Judged on the first {@code lines} lines, {@code stride} apart,
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
     * and {@code idx} from {@code at}; returns the end. For rows whose zeros come in runs
     * (image pixels): a branch on each element, which the predictor follows (measured faster
     * than a branch-free form).
     */
    private static int gatherRuns(double[] x, int from, int k, int at, int[] idx, double[] val) {
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

    /**
     * {@link #gatherRuns} for rows whose zeros are mixed (ReLU outputs), the same loop in a
     * method of its own on purpose: HotSpot profiles the branch per method and C2 lays the
     * loop out by that profile, so one method fed both kinds of rows compiles to code that
     * is slower on both. Compressing 256 ReLU-like rows of 128 and 256 MNIST rows of 784, one
     * thread: 27–40 and 205–208 µs with the two methods, 34–57 and 237–242 µs with one.
     */
    private static int gatherMixed(double[] x, int from, int k, int at, int[] idx, double[] val) {
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
}
