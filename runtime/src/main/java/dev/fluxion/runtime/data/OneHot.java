package dev.fluxion.runtime.data;

/**
 * Between class labels and rows of per-class values: one-hot encoding, the arg-max of
 * logits, and accuracy. The {@code into} forms write into caller buffers and allocate
 * nothing, for use inside a training loop.
 */
public final class OneHot {

    private OneHot() {
    }

    /**
     * A fresh n × classes matrix with a 1 in column {@code labels[i]} of row i.
     *
     * @param labels class indices in [0, classes)
     * @param classes the number of classes
     * @return the one-hot rows
     */
    public static double[] encode(int[] labels, int classes) {
        double[] out = new double[labels.length * classes];
        encodeInto(labels, 0, labels.length, classes, out, 0);
        return out;
    }

    /**
     * Writes rows for {@code labels[from .. from+count)} into {@code out} starting at
     * {@code offset} (zeroing the rows first).
     *
     * @param labels class indices
     * @param from the first label
     * @param count how many
     * @param classes the number of classes
     * @param out the buffer written
     * @param offset where the first row starts in it
     */
    public static void encodeInto(int[] labels, int from, int count, int classes, double[] out, int offset) {
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive, got " + classes);
        }
        java.util.Arrays.fill(out, offset, offset + count * classes, 0.0);
        for (int i = 0; i < count; i++) {
            int c = labels[from + i];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("label " + c + " outside [0, " + classes + ")");
            }
            out[offset + i * classes + c] = 1.0;
        }
    }

    /**
     * The index of the largest value of each of {@code rows} rows (the first on a tie; NaN never wins).
     *
     * @param values rows × classes scores, row-major
     * @param rows the number of rows
     * @param classes the scores per row
     * @return the predicted class of each row
     */
    public static int[] argmax(double[] values, int rows, int classes) {
        int[] out = new int[rows];
        argmaxInto(values, rows, classes, out);
        return out;
    }

    /**
     * As {@link #argmax}, into {@code out}.
     *
     * @param values rows × classes scores
     * @param rows the number of rows
     * @param classes the scores per row
     * @param out receives one index per row
     */
    public static void argmaxInto(double[] values, int rows, int classes, int[] out) {
        if ((long) rows * classes > values.length) {
            throw new IllegalArgumentException(rows + " rows of " + classes + " need " + (long) rows * classes
                    + " values, got " + values.length);
        }
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double v = values[base + c];
                if (v > max) {
                    max = v;
                    best = c;
                }
            }
            out[r] = best;
        }
    }

    /**
     * How many of the {@code rows} rows of {@code logits} have their arg-max equal to the
     * label {@code labels[from + r]}.
     *
     * @param logits rows × classes scores
     * @param rows the number of rows
     * @param classes the scores per row
     * @param labels the true classes
     * @param from the label of row 0
     * @return the number of correct predictions
     */
    public static int countCorrect(double[] logits, int rows, int classes, int[] labels, int from) {
        if ((long) rows * classes > logits.length) {
            throw new IllegalArgumentException(rows + " rows of " + classes + " need " + (long) rows * classes
                    + " values, got " + logits.length);
        }
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double v = logits[base + c];
                if (v > max) {
                    max = v;
                    best = c;
                }
            }
            if (best == labels[from + r]) {
                correct++;
            }
        }
        return correct;
    }
}
