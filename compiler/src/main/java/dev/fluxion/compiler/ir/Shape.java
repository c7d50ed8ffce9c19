package dev.fluxion.compiler.ir;

import java.util.List;

/**
 * The shape of a node's value: a list of dimensions, row-major. A scalar has rank 0.
 * Every node carries one from the first version of the IR, so tensors extend it rather
 * than retrofit it.
 */
public record Shape(List<Integer> dims) {

    /** The shape of a scalar. */
    public static final Shape SCALAR = new Shape(List.of());

    public Shape {
        dims = List.copyOf(dims);
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + dims);
            }
        }
    }

    /** A shape from its dimensions. */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(java.util.Arrays.stream(dims).boxed().toList());
    }

    public int rank() {
        return dims.size();
    }

    public boolean isScalar() {
        return dims.isEmpty();
    }

    /** Number of elements (1 for a scalar). */
    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return isScalar() ? "scalar" : dims.toString();
    }
}
