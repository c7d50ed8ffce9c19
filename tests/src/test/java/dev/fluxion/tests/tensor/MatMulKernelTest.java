package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fluxion.runtime.tensor.MatMul;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The runtime matrix product against the naive triple loop written here, for all four
 * layouts (A or Aᵀ times B or Bᵀ), overwriting and accumulating, at sizes that hit every
 * tail of the kernel's blocks (1, 3, 7, 9, 33 and the MLP's 784×128), with and without
 * zeros in A (the kernel skips them). Each element is summed in the same order as the
 * naive loop, so the results agree to the last bit up to the sign of zero.
 */
class MatMulKernelTest {

    private static final int[] SIZES = {1, 3, 7, 8, 9, 17, 33};

    @Test
    void allLayoutsMatchTheNaiveProductAtOddSizes() {
        Random r = new Random(11);
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : new int[] {1, 3, 7, 33}) {
                    for (int layout = 0; layout < 4; layout++) {
                        check(r, m, n, k, (layout & 1) != 0, (layout & 2) != 0, r.nextBoolean(), 0.5);
                    }
                }
            }
        }
    }

    @Test
    void mlpSizedProductsMatchTheNaiveProduct() {
        Random r = new Random(5);
        // Forward x·W1, the weight gradient xᵀ·g, and the input gradient g·W1ᵀ, on sparse "images".
        check(r, 3, 128, 784, false, false, false, 0.8);
        check(r, 784, 128, 3, true, false, false, 0.8);
        check(r, 3, 784, 128, false, true, false, 0.0);
        check(r, 33, 128, 784, false, false, true, 0.8);
    }

    @Test
    void emptyInnerDimensionGivesZerosOrLeavesCAlone() {
        double[] c = {1, 2, 3, 4};
        MatMul.multiply(new double[0], false, new double[0], false, c, 2, 2, 0, true);
        assertEquals(4.0, c[3]);
        MatMul.multiply(new double[0], false, new double[0], false, c, 2, 2, 0, false);
        assertEquals(0.0, c[0] + c[1] + c[2] + c[3]);
    }

    @Test
    void tooSmallBufferIsRejectedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatMul.multiply(new double[6], false, new double[5], false, new double[4], 2, 2, 3, false));
        assertEquals("matmul: B has 5 elements, needs 3x2", e.getMessage());
    }

    /** op(A)[m, k]·op(B)[k, n] with a fraction {@code zeros} of A's entries zero. */
    private static void check(Random r, int m, int n, int k, boolean ta, boolean tb, boolean accumulate,
                              double zeros) {
        double[] a = random(r, m * k, zeros);
        double[] b = random(r, k * n, 0.0);
        double[] c0 = random(r, m * n, 0.0);
        double[] expected = c0.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a[p * m + i] : a[i * k + p];
                    double bv = tb ? b[j * k + p] : b[p * n + j];
                    s += av * bv;
                }
                expected[i * n + j] = accumulate ? expected[i * n + j] + s : s;
            }
        }
        double[] c = c0.clone();
        MatMul.multiply(a, ta, b, tb, c, m, n, k, accumulate);
        for (int e = 0; e < c.length; e++) {
            assertEquals(expected[e], c[e], 0.0,
                    () -> "m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb + " acc=" + accumulate);
        }
    }

    private static double[] random(Random r, int size, double zeros) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextDouble() < zeros ? 0.0 : r.nextGaussian();
        }
        return x;
    }
}
