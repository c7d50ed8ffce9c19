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

    /**
     * The model's name as declared, for progress lines, plots and parameter files.
     *
     * @return the name after {@code model} in the program
     */
    String name();

    /**
     * The parameter names; every other per-parameter array uses the same order, so index i
     * means the same parameter everywhere.
     *
     * @return the names, in declaration order
     */
    String[] parameterNames();

    /**
     * The parameter shapes, so that initializers can compute fan-in and fan-out and
     * parameter files can check what they load.
     *
     * @return one shape per parameter (e.g. {@code [784, 128]}), in declaration order
     */
    int[][] parameterShapes();

    /**
     * The initializer declared for each parameter. The model does not initialize itself:
     * the runtime's initializers read this, so a run is reproducible from one seed.
     *
     * @return one initializer per parameter ({@code "zeros"}, {@code "he_uniform"},
     *         {@code "he_uniform(0.5)"}, ...), in declaration order
     */
    String[] parameterInitializers();

    /**
     * The parameter buffers themselves (not copies): optimizers update them in place, so a
     * training step allocates nothing.
     *
     * @return one flat row-major buffer per parameter, in declaration order
     */
    double[][] parameters();

    /**
     * The gradient buffers themselves (not copies), written by {@link #lossAndGradient}.
     *
     * @return one buffer per parameter, with the parameter's length, in declaration order
     */
    double[][] gradients();

    /**
     * The input names, features and labels, in the order {@code inputs} arrays use.
     *
     * @return the names, in declaration order
     */
    String[] inputNames();

    /**
     * The input shapes, so a trainer can match a data set to the inputs before the first
     * step and report a mismatch clearly.
     *
     * @return one shape per input, -1 standing for the batch dimension
     */
    int[][] inputShapes();

    /**
     * The loss over a batch, by the forward pass only (for evaluation on a test set).
     *
     * @param inputs one flat buffer per input, in the order of {@link #inputNames()}, each
     *               holding {@code batch} examples
     * @param batch the number of examples, the value of the batch dimension
     * @return the scalar loss
     */
    double loss(double[][] inputs, int batch);

    /**
     * The loss over a batch and, in the gradient buffers, its gradient with respect to
     * every parameter, by reverse mode: one forward pass and one backward sweep, however
     * many parameters there are. Gradients are overwritten, not accumulated.
     *
     * @param inputs one flat buffer per input, in the order of {@link #inputNames()}
     * @param batch the number of examples
     * @return the scalar loss
     */
    double lossAndGradient(double[][] inputs, int batch);

    /**
     * One step of plain SGD on a batch: the loss and its gradient as by {@link #lossAndGradient},
     * then {@code w ← w − η·∂loss/∂w} for every parameter, in place.
     *
     * <p>Generated models override this to update a parameter inside the product that computes
     * its gradient, when nothing after that product reads the parameter (W1 of an MLP: η times
     * xᵀ·g subtracted from W1 as each block of the product is summed): the gradient is then not
     * stored, and the rows of xᵀ·g that are zero (pixels that are zero in every image of the
     * batch) cost nothing. The parameters end the same, bit for bit, as after
     * {@link #lossAndGradient} and {@code w −= η·g}; the gradient buffers of the parameters
     * updated that way are not written, so read {@link #gradients()} after
     * {@link #lossAndGradient}, not after this.
     *
     * @param inputs one flat buffer per input, in the order of {@link #inputNames()}
     * @param batch the number of examples
     * @param learningRate η
     * @return the loss before the update
     */
    default double sgdStep(double[][] inputs, int batch, double learningRate) {
        double loss = lossAndGradient(inputs, batch);
        double[][] w = parameters();
        double[][] g = gradients();
        for (int p = 0; p < w.length; p++) {
            for (int i = 0; i < w[p].length; i++) {
                w[p][i] -= learningRate * g[p][i];
            }
        }
        return loss;
    }

    /**
     * The directional derivative of the loss, ⟨∇loss, v⟩ for the direction {@code v} in parameter
     * space, by forward mode: one pass that carries a tangent beside every value, with no
     * backward sweep and no gradient stored. A generated model has it when compiled with the
     * {@code JVP} or {@code HESSIAN} capability ({@code Options.withCapability}); others throw.
     *
     * @param inputs one flat buffer per input, in the order of {@link #inputNames()}
     * @param batch the number of examples
     * @param direction one buffer per parameter, in the order of {@link #parameterNames()}, each
     *                  as long as the parameter
     * @return the derivative of the loss along {@code direction}
     * @throws UnsupportedOperationException if the class was generated without forward mode
     */
    default double jvp(double[][] inputs, int batch, double[][] direction) {
        throw new UnsupportedOperationException(name() + " was generated without forward mode: compile it with "
                + "the JVP or HESSIAN capability (Options.withCapability)");
    }

    /**
     * The Hessian of the loss times a direction, H·v, by forward mode over the reverse-mode
     * gradient (about the cost of two gradients; the Hessian itself is never formed). The
     * gradient buffers are not changed. A generated model has it when compiled with the
     * {@code HESSIAN} capability; others throw.
     *
     * @param inputs one flat buffer per input, in the order of {@link #inputNames()}
     * @param batch the number of examples
     * @param direction one buffer per parameter, each as long as the parameter
     * @return new arrays, one per parameter: the rows of H·v that belong to it
     * @throws UnsupportedOperationException if the class was generated without second order
     */
    default double[][] hessianVector(double[][] inputs, int batch, double[][] direction) {
        throw new UnsupportedOperationException(name() + " was generated without second order: compile it with "
                + "the HESSIAN capability (Options.withCapability)");
    }

    /**
     * The named values of the model that can be read back with {@link #evaluate}, for
     * example the logits, from which accuracy is computed.
     *
     * @return the names
     */
    String[] outputNames();

    /**
     * Runs the forward pass and returns a copy of one named value for the batch.
     *
     * @param output one of {@link #outputNames()}
     * @param inputs one flat buffer per input, in the order of {@link #inputNames()}
     * @param batch the number of examples
     * @return a new flat row-major array with the value for every example
     */
    double[] evaluate(String output, double[][] inputs, int batch);
}
