package dev.fluxion.runtime.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The narrow path of {@link MatMul} (C with fewer than {@value MatMul#WIDE} columns, such as
 * h·W2 with 10 classes at small batch) with explicit SIMD, through the JDK's incubating Vector
 * API (loaded only when {@link Simd} allows). {@link NarrowRows} sums each element in a scalar
 * register over the compressed row of A, which skips the zeros of A but makes every sum a chain
 * of dependent additions, one per term. Here {@value #ROWS} rows of C are summed at once over
 * the dense rows of A, {@value #COLS} vectors of columns each, twelve independent vector sums
 * per step of p: h·W2 at batch 32 (ReLU output, half zeros) 16–17 µs → 7.5–9 µs, in isolation.
 * Every element is the naive loop's sum, in increasing p, from zero, zero terms included (they
 * add nothing to a finite sum), a multiplication and an addition per term: the same bits.
 * Used for A read in place ({@code !ta}) with at least one vector of columns, unless A is
 * mostly zeros ({@link #dense}), where skipping them is worth more.
 */
final class VectorNarrow {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = D.length();

    /** Rows of C summed together. */
    static final int ROWS = 4;

    /** Vectors of columns of a row of C summed together (4 × 3 sums in registers). */
    static final int COLS = 3;

    /** Rows of A whose zeros {@link #dense} counts. */
    private static final int SAMPLE = 4;

    private VectorNarrow() {
    }

    /** Whether C has columns enough for a vector: this path is not for thinner C. */
    static boolean fits(int n) {
        return n >= L;
    }

    /** Whether A, [m, k], read from row i0, is at least a quarter non-zero in its first {@value #SAMPLE} rows. */
    static boolean dense(double[] a, int k, int i0, int i1) {
        int from = i0 * k;
        int to = Math.min(i1, i0 + SAMPLE) * k;
        int nonZero = 0;
        for (int x = from; x < to; x++) {
            nonZero += a[x] != 0.0 ? 1 : 0;
        }
        return nonZero * 4 >= to - from;
    }

    /** Rows i0..i1-1 of C = A·op(B), C [m, n]: A [m, k] read dense, op(B) [k, n] (B [n, k] if {@code tb}) packed into panels. */
    static void rows(double[] a, double[] b, boolean tb, double[] c, int n, int k, boolean accumulate, double alpha,
                     int i0, int i1, MatMulScratch s) {
        int width = COLS * L;
        double[] sums = s.sums(ROWS * width);
        for (int j = 0; j < n; j += width) {
            int w = Math.min(width, n - j);
            double[] panel = s.panel(k, width);
            VectorRows.pack(b, tb, n, k, j, w, width, panel);
            int r = i0;
            for (; r + ROWS <= i1; r += ROWS) {
                four(a, k, r, panel, width, sums);
                for (int q = 0; q < ROWS; q++) {
                    store(sums, q * width, c, (r + q) * n + j, w, accumulate, alpha);
                }
            }
            for (; r < i1; r++) {
                one(a, k, r, panel, width, sums);
                store(sums, 0, c, r * n + j, w, accumulate, alpha);
            }
        }
    }

    private static void store(double[] sums, int from, double[] c, int at, int w, boolean accumulate, double alpha) {
        for (int jj = 0; jj < w; jj++) {
            c[at + jj] = accumulate ? c[at + jj] + alpha * sums[from + jj] : alpha * sums[from + jj];
        }
    }

    /** Rows r..r+3 of C, one block of columns, into {@code sums[q·width ..]}. */
    private static void four(double[] a, int k, int r, double[] panel, int width, double[] sums) {
        DoubleVector s00 = DoubleVector.zero(D);
        DoubleVector s01 = s00;
        DoubleVector s02 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s12 = s00;
        DoubleVector s20 = s00;
        DoubleVector s21 = s00;
        DoubleVector s22 = s00;
        DoubleVector s30 = s00;
        DoubleVector s31 = s00;
        DoubleVector s32 = s00;
        int a0 = r * k;
        int a1 = a0 + k;
        int a2 = a1 + k;
        int a3 = a2 + k;
        for (int p = 0, t = 0; p < k; p++, t += width) {
            DoubleVector b0 = DoubleVector.fromArray(D, panel, t);
            DoubleVector b1 = DoubleVector.fromArray(D, panel, t + L);
            DoubleVector b2 = DoubleVector.fromArray(D, panel, t + 2 * L);
            DoubleVector v = DoubleVector.broadcast(D, a[a0 + p]);
            s00 = s00.add(b0.mul(v));
            s01 = s01.add(b1.mul(v));
            s02 = s02.add(b2.mul(v));
            v = DoubleVector.broadcast(D, a[a1 + p]);
            s10 = s10.add(b0.mul(v));
            s11 = s11.add(b1.mul(v));
            s12 = s12.add(b2.mul(v));
            v = DoubleVector.broadcast(D, a[a2 + p]);
            s20 = s20.add(b0.mul(v));
            s21 = s21.add(b1.mul(v));
            s22 = s22.add(b2.mul(v));
            v = DoubleVector.broadcast(D, a[a3 + p]);
            s30 = s30.add(b0.mul(v));
            s31 = s31.add(b1.mul(v));
            s32 = s32.add(b2.mul(v));
        }
        s00.intoArray(sums, 0);
        s01.intoArray(sums, L);
        s02.intoArray(sums, 2 * L);
        s10.intoArray(sums, width);
        s11.intoArray(sums, width + L);
        s12.intoArray(sums, width + 2 * L);
        s20.intoArray(sums, 2 * width);
        s21.intoArray(sums, 2 * width + L);
        s22.intoArray(sums, 2 * width + 2 * L);
        s30.intoArray(sums, 3 * width);
        s31.intoArray(sums, 3 * width + L);
        s32.intoArray(sums, 3 * width + 2 * L);
    }

    /** Row r of C, one block of columns, into {@code sums[0..width-1]} (the rows after the last four). */
    private static void one(double[] a, int k, int r, double[] panel, int width, double[] sums) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        for (int p = 0, t = 0, at = r * k; p < k; p++, t += width) {
            DoubleVector v = DoubleVector.broadcast(D, a[at + p]);
            s0 = s0.add(DoubleVector.fromArray(D, panel, t).mul(v));
            s1 = s1.add(DoubleVector.fromArray(D, panel, t + L).mul(v));
            s2 = s2.add(DoubleVector.fromArray(D, panel, t + 2 * L).mul(v));
        }
        s0.intoArray(sums, 0);
        s1.intoArray(sums, L);
        s2.intoArray(sums, 2 * L);
    }
}
