package dev.fluxion.runtime.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every path of {@link MatMul} (narrow panels read in place or packed, narrow C with many
 * rows computed transposed, wide rows with copied rows of B, transposed A compressed in
 * groups, rows or columns split over threads, each with and without explicit SIMD) against
 * the naive triple loop, to the last bit: each element must be summed in increasing order of
 * the inner index whatever the path and thread count; in {@link Precision#FLOAT32}, against
 * the triple loop in float.
 */
class MatMulPathsTest {

    private static final int[] SIZES = {1, 3, 7, 33, 64, 65, 100, 130};

    @Test
    void everyPathMatchesTheNaiveProductBitForBit() {
        Random r = new Random(7);
        for (int m : new int[] {1, 3, 7, 33, 70}) {
            for (int n : SIZES) {
                for (int k : new int[] {1, 3, 7, 33}) {
                    for (int layout = 0; layout < 8; layout++) {
                        check(r, m, n, k, (layout & 1) != 0, (layout & 2) != 0, (layout & 4) != 0, 0.6, 1);
                    }
                }
            }
        }
    }

    @Test
    void scaledAddOnEveryPathIsTheSgdStepOnTheStoredProduct() {
        Random r = new Random(12);
        for (int m : new int[] {1, 7, 70}) {
            for (int n : new int[] {3, 65, 130}) {
                for (int k : new int[] {1, 33}) {
                    for (int layout = 0; layout < 8; layout++) {
                        check(r, m, n, k, (layout & 1) != 0, (layout & 2) != 0, (layout & 4) != 0, -0.1, 0.6, 1);
                    }
                }
            }
        }
        for (int threads : new int[] {1, 2, 3}) {
            check(r, 784, 128, 1, true, false, true, -0.1, 0.8, threads);    // W1 -= η·xᵀ·g at batch 1
            check(r, 784, 128, 32, true, false, true, -0.1, 0.8, threads);   // at batch 32
            check(r, 784, 128, 256, true, false, true, -0.1, 0.8, threads);  // at batch 256
            check(r, 128, 10, 256, true, false, true, -0.1, 0.5, threads);   // W2 -= η·hᵀ·g (narrow C, transposed)
            check(r, 37, 1000, 1100, false, false, true, -0.1, 0.3, threads); // panel path
        }
    }

    @Test
    void scaledAddThroughThePublicEntryUpdatesInPlaceAndRefusesAliasedOperands() {
        double[] w = {1, 2, 3, 4};
        MatMul.multiplyAdd(new double[] {1, 0}, true, new double[] {10, 20}, false, w, 2, 2, 1, -0.5, Precision.FLOAT64);
        assertArrayEquals(new double[] {-4, -8, 3, 4}, w); // row 2 of op(A) is zero: w untouched there
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatMul.multiplyAdd(w, false, new double[] {1, 0, 0, 1}, false, w, 2, 2, 2, 1.0,
                        Precision.FLOAT64));
        assertEquals("matmul: C must not be A or B (it is written while they are read)", e.getMessage());
    }

    @Test
    void mlpShapesMatchOnOneAndSeveralThreads() {
        Random r = new Random(8);
        for (int threads : new int[] {1, 2, 3}) {
            check(r, 256, 128, 784, false, false, false, 0.8, threads);  // x·W1
            check(r, 784, 128, 256, true, false, false, 0.8, threads);   // xᵀ·g
            check(r, 256, 784, 128, false, true, false, 0.5, threads);   // g·W1ᵀ
            check(r, 256, 10, 128, false, false, true, 0.5, threads);    // h·W2, accumulated
            check(r, 128, 10, 256, true, false, false, 0.5, threads);    // hᵀ·g
            check(r, 256, 128, 10, false, true, false, 0.0, threads);    // g·W2ᵀ
            check(r, 37, 1000, 1100, false, false, false, 0.3, threads); // B too large to copy: panel path
            check(r, 32, 128, 784, false, false, true, 0.8, threads);    // few rows, wide: columns split (rows with SIMD)
            check(r, 8, 784, 128, false, true, false, 0.5, threads);     // the same, B transposed
            check(r, 3, 200, 1000, true, false, false, 0.5, threads);    // uneven column parts, A transposed
        }
    }

    @Test
    void transposedImageLikeOperandTakesTheBranchingCompressionAndStillMatches() {
        Random r = new Random(10);
        int k = 40;
        int m = 300;
        double[] a = imageLike(r, k, m, 60); // A is [k, m]: runs along its rows, read down op(A)'s columns
        matchesOnOneAndTwoThreads(r, a, true, m, k);
    }

    @Test
    void imageLikeRowsTakeTheirOwnGatherAndStillMatch() {
        // Rows of A with their zeros in runs are gathered by gatherRuns, rows with mixed zeros
        // by gatherMixed; both, and a product whose first rows decide one kind while later
        // rows are of the other.
        Random r = new Random(12);
        int m = 64;
        int k = 300;
        double[] runs = imageLike(r, m, k, 50);
        double[] mixedThenRuns = random(r, m * k, 0.5);
        System.arraycopy(runs, 8 * k, mixedThenRuns, 8 * k, (m - 8) * k);
        matchesOnOneAndTwoThreads(r, runs, false, m, k);
        matchesOnOneAndTwoThreads(r, mixedThenRuns, false, m, k);
    }

    /** {@code lines} rows of {@code len}, each zero but for one run of {@code run} values, as an image row. */
    private static double[] imageLike(Random r, int lines, int len, int run) {
        double[] a = new double[lines * len];
        for (int p = 0; p < lines; p++) {
            int from = r.nextInt(len);
            for (int i = from; i < Math.min(len, from + run); i++) {
                a[p * len + i] = r.nextDouble();
            }
        }
        return a;
    }

    /** op(A)·B with a random B of 96 columns, on one and two threads, against the naive product. */
    private static void matchesOnOneAndTwoThreads(Random r, double[] a, boolean ta, int m, int k) {
        double[] b = random(r, k * 96, 0.0);
        double[] expected = naive(a, ta, b, false, m, 96, k);
        for (int threads = 1; threads <= 2; threads++) {
            for (boolean simd : new boolean[] {false, true}) {
                double[] c = new double[m * 96];
                MatMul.multiply(a, ta, b, false, c, m, 96, k, false, Precision.FLOAT64, threads, simd);
                assertArrayEquals(expected, c, "threads " + threads + ", simd " + simd);
            }
        }
    }

    @Test
    void theTestRunResolvesTheVectorApiSoTheSimdPathIsTheOneTested() {
        // The build runs tests with the Vector API (surefire's argLine); without it every
        // product here would take the path without SIMD and the comparisons above would test
        // one path twice.
        assertTrue(MatMul.simd(), "jdk.incubator.vector is not resolved: run with --add-modules jdk.incubator.vector");
    }

    @Test
    void transposedBIsCopiedByBlocksOfColumnsIncludingPartlyNeededOnes() {
        // Wide C with B read transposed: the columns of B that A's non-zeros refer to are
        // copied eight at a time; here A is zero in some columns (so some blocks are full,
        // some partly needed, some skipped) and k is not a multiple of eight.
        Random r = new Random(11);
        int m = 40;
        int n = 200;
        int k = 29;
        double[] a = random(r, m * k, 0.3);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                if (p % 8 == 3 || p % 8 == 6 || (p >= 16 && p < 24)) {
                    a[i * k + p] = 0.0;
                }
            }
        }
        double[] b = random(r, n * k, 0.0);
        double[] expected = naive(a, false, b, true, m, n, k);
        for (int threads = 1; threads <= 3; threads++) {
            double[] c = new double[m * n];
            MatMul.multiply(a, false, b, true, c, m, n, k, false, Precision.FLOAT64, threads);
            assertArrayEquals(expected, c, "threads " + threads);
        }
    }

    @Test
    void threadCountDoesNotChangeABit() {
        Random r = new Random(9);
        double[] a = random(r, 300 * 500, 0.7);
        double[] b = random(r, 500 * 96, 0.0);
        double[] one = new double[300 * 96];
        MatMul.multiply(a, false, b, false, one, 300, 96, 500, false, Precision.FLOAT64, 1);
        for (int threads = 2; threads <= 5; threads++) {
            double[] many = new double[300 * 96];
            MatMul.multiply(a, false, b, false, many, 300, 96, 500, false, Precision.FLOAT64, threads);
            assertArrayEquals(one, many, "threads " + threads);
        }
    }

    @Test
    void allZeroRowsOverwriteOrKeepC() {
        double[] c = {5, 5, 5, 5};
        MatMul.multiply(new double[] {0, 0}, false, new double[] {1, 2, 3, 4}, false, c, 1, 2, 2, true, Precision.FLOAT64, 1);
        assertArrayEquals(new double[] {5, 5, 5, 5}, c);
        MatMul.multiply(new double[] {0, 0}, false, new double[] {1, 2, 3, 4}, false, c, 1, 2, 2, false, Precision.FLOAT64, 1);
        assertArrayEquals(new double[] {0, 0, 5, 5}, c);
    }

    @Test
    void float32SumsTheWidePathInFloatAndLeavesTheNarrowPathInDouble() {
        Random r = new Random(11);
        for (int threads : new int[] {1, 2}) {
            // wide path (directly, transposed, columns split): every element is the float product's
            checkFloat32(r, 256, 128, 784, false, false, false, threads, true);
            checkFloat32(r, 784, 128, 256, true, false, true, threads, true);
            checkFloat32(r, 256, 10, 128, false, false, true, threads, true);
            checkFloat32(r, 256, 128, 10, false, true, false, threads, true);
            checkFloat32(r, 8, 784, 128, false, true, false, threads, true);
            checkFloat32(r, 70, 100, 50, false, false, true, threads, true);  // blocks of columns, then a vector, then single columns
            checkFloat32(r, 70, 100, 50, true, true, false, threads, true);
            // narrow path: the double product's
            checkFloat32(r, 37, 1000, 1100, false, false, false, threads, false);
            checkFloat32(r, 7, 33, 7, true, true, true, threads, false);
            // scaled (a fused SGD step in float32)
            checkFloat32(r, 784, 128, 256, true, false, true, -0.1, threads, true);
            checkFloat32(r, 70, 100, 50, true, true, true, -0.1, threads, true);
            checkFloat32(r, 7, 33, 7, true, true, true, -0.1, threads, false);
        }
    }

    /**
     * op(A)·op(B) in FLOAT32 against the naive product in float (operands rounded, each element
     * summed in float in increasing p) if {@code wide}, else in double, to the last bit; and
     * a wide product must differ from the double one somewhere (float is really used).
     */
    private static void checkFloat32(Random r, int m, int n, int k, boolean ta, boolean tb, boolean accumulate,
                                     int threads, boolean wide) {
        checkFloat32(r, m, n, k, ta, tb, accumulate, 1.0, threads, wide);
    }

    /** The same for C = α·op(A)·op(B) or C += α·op(A)·op(B): the float sum widened, then scaled in double. */
    private static void checkFloat32(Random r, int m, int n, int k, boolean ta, boolean tb, boolean accumulate,
                                     double alpha, int threads, boolean wide) {
        double[] a = random(r, m * k, 0.5);
        double[] b = random(r, k * n, 0.0);
        double[] c0 = random(r, m * n, 0.0);
        double[] single = naiveFloat(a, ta, b, tb, m, n, k);
        double[] dbl = naive(a, ta, b, tb, m, n, k);
        double[] expected = wide ? single : dbl;
        boolean differs = false;
        for (boolean simd : new boolean[] {false, true}) {
            double[] c = c0.clone();
            MatMul.multiply(a, ta, b, tb, c, m, n, k, accumulate, alpha, Precision.FLOAT32, threads, simd);
            for (int x = 0; x < c.length; x++) {
                double scaled = alpha * expected[x];
                double e = accumulate ? c0[x] + scaled : scaled;
                assertEquals(e, c[x], 0.0, () -> "m=" + m + " n=" + n + " k=" + k + " threads=" + threads
                        + " simd=" + simd);
                differs |= single[x] != dbl[x];
            }
        }
        if (wide && !differs) {
            throw new AssertionError("the float and double products agree everywhere: the check proves nothing");
        }
    }

    /** op(A)·op(B) by the triple loop in float: operands rounded to float, each element summed in float. */
    private static double[] naiveFloat(double[] a, boolean ta, double[] b, boolean tb, int m, int n, int k) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    float av = (float) (ta ? a[p * m + i] : a[i * k + p]);
                    float bv = (float) (tb ? b[j * k + p] : b[p * n + j]);
                    s += av * bv;
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    @Test
    void threadCountPropertyIsCheckedWithItsName() {
        assertEquals(4, Workers.configured(null, 4));
        assertEquals(1, Workers.configured(" ", 0));
        assertEquals(3, Workers.configured(" 3 ", 8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workers.configured("0", 2));
        assertEquals("system property fluxion.threads must be a whole number >= 1, got '0'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Workers.configured("two", 2));
    }

    @Test
    void aFailingPartIsRethrownAfterAllParts() {
        int[] ran = new int[4];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Workers.run(4, p -> {
            ran[p] = 1;
            if (p == 2) {
                throw new IllegalStateException("part 2");
            }
        }));
        assertEquals("part 2", e.getMessage());
        assertArrayEquals(new int[] {1, 1, 1, 1}, ran);
    }

    private static void check(Random r, int m, int n, int k, boolean ta, boolean tb, boolean accumulate, double zeros,
                              int threads) {
        check(r, m, n, k, ta, tb, accumulate, 1.0, zeros, threads);
    }

    /**
     * C = α·op(A)·op(B) or C += α·op(A)·op(B) on every path, with and without SIMD, against
     * the naive product scaled afterwards; with α = −η that is C − η·(naive product), the
     * SGD step on a stored gradient.
     */
    private static void check(Random r, int m, int n, int k, boolean ta, boolean tb, boolean accumulate, double alpha,
                              double zeros, int threads) {
        double[] a = random(r, m * k, zeros);
        double[] b = random(r, k * n, 0.0);
        double[] c0 = random(r, m * n, 0.0);
        double[] expected = naive(a, ta, b, tb, m, n, k);
        for (int x = 0; x < expected.length; x++) {
            double scaled = alpha == 1.0 ? expected[x] : -(-alpha * expected[x]); // −η·g, as SGD forms it
            expected[x] = accumulate ? c0[x] + scaled : scaled;
        }
        for (boolean simd : new boolean[] {false, true}) {
            double[] c = c0.clone();
            MatMul.multiply(a, ta, b, tb, c, m, n, k, accumulate, alpha, Precision.FLOAT64, threads, simd);
            for (int x = 0; x < c.length; x++) {
                if (Double.doubleToLongBits(expected[x] + 0.0) != Double.doubleToLongBits(c[x] + 0.0)) {
                    throw new AssertionError("m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb + " acc="
                            + accumulate + " alpha=" + alpha + " threads=" + threads + " simd=" + simd + ": element "
                            + x + " is " + c[x] + ", naive " + expected[x]);
                }
            }
        }
    }

    /** op(A)·op(B) by the triple loop, each element summed from zero in increasing p. */
    private static double[] naive(double[] a, boolean ta, double[] b, boolean tb, int m, int n, int k) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a[p * m + i] : a[i * k + p];
                    double bv = tb ? b[j * k + p] : b[p * n + j];
                    s += av * bv;
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static double[] random(Random r, int size, double zeros) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextDouble() < zeros ? 0.0 : r.nextGaussian();
        }
        return x;
    }
}
