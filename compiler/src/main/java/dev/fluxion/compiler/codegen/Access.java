package dev.fluxion.compiler.codegen;

/**
 * How a generated method reads an input port or writes an output port: element {@code j}
 * lives at {@code array[j * elementStride + d * loopStride]}, where {@code d} is the loop
 * index of a method that loops over directions (0 in one that does not). A unit read
 * gives the {@code d}-th unit vector without reading anything.
 */
public record Access(String array, int elementStride, int loopStride, boolean unit) {

    /** {@code array[j]}. */
    public static Access plain(String array) {
        return new Access(array, 1, 0, false);
    }

    /** {@code array[j * elementStride + d * loopStride]}. */
    public static Access strided(String array, int elementStride, int loopStride) {
        return new Access(array, elementStride, loopStride, false);
    }

    /** Element j is 1 when j == d, else 0: the d-th unit direction. */
    public static Access unitVector() {
        return new Access(null, 0, 0, true);
    }

    /** Whether the access depends on the loop index. */
    public boolean looped() {
        return unit || loopStride != 0;
    }
}
