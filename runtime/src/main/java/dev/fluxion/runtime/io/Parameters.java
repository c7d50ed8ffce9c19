package dev.fluxion.runtime.io;

import java.util.Arrays;
import java.util.List;

/**
 * Named tensors as read from or written to a parameter file: names, shapes and flat
 * row-major values, in one order. Immutable: the constructor copies, the accessors copy.
 */
public final class Parameters {

    private final String[] names;
    private final int[][] shapes;
    private final double[][] values;

    /**
     * Checks that the three lists agree and each value array matches its shape.
     *
     * @param names distinct tensor names
     * @param shapes one shape per name
     * @param values one row-major array per name, sized by its shape
     * @throws IllegalArgumentException if the lists disagree, a name repeats or a size does not match
     */
    public Parameters(String[] names, int[][] shapes, double[][] values) {
        if (names.length != shapes.length || names.length != values.length) {
            throw new IllegalArgumentException(names.length + " names, " + shapes.length + " shapes and "
                    + values.length + " value arrays");
        }
        this.names = names.clone();
        this.shapes = new int[shapes.length][];
        this.values = new double[values.length][];
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null || names[i].isEmpty()) {
                throw new IllegalArgumentException("parameter " + i + " has no name");
            }
            for (int j = 0; j < i; j++) {
                if (names[j].equals(names[i])) {
                    throw new IllegalArgumentException("parameter name '" + names[i] + "' appears twice");
                }
            }
            long n = elementCount(shapes[i]);
            if (n != values[i].length) {
                throw new IllegalArgumentException("parameter '" + names[i] + "' of shape "
                        + Arrays.toString(shapes[i]) + " needs " + n + " values, got " + values[i].length);
            }
            this.shapes[i] = shapes[i].clone();
            this.values[i] = values[i].clone();
        }
    }

    /**
     * How many tensors.
     *
     * @return the number of tensors
     */
    public int count() {
        return names.length;
    }

    /**
     * The names, in file order.
     *
     * @return an unmodifiable list
     */
    public List<String> names() {
        return List.of(names);
    }

    /**
     * The name of tensor {@code i}.
     *
     * @param i the index
     * @return the name
     */
    public String name(int i) {
        return names[i];
    }

    /**
     * The shape of tensor {@code i} (a copy).
     *
     * @param i the index
     * @return a copy of the shape
     */
    public int[] shape(int i) {
        return shapes[i].clone();
    }

    /**
     * The values of tensor {@code i} (a copy).
     *
     * @param i the index
     * @return a copy of the values
     */
    public double[] values(int i) {
        return values[i].clone();
    }

    /**
     * The index of {@code name}, or -1.
     *
     * @param name a tensor name
     * @return its index, or -1
     */
    public int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    double[] valuesView(int i) {
        return values[i];
    }

    int[] shapeView(int i) {
        return shapes[i];
    }

    /** The product of the dimensions (1 for a scalar); rejects negative dimensions. */
    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }
}
