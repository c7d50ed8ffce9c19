package dev.fluxion.runtime.model;

import java.util.Arrays;

/**
 * A model on fixed data as a scalar function of one flat parameter vector θ: the model's
 * parameters one after another in declaration order, each row-major. This is the shape
 * general-purpose optimizers want (Hipparchus, L-BFGS, a line search):
 * <pre>{@code
 * FlatModel f = FlatModel.of(model, new double[][] {x, y}, n);
 * ObjectiveFunction value = new ObjectiveFunction(f::valueAt);
 * ObjectiveFunctionGradient gradient = new ObjectiveFunctionGradient(t -> f.gradientAt(t, new double[t.length]));
 * }</pre>
 *
 * <p>The last point is cached: evaluating at θ runs the forward pass and the backward
 * sweep once ({@link Model#lossAndGradient}) and keeps the loss and the gradient, so an
 * optimizer that asks for the value and then the gradient at the same θ (most do) pays for
 * one pass, not two. Points are compared by their bits. The price: a value-only call also
 * computes the gradient (about twice the cost of a forward pass alone), which pays off as
 * soon as one gradient in three evaluations is asked for at the same point.
 *
 * <p>Copies: evaluating at a new θ copies it into the model's parameter buffers (the model
 * computes from its own buffers) and keeps a copy to compare the next θ with; the gradient
 * is copied out of the model's buffers once per point. Nothing is allocated after
 * construction. After any call the model's buffers hold the last θ evaluated, so
 * {@code f.set(best)} followed by a save stores the optimum.
 *
 * <p>Not thread-safe, like the model. If the data arrays are changed in place, call
 * {@link #invalidate()}: the cache knows θ, not the data.
 */
public final class FlatModel {

    private final Model model;
    private final double[][] inputs;
    private final int batch;
    private final double[][] params;
    private final double[][] grads;
    private final int dimension;
    private final double[] point;
    private final double[] gradient;
    private boolean cached;
    private double loss;
    private long passes;

    private FlatModel(Model model, double[][] inputs, int batch) {
        this.model = model;
        this.inputs = inputs.clone();
        this.batch = batch;
        this.params = model.parameters();
        this.grads = model.gradients();
        long n = 0;
        for (double[] p : params) {
            n += p.length;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("model '" + model.name() + "' has " + n + " parameters, more than one array holds");
        }
        this.dimension = (int) n;
        this.point = new double[dimension];
        this.gradient = new double[dimension];
    }

    /**
     * The model's loss on one batch of data as a function of its flattened parameters.
     *
     * @param model the model (its parameter buffers are written by every evaluation)
     * @param inputs one buffer per model input, in the order of {@link Model#inputNames()}; kept, not copied
     * @param batch the number of examples in them
     * @return the view
     * @throws IllegalArgumentException if the number of input buffers is not the model's
     */
    public static FlatModel of(Model model, double[][] inputs, int batch) {
        if (inputs.length != model.inputNames().length) {
            throw new IllegalArgumentException("model '" + model.name() + "' has " + model.inputNames().length
                    + " inputs " + Arrays.toString(model.inputNames()) + ", got " + inputs.length + " buffers");
        }
        return new FlatModel(model, inputs, batch);
    }

    /**
     * The length of θ: the model's parameter count.
     *
     * @return the total number of parameter values
     */
    public int dimension() {
        return dimension;
    }

    /**
     * The model's current parameters, flattened into {@code theta}.
     *
     * @param theta receives {@link #dimension()} values
     * @return {@code theta}
     */
    public double[] get(double[] theta) {
        checkLength(theta, "theta");
        int at = 0;
        for (double[] p : params) {
            System.arraycopy(p, 0, theta, at, p.length);
            at += p.length;
        }
        return theta;
    }

    /**
     * The model's current parameters in a new flat array (a starting point for an optimizer).
     *
     * @return a new array of {@link #dimension()} values
     */
    public double[] get() {
        return get(new double[dimension]);
    }

    /**
     * Copies θ into the model's parameter buffers (to save or use the model at θ).
     *
     * @param theta {@link #dimension()} values
     */
    public void set(double[] theta) {
        checkLength(theta, "theta");
        int at = 0;
        for (double[] p : params) {
            System.arraycopy(theta, at, p, 0, p.length);
            at += p.length;
        }
        cached = false;
    }

    /**
     * The loss at θ, from the cache when θ is the last point evaluated.
     *
     * @param theta the parameters, not modified
     * @return the loss
     */
    public double valueAt(double[] theta) {
        evaluate(theta);
        return loss;
    }

    /**
     * The gradient of the loss at θ, written into {@code grad} and returned; from the cache
     * when θ is the last point evaluated.
     *
     * @param theta the parameters, not modified
     * @param grad receives {@link #dimension()} partial derivatives
     * @return {@code grad}
     */
    public double[] gradientAt(double[] theta, double[] grad) {
        checkLength(grad, "grad");
        evaluate(theta);
        System.arraycopy(gradient, 0, grad, 0, dimension);
        return grad;
    }

    /**
     * The loss at θ, and its gradient written into {@code grad}.
     *
     * @param theta the parameters, not modified
     * @param grad receives {@link #dimension()} partial derivatives
     * @return the loss
     */
    public double valueAndGradient(double[] theta, double[] grad) {
        gradientAt(theta, grad);
        return loss;
    }

    /**
     * How many times the model's forward and backward passes have run through this view:
     * one per distinct point evaluated.
     *
     * @return the number of {@link Model#lossAndGradient} calls made
     */
    public long passes() {
        return passes;
    }

    /** Forgets the cached point, after the data arrays were changed in place. */
    public void invalidate() {
        cached = false;
    }

    private void evaluate(double[] theta) {
        checkLength(theta, "theta");
        if (cached && sameBits(theta, point)) {
            return;
        }
        cached = false;
        set(theta);
        loss = model.lossAndGradient(inputs, batch);
        passes++;
        int at = 0;
        for (double[] g : grads) {
            System.arraycopy(g, 0, gradient, at, g.length);
            at += g.length;
        }
        System.arraycopy(theta, 0, point, 0, dimension);
        cached = true;
    }

    private static boolean sameBits(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                return false;
            }
        }
        return true;
    }

    private void checkLength(double[] v, String what) {
        if (v.length != dimension) {
            throw new IllegalArgumentException(what + " has " + v.length + " values, model '" + model.name()
                    + "' has " + dimension + " parameters");
        }
    }
}
