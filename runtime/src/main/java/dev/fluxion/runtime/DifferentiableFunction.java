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

    /** The derivative methods a generated class can carry. */
    enum Capability { VALUE, GRADIENT, JVP, JACOBIAN, HESSIAN }

    /** Number of inputs, m. */
    int inputCount();

    /** Number of outputs, n. */
    int outputCount();

    /** Input names in order (a fresh copy). */
    String[] inputNames();

    /** Output names in order (a fresh copy). */
    String[] outputNames();

    /** Whether this class was generated with the given capability. */
    boolean supports(Capability capability);

    /** y = f(x). */
    void value(double[] x, double[] y);

    /**
     * Reverse mode, for a scalar function (n = 1): writes the gradient into {@code grad}
     * and returns f(x).
     */
    double gradient(double[] x, double[] grad);

    /** Reverse mode: y = f(x) and xbar = ybar^T J(x) (a vector-Jacobian product). */
    void vjp(double[] x, double[] ybar, double[] y, double[] xbar);

    /** Forward mode: y = f(x) and ydot = J(x) xdot (a Jacobian-vector product). */
    void jvp(double[] x, double[] xdot, double[] y, double[] ydot);

    /**
     * Forward mode, K directions at once: the primal is computed once and the K tangents
     * share it. {@code xdots} holds K rows of m, {@code ydots} receives K rows of n.
     */
    void jvpMany(double[] x, double[] xdots, int k, double[] y, double[] ydots);

    /** The Jacobian (n rows of m) by forward mode: one tangent sweep per input. */
    void jacobianForward(double[] x, double[] y, double[] jacobian);

    /** The Jacobian (n rows of m) by reverse mode: one adjoint sweep per output. */
    void jacobianReverse(double[] x, double[] y, double[] jacobian);

    /**
     * Hessian-vector product of a scalar function (forward over reverse):
     * hv = H(x) v; returns f(x).
     */
    double hessianVector(double[] x, double[] v, double[] hv);

    /** The Hessian (m rows of m) of a scalar function, forward over reverse; returns f(x). */
    double hessian(double[] x, double[] hessian);
}
