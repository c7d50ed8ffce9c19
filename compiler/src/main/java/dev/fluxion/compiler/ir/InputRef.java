package dev.fluxion.compiler.ir;

/**
 * The attribute of an input node: element {@code index} of input array {@code array} of
 * its graph. A graph has one or more input arrays (x; or x and a tangent direction; ...).
 */
public record InputRef(int array, int index) {
    public InputRef {
        if (array < 0 || index < 0) {
            throw new IllegalArgumentException("input reference must be >= 0: " + array + ", " + index);
        }
    }
}
