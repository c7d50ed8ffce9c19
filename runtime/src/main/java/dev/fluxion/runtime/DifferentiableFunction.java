package dev.fluxion.runtime;

/**
 * What every class that Fluxion generates implements: a function f: R^m -> R^n with
 * its derivatives, over flat {@code double[]} arrays.
 *
 * <p>Arrays are row-major. A Jacobian is n rows of m; a block of K directions is K rows
 * of m (or of n for results). Callers own every array; implementations never keep a
 * reference to one after returning.
 *
 * <p>Thread safety: generated classes hold no mutable state visible across calls (large
 * functions use a per-thread scratch buffer, see {@link Workspace}), so one instance may
 * be called from several threads at once.
 *
 * <p>Which derivatives a class supports is chosen when it is generated; a method that was
 * not generated throws {@link UnsupportedOperationException}. {@link #supports} tells.
 */
public interface DifferentiableFunction {

    /**
     * The derivative methods a generated class can carry. They are chosen at generation
     * time because each costs code: a function with thousands of operations should not
     * carry a Hessian nobody calls.
     */
    enum Capability {
        /** {@link #value}: always generated. */
        VALUE,
        /** {@link #gradient} and {@link #vjp}: reverse mode. */
        GRADIENT,
        /** {@link #jvp} and {@link #jvpMany}: forward mode. */
        JVP,
        /** {@link #jacobianForward} and {@link #jacobianReverse}. */
        JACOBIAN,
        /** {@link #hessian} and {@link #hessianVector}: forward over reverse, one output only. */
        HESSIAN
    }

    /**
     * The number of inputs.
     *
     * @return m, the length of every {@code x} and {@code xbar}
     */
    int inputCount();

    /**
     * The number of outputs.
     *
     * @return n, the length of every {@code y} and {@code ybar}
     */
    int outputCount();

    /**
     * The input names, as declared in the program.
     *
     * @return a fresh copy the caller may change, in the order of {@code x}
     */
    String[] inputNames();

    /**
     * The output names.
     *
     * @return a fresh copy the caller may change, in the order of {@code y}
     */
    String[] outputNames();

    /**
     * Whether this class was generated with a capability; the methods of a missing one
     * throw {@link UnsupportedOperationException}.
     *
     * @param capability the capability asked about
     * @return true if its methods compute
     */
    boolean supports(Capability capability);

    /**
     * Evaluates the function: {@code y = f(x)}.
     *
     * @param x the point, m values
     * @param y receives the n outputs
     * @throws IllegalArgumentException if an array has the wrong length
     */
    void value(double[] x, double[] y);

    /**
     * Reverse mode, for a scalar function (n = 1): one forward evaluation and one adjoint
     * sweep give every partial derivative, for about the cost of a few evaluations
     * whatever m is. This is the method training loops call.
     *
     * @param x the point, m values
     * @param grad receives the m partial derivatives
     * @return f(x), which the sweep computes anyway
     */
    double gradient(double[] x, double[] grad);

    /**
     * Reverse mode: {@code y = f(x)} and {@code xbar = ybarᵀ J(x)}, a vector-Jacobian
     * product, by one adjoint sweep seeded with {@code ybar}. With {@code ybar} the gradient
     * of a loss with respect to the outputs, {@code xbar} is its gradient with respect to
     * the inputs: the backward step of a layer.
     *
     * @param x the point, m values
     * @param ybar the output adjoints, n values
     * @param y receives f(x), n values
     * @param xbar receives the input adjoints, m values
     */
    void vjp(double[] x, double[] ybar, double[] y, double[] xbar);

    /**
     * Forward mode: {@code y = f(x)} and {@code ydot = J(x) xdot}, a Jacobian-vector product,
     * by one tangent pass seeded with {@code xdot}: the directional derivative of every
     * output, without forming J.
     *
     * @param x the point, m values
     * @param xdot the direction (input tangents), m values
     * @param y receives f(x), n values
     * @param ydot receives the output tangents, n values
     */
    void jvp(double[] x, double[] xdot, double[] y, double[] ydot);

    /**
     * Forward mode, K directions at once: the primal values and the local partials are
     * computed once and the K tangent passes share them, which is cheaper than K calls of
     * {@link #jvp}.
     *
     * @param x the point, m values
     * @param xdots K rows of m: the directions
     * @param k the number of directions, K (0 is allowed)
     * @param y receives f(x), n values
     * @param ydots receives K rows of n: row k is {@code J(x) xdots[k]}
     */
    void jvpMany(double[] x, double[] xdots, int k, double[] y, double[] ydots);

    /**
     * The full Jacobian by forward mode: one tangent pass per input, so the cheaper mode
     * when there are fewer inputs than outputs.
     *
     * @param x the point, m values
     * @param y receives f(x), n values
     * @param jacobian receives n rows of m; entry {@code j*m + i} is ∂y_j/∂x_i
     */
    void jacobianForward(double[] x, double[] y, double[] jacobian);

    /**
     * The full Jacobian by reverse mode: one adjoint sweep per output, so the cheaper mode
     * when there are fewer outputs than inputs.
     *
     * @param x the point, m values
     * @param y receives f(x), n values
     * @param jacobian receives n rows of m; entry {@code j*m + i} is ∂y_j/∂x_i
     */
    void jacobianReverse(double[] x, double[] y, double[] jacobian);

    /**
     * A Hessian-vector product of a scalar function, {@code hv = H(x) v}, by one tangent
     * pass through the gradient code (forward over reverse): a small multiple of the cost of
     * one gradient, without forming the m×m Hessian.
     *
     * @param x the point, m values
     * @param v the direction, m values
     * @param hv receives H(x) v, m values
     * @return f(x)
     */
    double hessianVector(double[] x, double[] v, double[] hv);

    /**
     * The Hessian of a scalar function, forward over reverse: m tangent passes through the
     * gradient code, one per column.
     *
     * @param x the point, m values
     * @param hessian receives m rows of m; entry {@code i*m + k} is ∂²f/∂x_i∂x_k
     * @return f(x)
     */
    double hessian(double[] x, double[] hessian);

    /**
     * The number of data parameters: inputs given when the function is called and never
     * differentiated ({@code X} and {@code y} in {@code fn nll(w[d], b; X[m, d], y[m])}).
     *
     * @return the number of data parameters, 0 for most functions
     */
    default int dataCount() {
        return 0;
    }

    /**
     * The data parameters' names, in declaration order.
     *
     * @return a new array of {@link #dataCount()} names
     */
    default String[] dataNames() {
        return new String[0];
    }

    /**
     * The number of elements of each data parameter (an array's elements row-major, 1 for a scalar).
     *
     * @return a new array of {@link #dataCount()} sizes
     */
    default int[] dataSizes() {
        return new int[0];
    }

    /**
     * This function with its data bound: a new object computing with {@code data}, one array per
     * data parameter in declaration order (row-major), which it keeps without copying: change an
     * array and the next call sees the change. The object it is called on is not changed; an
     * object whose data are not bound fails with a {@link NullPointerException} naming the field.
     *
     * @param data the arrays
     * @return the bound function
     * @throws IllegalArgumentException if the count or a length is wrong (naming the parameter)
     */
    default DifferentiableFunction withData(double[]... data) {
        Checks.data(data, dataNames(), dataSizes());
        return this;
    }

    /**
     * The value of a scalar function, returned: {@code f(x)}. Fits
     * {@code ToDoubleFunction<double[]>} and Hipparchus's {@code MultivariateFunction}:
     * <pre>{@code
     * ObjectiveFunction value = new ObjectiveFunction(f::valueAt);
     * ObjectiveFunctionGradient gradient = new ObjectiveFunctionGradient(x -> f.gradientAt(x, new double[x.length]));
     * }</pre>
     * Allocates nothing: the output passes through a one-element array kept per thread.
     *
     * @param x the point, m values
     * @return f(x)
     * @throws IllegalStateException if the function does not have exactly one output
     */
    default double valueAt(double[] x) {
        if (outputCount() != 1) {
            throw new IllegalStateException("valueAt needs a function with one output, this one has " + outputCount()
                    + " (" + String.join(", ", outputNames()) + "): call value(x, y)");
        }
        double[] y = ScalarSlot.get();
        value(x, y);
        return y[0];
    }

    /**
     * The gradient of a scalar function, written into {@code grad} and returned, so that it
     * fits a function that must return the gradient ({@code x -> f.gradientAt(x, g)}).
     * Allocates nothing; reverse mode, as {@link #gradient}.
     *
     * @param x the point, m values
     * @param grad receives the m partial derivatives
     * @return {@code grad}
     */
    default double[] gradientAt(double[] x, double[] grad) {
        gradient(x, grad);
        return grad;
    }

    /**
     * The value and the gradient of a scalar function in one sweep: {@link #gradient} under
     * the name optimizers use for it, which fits a {@code (x, grad) -> value} interface
     * ({@code ToDoubleBiFunction<double[], double[]>}, an L-BFGS callback). Allocates nothing.
     *
     * @param x the point, m values
     * @param grad receives the m partial derivatives
     * @return f(x)
     */
    default double valueAndGradient(double[] x, double[] grad) {
        return gradient(x, grad);
    }

    /**
     * The full Jacobian by the cheaper mode for its shape: forward (one tangent pass per
     * input) when there are no more inputs than outputs, as for the residuals of a
     * least-squares fit, else reverse. Generated classes with the JACOBIAN capability
     * override this with the mode chosen when they were generated.
     *
     * @param x the point, m values
     * @param y receives f(x), n values
     * @param jacobian receives n rows of m; entry {@code j*m + i} is ∂y_j/∂x_i
     */
    default void jacobian(double[] x, double[] y, double[] jacobian) {
        if (inputCount() <= outputCount()) {
            jacobianForward(x, y, jacobian);
        } else {
            jacobianReverse(x, y, jacobian);
        }
    }
}
