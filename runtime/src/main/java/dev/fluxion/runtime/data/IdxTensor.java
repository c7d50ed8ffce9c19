package dev.fluxion.runtime.data;

import java.util.Arrays;

/**
 * The content of an IDX file: a shape and its values, row-major, converted to double
 * whatever the stored type. Immutable: the accessors return copies.
 */
public final class IdxTensor {

    private final int[] shape;
    private final double[] values;
    private final IdxType type;

    IdxTensor(int[] shape, double[] values, IdxType type) {
        this.shape = shape;
        this.values = values;
        this.type = type;
    }

    /**
     * The dimensions as stored, e.g. [10000, 28, 28].
     *
     * @return a copy of the dimensions
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The values as doubles, row-major (a copy).
     *
     * @return a copy of the values
     */
    public double[] values() {
        return values.clone();
    }

    /**
     * The element type the file declared.
     *
     * @return the stored element type
     */
    public IdxType type() {
        return type;
    }

    /**
     * Number of values.
     *
     * @return the product of the dimensions
     */
    public int size() {
        return values.length;
    }

    /** The shared array, for this package only. */
    double[] backing() {
        return values;
    }

    @Override
    public String toString() {
        return "IdxTensor[" + type + " " + Arrays.toString(shape) + "]";
    }
}
