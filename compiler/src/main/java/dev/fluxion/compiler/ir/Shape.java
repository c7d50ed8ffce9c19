package dev.fluxion.compiler.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a node's value: a list of dimensions, row-major. A scalar has rank 0.
 * Every node carries one from the first version of the IR, so tensors extend it rather
 * than retrofit it.
 *
 * <p>A dimension may be the symbolic batch size {@link #BATCH} (written {@code B}), bound
 * only when a model is called; code generation turns it into the {@code batch} argument.
 * A shape without it is static and has a {@link #size()}; one with it has a
 * {@link #staticSize()} (the product of the other dimensions) and is {@link #bind bound}
 * to a concrete shape by the interpreter. B may appear more than once ({@code [B, B]}): the
 * shape then has {@code batch^}{@link #batchCount()}{@code  × staticSize()} elements.
 */
public record Shape(List<Integer> dims) {

    /** The shape of a scalar. */
    public static final Shape SCALAR = new Shape(List.of());

    /** The symbolic batch dimension B. */
    public static final int BATCH = -1;

    public Shape {
        dims = List.copyOf(dims);
        for (int d : dims) {
            if (d < BATCH) {
                throw new IllegalArgumentException("negative dimension in shape " + dims);
            }
        }
    }

    /** A shape from its dimensions ({@link #BATCH} for B). */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(java.util.Arrays.stream(dims).boxed().toList());
    }

    public int rank() {
        return dims.size();
    }

    public boolean isScalar() {
        return dims.isEmpty();
    }

    /** Dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return dims.get(axis < 0 ? axis + dims.size() : axis);
    }

    /** Whether a dimension is the symbolic batch size. */
    public boolean hasBatch() {
        return dims.contains(BATCH);
    }

    /**
     * How many dimensions are the batch size: a value of shape {@code [B, B]} (a Gram matrix
     * {@code h @ transpose(h)}) has {@code batch² × staticSize()} elements.
     */
    public int batchCount() {
        int k = 0;
        for (int d : dims) {
            if (d == BATCH) {
                k++;
            }
        }
        return k;
    }

    /** Number of elements (1 for a scalar); the shape must be static. */
    public long size() {
        if (hasBatch()) {
            throw new IllegalStateException("shape " + this + " has the symbolic batch dimension: bind it first");
        }
        return staticSize();
    }

    /** Product of the dimensions other than B. */
    public long staticSize() {
        long n = 1;
        for (int d : dims) {
            if (d != BATCH) {
                n *= d;
            }
        }
        return n;
    }

    /** This shape with B replaced by {@code batch}. */
    public Shape bind(int batch) {
        if (!hasBatch()) {
            return this;
        }
        List<Integer> out = new ArrayList<>(dims.size());
        for (int d : dims) {
            out.add(d == BATCH ? batch : d);
        }
        return new Shape(out);
    }

    /** An int array of the dimensions. */
    public int[] toArray() {
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The broadcast of two shapes by the usual rules: aligned at the end, a dimension of 1
     * stretches, missing leading dimensions count as 1.
     *
     * @throws IllegalArgumentException naming both shapes when they do not broadcast
     */
    public static Shape broadcast(Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        List<Integer> out = new ArrayList<>(rank);
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims.get(i - (rank - a.rank()));
            int db = i < rank - b.rank() ? 1 : b.dims.get(i - (rank - b.rank()));
            if (da == db || db == 1) {
                out.add(da);
            } else if (da == 1) {
                out.add(db);
            } else {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " do not broadcast");
            }
        }
        return new Shape(out);
    }

    @Override
    public String toString() {
        if (isScalar()) {
            return "scalar";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(dims.get(i) == BATCH ? "B" : String.valueOf(dims.get(i)));
        }
        return sb.append(']').toString();
    }
}
