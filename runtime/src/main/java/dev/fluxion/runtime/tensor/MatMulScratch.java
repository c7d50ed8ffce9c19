package dev.fluxion.runtime.tensor;

/**
 * Buffers one thread reuses across {@link MatMul} calls (compressed rows of op(A), panels
 * and copied rows of op(B), scratch rows of C in each {@link Precision}), so a product
 * allocates nothing once warm.
 */
final class MatMulScratch {
    int[] start = new int[0];
    int[] end = new int[0];
    int[] idx = new int[0];
    double[] val = new double[0];
    private double[] panel = new double[0];

    /** The columns of B one block of {@link WideRows#copyColumns} copies. */
    final int[] columns = new int[WideRows.COLUMN_BLOCK];

    private byte[] state = new byte[0];
    private final DoubleRows doubles = new DoubleRows();
    private final FloatRows floats = new FloatRows();
    private int[] cursor = new int[0];
    private float[] floatPanel = new float[0];
    private float[] floatSums = new float[0];
    private double[] sums = new double[0];

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

    /** The panel, with room for k rows of {@code width} elements. */
    double[] panel(int k, int width) {
        long need = (long) k * width;
        if (panel.length < need) {
            panel = new double[Math.toIntExact(need)];
        }
        return panel;
    }

    /** The float panel of {@link VectorRows}, with room for k rows of {@code width} elements. */
    float[] floatPanel(int k, int width) {
        long need = (long) k * width;
        if (floatPanel.length < need) {
            floatPanel = new float[Math.toIntExact(need)];
        }
        return floatPanel;
    }

    /** The float sums of one block of a row of C in {@link VectorRows}. */
    float[] floatSums(int size) {
        if (floatSums.length < size) {
            floatSums = new float[size];
        }
        return floatSums;
    }

    /** The sums of {@link VectorNarrow}'s rows of C, one block of columns each. */
    double[] sums(int size) {
        if (sums.length < size) {
            sums = new double[size];
        }
        return sums;
    }

    /** A state per row of op(B), all 0 (users reset them). */
    byte[] state(int k) {
        if (state.length < k) {
            state = new byte[k];
        }
        return state;
    }

    /** The copied rows of op(B) and scratch rows of C of {@link WideRows}, in {@code precision}. */
    ScratchRows rows(Precision precision) {
        return precision == Precision.FLOAT32 ? floats : doubles;
    }

    int[] cursor(int count) {
        if (cursor.length < count) {
            cursor = new int[count];
        }
        return cursor;
    }
}
