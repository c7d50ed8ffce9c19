package dev.fluxion.runtime.tensor;

import java.util.Arrays;

/**
 * {@link ScratchRows} in float ({@link Precision#FLOAT32}): op(B) rounded to float as it is
 * copied, each value of A rounded as it is used, sums in float, widened to double when stored.
 * The same loops as {@link DoubleRows}; C2 vectorizes them with eight lanes instead of four.
 */
final class FloatRows extends ScratchRows {

    private float[][] b = new float[0][];
    private float[][] c = new float[0][];

    @Override
    void reserve(int k, int count, int w) {
        b = grow(b, k, w);
        c = grow(c, count, w);
    }

    private static float[][] grow(float[][] have, int count, int w) {
        float[][] r = have.length >= count ? have : Arrays.copyOf(have, count);
        for (int i = 0; i < count; i++) {
            if (r[i] == null || r[i].length < w) {
                r[i] = new float[w];
            }
        }
        return r;
    }

    @Override
    void copyRow(int p, double[] src, int from, int w) {
        float[] row = b[p];
        for (int j = 0; j < w; j++) {
            row[j] = (float) src[from + j];
        }
    }

    @Override
    void copyColumnBlock(double[] src, int k, int p0, int j0, int w) {
        float[] d0 = b[p0], d1 = b[p0 + 1], d2 = b[p0 + 2], d3 = b[p0 + 3];
        float[] d4 = b[p0 + 4], d5 = b[p0 + 5], d6 = b[p0 + 6], d7 = b[p0 + 7];
        for (int j = 0, o = j0 * k + p0; j < w; j++, o += k) {
            d0[j] = (float) src[o];
            d1[j] = (float) src[o + 1];
            d2[j] = (float) src[o + 2];
            d3[j] = (float) src[o + 3];
            d4[j] = (float) src[o + 4];
            d5[j] = (float) src[o + 5];
            d6[j] = (float) src[o + 6];
            d7[j] = (float) src[o + 7];
        }
    }

    @Override
    void copyColumns(double[] src, int k, int[] sel, int count, int j0, int w) {
        for (int j = 0, o = j0 * k; j < w; j++, o += k) {
            for (int t = 0; t < count; t++) {
                int p = sel[t];
                b[p][j] = (float) src[o + p];
            }
        }
    }

    @Override
    void clear(int r, int w) {
        Arrays.fill(c[r], 0, w, 0f);
    }

    @Override
    void update(int r, double[] val, int[] idx, int q, int count, int w) {
        float[] row = c[r];
        switch (count) {
            case 4 -> update4(row, (float) val[q], b[idx[q]], (float) val[q + 1], b[idx[q + 1]],
                    (float) val[q + 2], b[idx[q + 2]], (float) val[q + 3], b[idx[q + 3]], w);
            case 3 -> update3(row, (float) val[q], b[idx[q]], (float) val[q + 1], b[idx[q + 1]],
                    (float) val[q + 2], b[idx[q + 2]], w);
            case 2 -> update2(row, (float) val[q], b[idx[q]], (float) val[q + 1], b[idx[q + 1]], w);
            default -> update1(row, (float) val[q], b[idx[q]], w);
        }
    }

    @Override
    void store(int r, double[] out, int at, int w, boolean accumulate, double alpha) {
        store(c[r], out, at, w, accumulate, alpha);
    }

    /**
     * {@code out[at..at+w-1]} = (or +=) alpha times {@code row[0..w-1]}, each float widened to double
     * first: how every float sum of a product reaches C ({@link VectorRows} stores its sums this way too).
     */
    static void store(float[] row, double[] out, int at, int w, boolean accumulate, double alpha) {
        if (accumulate) {
            for (int j = 0; j < w; j++) {
                out[at + j] += alpha * row[j];
            }
        } else {
            for (int j = 0; j < w; j++) {
                out[at + j] = alpha * row[j];
            }
        }
    }

    /** row[j] += v·b[j], j &lt; n. */
    private static void update1(float[] row, float v, float[] b, int n) {
        for (int j = 0; j < n; j++) {
            row[j] += v * b[j];
        }
    }

    /** Two of {@link #update1} in one pass, each element summed in the same order. */
    private static void update2(float[] row, float v0, float[] b0, float v1, float[] b1, int n) {
        for (int j = 0; j < n; j++) {
            row[j] = (row[j] + v0 * b0[j]) + v1 * b1[j];
        }
    }

    /** Three of {@link #update1} in one pass, each element summed in the same order. */
    private static void update3(float[] row, float v0, float[] b0, float v1, float[] b1, float v2, float[] b2,
                                int n) {
        for (int j = 0; j < n; j++) {
            row[j] = ((row[j] + v0 * b0[j]) + v1 * b1[j]) + v2 * b2[j];
        }
    }

    /** Four of {@link #update1} in one pass, each element summed in the same order. */
    private static void update4(float[] row, float v0, float[] b0, float v1, float[] b1, float v2, float[] b2,
                                float v3, float[] b3, int n) {
        for (int j = 0; j < n; j++) {
            row[j] = (((row[j] + v0 * b0[j]) + v1 * b1[j]) + v2 * b2[j]) + v3 * b3[j];
        }
    }
}
