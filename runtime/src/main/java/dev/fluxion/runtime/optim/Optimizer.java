package dev.fluxion.runtime.optim;

/**
 * An optimizer bound to one set of parameter and gradient buffers, holding its state
 * (velocities, moments, the step count). Made by {@link OptimizerSpec#bind}.
 *
 * <p>Not thread-safe, like the model it updates.
 */
public interface Optimizer {

    /**
     * Updates every parameter in place from the current gradients. Allocates nothing;
     * the gradient buffers are read, never written.
     */
    void step();

    /**
     * How many times {@link #step()} has run: the step the schedule is at, and Adam's
     * bias-correction exponent.
     *
     * @return the number of updates so far
     */
    long steps();

    /**
     * The learning rate the next {@link #step()} will use, for progress lines and logs.
     *
     * @return the schedule's rate at {@link #steps()}
     */
    double learningRate();

    /**
     * The immutable description this optimizer was bound from, so a run can be described
     * or repeated.
     *
     * @return the spec
     */
    OptimizerSpec spec();
}
