package dev.fluxion.compiler.codegen;

/**
 * How a generated method reads an input port or writes an output port: element {@code j}
 * lives at {@code array[offset + j * elementStride + d * loopStride]}, where {@code d} is
 * the loop index of a method that loops over directions (0 in one that does not). A unit
 * read gives the {@code d}-th unit vector without reading anything. An accumulating write
 * adds to the element ({@code +=}) instead of setting it, and skips elements that are the
 * constant 0.
 */
public record Access(String array, int offset, int elementStride, int loopStride, boolean unit, boolean accumulate,
                     int[] map) {

    /** An access without an index map. */
    public Access(String array, int offset, int elementStride, int loopStride, boolean unit, boolean accumulate) {
        this(array, offset, elementStride, loopStride, unit, accumulate, null);
    }

    /**
     * This access with element {@code j} at position {@code map[j]} instead of {@code j} (before
     * the offset and strides): a graph over some of a port's elements, the inputs a re-rolled
     * function's residual reads ({@code Rolling.inputs()}); null leaves it as it is.
     */
    public Access mapped(int[] indices) {
        return indices == null ? this : new Access(array, offset, elementStride, loopStride, unit, accumulate, indices);
    }

    /** The position of element {@code j} before the offset and strides. */
    public long position(int j) {
        return map == null ? j : map[j];
    }

    /** {@code array[j]}. */
    public static Access plain(String array) {
        return new Access(array, 0, 1, 0, false, false);
    }

    /** {@code array[j * elementStride + d * loopStride]}. */
    public static Access strided(String array, int elementStride, int loopStride) {
        return new Access(array, 0, elementStride, loopStride, false, false);
    }

    /** {@code array[offset + j]}. */
    public static Access at(String array, int offset) {
        return new Access(array, offset, 1, 0, false, false);
    }

    /** {@code array[j] += value}: a write that adds to what the array holds. */
    public static Access adding(String array) {
        return new Access(array, 0, 1, 0, false, true);
    }

    /**
     * {@code this.field[j]}: a field of the generated object (the array of a data parameter,
     * bound by {@code withData}), read the same way in every method.
     */
    public static Access field(String field) {
        return new Access("this." + field, 0, 1, 0, false, false);
    }

    /** Whether this reads a field of the object rather than a parameter of the method. */
    public boolean isField() {
        return array != null && array.startsWith("this.");
    }

    /** Element j is 1 when j == d, else 0: the d-th unit direction. */
    public static Access unitVector() {
        return new Access(null, 0, 0, 0, true, false);
    }

    /** Whether the access depends on the loop index. */
    public boolean looped() {
        return unit || loopStride != 0;
    }
}
