package dev.fluxion.runtime.io;

import dev.fluxion.runtime.model.Model;

import java.io.IOException;
import java.util.ArrayList;
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
    private final String[] types;

    /**
     * Checks that the three lists agree and each value array matches its shape.
     *
     * @param names distinct tensor names
     * @param shapes one shape per name
     * @param values one row-major array per name, sized by its shape
     * @throws IllegalArgumentException if the lists disagree, a name repeats or a size does not match
     */
    public Parameters(String[] names, int[][] shapes, double[][] values) {
        this(names, shapes, values, null, true);
    }

    private Parameters(String[] names, int[][] shapes, double[][] values, String[] types, boolean copy) {
        if (names.length != shapes.length || names.length != values.length) {
            throw new IllegalArgumentException(names.length + " names, " + shapes.length + " shapes and "
                    + values.length + " value arrays");
        }
        if (types != null && types.length != names.length) {
            throw new IllegalArgumentException(names.length + " names and " + types.length + " element types");
        }
        this.types = types == null ? null : types.clone();
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
            this.shapes[i] = copy ? shapes[i].clone() : shapes[i];
            this.values[i] = copy ? values[i].clone() : values[i];
        }
    }

    /**
     * Takes the arrays without copying them, for readers that have just built them and
     * keep no reference: a large model's values are not copied twice.
     */
    static Parameters adopt(String[] names, int[][] shapes, double[][] values) {
        return new Parameters(names, shapes, values, null, false);
    }

    /** As {@link #adopt(String[], int[][], double[][])}, recording how each tensor was stored in its file. */
    static Parameters adopt(String[] names, int[][] shapes, double[][] values, String[] types) {
        return new Parameters(names, shapes, values, types, false);
    }

    /**
     * The model's current parameters (copied, so later training does not change them).
     *
     * @param model the model
     * @return its names, shapes and values, in declaration order
     */
    public static Parameters of(Model model) {
        return new Parameters(model.parameterNames(), model.parameterShapes(), model.parameters());
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
     * How tensor {@code i} was stored in the file it was read from, before it was widened
     * to double: {@code float64}, {@code float32}, {@code float16} or {@code bfloat16}
     * ({@code float64} for tensors built in memory or read from a {@code .fxp} file).
     *
     * @param i the index
     * @return the element type's name
     */
    public String elementType(int i) {
        return types == null ? "float64" : types[i];
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

    /**
     * Copies these tensors into the model's live parameter buffers, after checking that they
     * are exactly the model's parameters (any order) with the model's shapes; otherwise
     * nothing is copied and the message lists every difference.
     *
     * @param model the model whose buffers receive the values
     * @param source names the file in messages
     * @throws IOException if the tensors do not fit the model
     */
    public void copyInto(Model model, String source) throws IOException {
        String[] modelNames = model.parameterNames();
        int[][] modelShapes = model.parameterShapes();
        double[][] buffers = model.parameters();
        List<String> problems = new ArrayList<>();
        int[] index = new int[modelNames.length];
        for (int i = 0; i < modelNames.length; i++) {
            index[i] = indexOf(modelNames[i]);
            if (index[i] < 0) {
                problems.add("parameter '" + modelNames[i] + "' " + Arrays.toString(modelShapes[i]) + " is missing from the file");
            } else if (!Arrays.equals(shapes[index[i]], modelShapes[i])) {
                problems.add("parameter '" + modelNames[i] + "' has shape " + Arrays.toString(shapes[index[i]])
                        + " in the file but " + Arrays.toString(modelShapes[i]) + " in model '" + model.name() + "'");
            } else if (buffers[i].length != values[index[i]].length) {
                problems.add("parameter '" + modelNames[i] + "': model buffer holds " + buffers[i].length
                        + " values, its shape " + Arrays.toString(modelShapes[i]) + " says " + values[index[i]].length);
            }
        }
        for (String name : names) {
            if (!Arrays.asList(modelNames).contains(name)) {
                problems.add("the file holds '" + name + "', which model '" + model.name() + "' does not declare");
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException(source + " does not fit model '" + model.name() + "':\n  " + String.join("\n  ", problems));
        }
        for (int i = 0; i < modelNames.length; i++) {
            System.arraycopy(values[index[i]], 0, buffers[i], 0, values[index[i]].length);
        }
    }

    double[] valuesView(int i) {
        return values[i];
    }

    int[] shapeView(int i) {
        return shapes[i];
    }

    /** The product of the dimensions (1 for a scalar); rejects negative dimensions and more than an array holds. */
    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, (long) d);
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more elements than a Java array holds");
            }
        }
        return n;
    }
}
