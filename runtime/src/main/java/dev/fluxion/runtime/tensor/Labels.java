package dev.fluxion.runtime.tensor;

/**
 * Integer class labels, which models receive as doubles holding whole numbers. Generated
 * code checks each one here, so a bad label is a clear error rather than a wrong index.
 */
public final class Labels {

    private Labels() {
    }

    /**
     * The class index held in {@code v}.
     *
     * @param v a label as the model's input holds it
     * @param classes the number of classes
     * @return the class index
     * @throws IllegalArgumentException if {@code v} is not a whole number in [0, classes)
     */
    public static int label(double v, int classes) {
        int c = (int) v;
        if (c != v || c < 0 || c >= classes) {
            throw new IllegalArgumentException("label " + v + " is not a class index in [0, " + classes + ")");
        }
        return c;
    }
}
