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

    /** How many times {@link #step()} has run. */
    long steps();

    /** The learning rate the next {@link #step()} will use. */
    double learningRate();

    /** The immutable description this optimizer was bound from. */
    OptimizerSpec spec();
}
