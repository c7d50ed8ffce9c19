package dev.fluxion.spark;

/**
 * A differentiable objective of a flat parameter vector, what a full-batch optimizer on the
 * driver minimizes ({@link Lbfgs}). {@link DistributedObjective} computes one over a distributed
 * data set with a generated model; when the language's {@code fn} can declare data inputs, a
 * function over data plugs in here the same way (its parameters flattened, its data sums
 * aggregated by the same {@link Aggregation}).
 */
public interface Objective {

    /**
     * The number of parameters.
     *
     * @return the length of the vectors {@link #valueAndGradient} takes and fills
     */
    int dimension();

    /**
     * The objective at {@code x} and its gradient, written into {@code gradient}.
     *
     * @param x the parameters, not modified
     * @param gradient receives ∂f/∂x, the same length
     * @return f(x)
     */
    double valueAndGradient(double[] x, double[] gradient);
}
