package dev.fluxion.spark;

import dev.fluxion.runtime.model.Model;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;

/**
 * Where each model input comes from on the executors: a block of the examples (a batched input,
 * shape {@code [B, ...]}) or a fixed array shipped with the job (an input without the batch
 * dimension, such as the selector tensors of the general GMM program). Checked against the
 * model's shapes on the driver, before any job runs.
 */
final class InputPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    /** For every model input, the example block it reads, or -1 for a fixed input. */
    private final int[] blockOf;
    /** For every model input, its fixed value, or null for a batched input. */
    private final double[][] fixed;
    /** For every model input, values per example (batched inputs). */
    private final int[] widths;

    private InputPlan(int[] blockOf, double[][] fixed, int[] widths) {
        this.blockOf = blockOf;
        this.fixed = fixed;
        this.widths = widths;
    }

    /**
     * Matches the data's blocks and the fixed inputs to the model's inputs.
     *
     * @throws IllegalArgumentException naming the input that is missing, extra or of the wrong size
     */
    static InputPlan resolve(Model model, ExampleData data, Map<String, double[]> fixedInputs) {
        String[] names = model.inputNames();
        int[][] shapes = model.inputShapes();
        String[] blocks = data.inputNames();
        int[] blockWidths = data.widths();
        int[] blockOf = new int[names.length];
        double[][] fixed = new double[names.length][];
        int[] widths = new int[names.length];
        int used = 0;
        for (int i = 0; i < names.length; i++) {
            int[] shape = shapes[i];
            long per = 1;
            boolean batched = shape.length > 0 && shape[0] == -1;
            for (int a = batched ? 1 : 0; a < shape.length; a++) {
                per *= shape[a];
            }
            int b = Arrays.asList(blocks).indexOf(names[i]);
            if (batched) {
                if (b < 0) {
                    throw new IllegalArgumentException("model '" + model.name() + "' input '" + names[i] + "' "
                            + Arrays.toString(shape) + " is batched, but the data has no block for it (blocks "
                            + Arrays.toString(blocks) + ")");
                }
                if (blockWidths[b] != per) {
                    throw new IllegalArgumentException("input '" + names[i] + "' " + Arrays.toString(shape) + " takes "
                            + per + " values per example, the data has " + blockWidths[b]);
                }
                blockOf[i] = b;
                widths[i] = blockWidths[b];
                used++;
            } else {
                double[] value = fixedInputs.get(names[i]);
                if (value == null) {
                    throw new IllegalArgumentException("model '" + model.name() + "' input '" + names[i] + "' "
                            + Arrays.toString(shape) + " has no batch dimension: give it as a fixed input");
                }
                if (value.length != per) {
                    throw new IllegalArgumentException("fixed input '" + names[i] + "' " + Arrays.toString(shape)
                            + " takes " + per + " values, got " + value.length);
                }
                blockOf[i] = -1;
                fixed[i] = value.clone();
            }
        }
        if (used != blocks.length) {
            throw new IllegalArgumentException("the data has blocks " + Arrays.toString(blocks) + " but model '"
                    + model.name() + "' has batched inputs only among " + Arrays.toString(names));
        }
        for (String name : fixedInputs.keySet()) {
            if (!Arrays.asList(names).contains(name)) {
                throw new IllegalArgumentException("fixed input '" + name + "' is not an input of model '"
                        + model.name() + "' " + Arrays.toString(names));
            }
        }
        return new InputPlan(blockOf, fixed, widths);
    }

    /** The model's inputs for a part whose data blocks are {@code data}: the blocks and fixed arrays, in input order. */
    double[][] inputs(double[][] data) {
        double[][] in = new double[blockOf.length][];
        for (int i = 0; i < in.length; i++) {
            in[i] = blockOf[i] < 0 ? fixed[i] : data[blockOf[i]];
        }
        return in;
    }

    /** The model's inputs for a batch of {@code copies} copies of one example. */
    double[][] repeated(Example example, int copies) {
        double[][] blocks = new double[example.values().length][];
        for (int j = 0; j < blocks.length; j++) {
            double[] v = example.values()[j];
            blocks[j] = new double[v.length * copies];
            for (int c = 0; c < copies; c++) {
                System.arraycopy(v, 0, blocks[j], c * v.length, v.length);
            }
        }
        return inputs(blocks);
    }

    /** The model input index that reads example block {@code b}. */
    int inputOfBlock(int b) {
        for (int i = 0; i < blockOf.length; i++) {
            if (blockOf[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no input reads block " + b);
    }

    int width(int input) {
        return widths[input];
    }
}
