package dev.fluxion.runtime.tensor;

import java.util.Arrays;

/** {@link ScratchRows} in double ({@link Precision#FLOAT64}): the sums of the naive triple loop, bit for bit. */
final class DoubleRows extends ScratchRows {

    private double[][] b = new double[0][];
    private double[][] c = new double[0][];

    @Override
    void reserve(int k, int count, int w) {
        b = grow(b, k, w);
        c = grow(c, count, w);
    }

    private static double[][] grow(double[][] have, int count, int w) {
        double[][] r = have.length >= count ? have : Arrays.copyOf(have, count);
        for (int i = 0; i < count; i++) {
            if (r[i] == null || r[i].length < w) {
                r[i] = new double[w];
            }
        }
        return r;
    }

    @Override
    void copyRow(int p, double[] src, int from, int w) {
        System.arraycopy(src, from, b[p], 0, w);
    }

    @Override
    void copyColumnBlock(double[] src, int k, int p0, int j0, int w) {
        double[] d0 = b[p0], d1 = b[p0 + 1], d2 = b[p0 + 2], d3 = b[p0 + 3];
        double[] d4 = b[p0 + 4], d5 = b[p0 + 5], d6 = b[p0 + 6], d7 = b[p0 + 7];
        for (int j = 0, o = j0 * k + p0; j < w; j++, o += k) {
            d0[j] = src[o];
            d1[j] = src[o + 1];
            d2[j] = src[o + 2];
            d3[j] = src[o + 3];
            d4[j] = src[o + 4];
            d5[j] = src[o + 5];
            d6[j] = src[o + 6];
            d7[j] = src[o + 7];
        }
    }

    @Override
    void copyColumns(double[] src, int k, int[] sel, int count, int j0, int w) {
        for (int j = 0, o = j0 * k; j < w; j++, o += k) {
            for (int t = 0; t < count; t++) {
                int p = sel[t];
                b[p][j] = src[o + p];
            }
        }
    }

    @Override
    void clear(int r, int w) {
        Arrays.fill(c[r], 0, w, 0.0);
    }

    @Override
    void update(int r, double[] val, int[] idx, int q, int count, int w) {
        double[] row = c[r];
        switch (count) {
            case 4 -> update4(row, val[q], b[idx[q]], val[q + 1], b[idx[q + 1]], val[q + 2], b[idx[q + 2]],
                    val[q + 3], b[idx[q + 3]], w);
            case 3 -> update3(row, val[q], b[idx[q]], val[q + 1], b[idx[q + 1]], val[q + 2], b[idx[q + 2]], w);
            case 2 -> update2(row, val[q], b[idx[q]], val[q + 1], b[idx[q + 1]], w);
            default -> update1(row, val[q], b[idx[q]], w);
        }
    }

    @Override
    void store(int r, double[] out, int at, int w, boolean accumulate, double alpha) {
        double[] row = c[r];
        if (accumulate) {
            for (int j = 0; j < w; j++) {
                out[at + j] += alpha * row[j];
            }
        } else if (alpha == 1.0) {
            System.arraycopy(row, 0, out, at, w);
        } else {
            for (int j = 0; j < w; j++) {
                out[at + j] = alpha * row[j];
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
