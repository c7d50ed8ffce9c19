package dev.fluxion.compiler.ir;

import java.util.Arrays;

/**
 * A concrete tensor value of the reference interpreter: a static shape and its elements,
 * flat and row-major. Immutable: the constructor copies the data and {@link #data()}
 * returns a copy, so values can be shared freely between nodes.
 */
public final class Tensor {

    private final Shape shape;
    private final double[] data;

    public Tensor(Shape shape, double[] data) {
        if (shape.hasBatch()) {
            throw new IllegalArgumentException("a tensor value has a concrete shape, got " + shape);
        }
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " elements, got " + data.length);
        }
        this.shape = shape;
        this.data = data.clone();
    }

    /** A scalar. */
    public static Tensor scalar(double v) {
        return new Tensor(Shape.SCALAR, new double[] {v});
    }

    /** A tensor filled with {@code v}. */
    public static Tensor filled(Shape shape, double v) {
        double[] d = new double[(int) shape.size()];
        Arrays.fill(d, v);
        return new Tensor(shape, d);
    }

    public Shape shape() {
        return shape;
    }

    /** A copy of the elements. */
    public double[] data() {
        return data.clone();
    }

    /** Element {@code i} of the flat row-major data. */
    public double get(int i) {
        return data[i];
    }

    public int size() {
        return data.length;
    }

    /**
     * The tensor of shape {@code out} whose element at index (i0, i1, ...) is
     * {@code x}'s flat element Σ i_d·strides[d]: a broadcast (stride 0 along stretched axes)
     * or a transpose (permuted strides) by the same loop.
     */
    public static Tensor gather(Tensor x, Shape out, int[] strides) {
        int[] dims = out.toArray();
        int[] idx = new int[dims.length];
        double[] r = new double[(int) out.size()];
        for (int i = 0; i < r.length; i++) {
            int flat = 0;
            for (int d = 0; d < dims.length; d++) {
                flat += idx[d] * strides[d];
            }
            r[i] = x.get(flat);
            for (int d = dims.length - 1; d >= 0; d--) {
                if (++idx[d] < dims[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return new Tensor(out, r);
    }

    /** Row-major strides of a static shape. */
    public static int[] strides(Shape s) {
        int[] st = new int[s.rank()];
        int acc = 1;
        for (int i = s.rank() - 1; i >= 0; i--) {
            st[i] = acc;
            acc *= s.dim(i);
        }
        return st;
    }

    @Override
    public String toString() {
        return shape + Arrays.toString(data);
    }
}
