package dev.fluxion.runtime.model;

/**
 * What a generated model class implements: a network with named parameters, a scalar
 * loss over a batch, and its gradient with respect to every parameter.
 *
 * <p>All tensors are flat row-major {@code double[]} buffers. Parameters and gradients
 * are the model's own buffers, allocated once per instance and returned live (not
 * copied): an optimizer updates {@code parameters()[i]} in place and reads
 * {@code gradients()[i]}. Intermediate buffers are also allocated once per instance and
 * per batch size, so a training step allocates nothing after the first.
 *
 * <p>Inputs are given per call, in the order of {@link #inputNames()}: features as
 * doubles, integer class labels as doubles holding whole numbers. The batch dimension
 * (the symbolic {@code B} of the model's declaration) is bound by the {@code batch}
 * argument; {@link #inputShapes()} reports it as -1.
 *
 * <p>Not thread-safe: an instance owns its buffers; use one instance per thread.
 * Generated code compiles with Janino, so this interface uses arrays, not generics.
 */
public interface Model {

    /** The model's name as declared. */
    String name();

    /** Parameter names in declaration order. */
    String[] parameterNames();

    /** Parameter shapes, same order. */
    int[][] parameterShapes();

    /** Initializer of each parameter as declared ({@code "zeros"}, {@code "he_uniform"}, ...), same order. */
    String[] parameterInitializers();

    /** The live parameter buffers, same order. */
    double[][] parameters();

    /** The live gradient buffers, same order; written by {@link #lossAndGradient}. */
    double[][] gradients();

    /** Input names (features and labels) in declaration order. */
    String[] inputNames();

    /** Input shapes, -1 standing for the batch dimension. */
    int[][] inputShapes();

    /** The loss over a batch of {@code batch} examples. */
    double loss(double[][] inputs, int batch);

    /**
     * The loss over a batch and, in the gradient buffers, its gradient with respect to
     * every parameter (reverse mode; gradients are overwritten, not accumulated).
     */
    double lossAndGradient(double[][] inputs, int batch);

    /** Names of the intermediate values that can be read back with {@link #evaluate} (for example the logits). */
    String[] outputNames();

    /** Runs the forward pass and returns a copy of the named value for the batch. */
    double[] evaluate(String output, double[][] inputs, int batch);
}
