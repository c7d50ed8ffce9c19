package dev.fluxion.runtime.tensor;

import java.util.Arrays;

/**
 * Buffers one thread reuses across {@link MatMul} calls (compressed rows of op(A), a panel
 * and copied rows of op(B), scratch rows of C), so a product allocates nothing once warm.
 */
final class MatMulScratch {
    int[] start = new int[0];
    int[] end = new int[0];
    int[] idx = new int[0];
    double[] val = new double[0];
    double[] panel = new double[0];

    /** The columns of B one block of {@link WideRows#copyColumns} copies. */
    final int[] columns = new int[WideRows.COLUMN_BLOCK];

    private byte[] state = new byte[0];
    private double[][] bRows = new double[0][];
    private double[][] cRows = new double[0][];
    private int[] cursor = new int[0];

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

    void reservePanel(int k) {
        long need = (long) k * NarrowRows.PANEL;
        if (panel.length < need) {
            panel = new double[Math.toIntExact(need)];
        }
    }

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
}
