package dev.fluxion.runtime.optim;

import dev.fluxion.runtime.model.Model;

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
     * One training step of {@code model}, the model whose buffers this optimizer is bound to:
     * its loss and gradient over the batch, then {@link #step()}. Optimizers may let the model
     * fuse the two ({@link Sgd} without momentum or weight decay calls
     * {@link Model#sgdStep}); the parameters end the same, bit for bit.
     *
     * @param model the model this optimizer was bound to
     * @param inputs one flat buffer per input, in the order of {@link Model#inputNames()}
     * @param batch the number of examples
     * @return the loss before the update
     */
    default double step(Model model, double[][] inputs, int batch) {
        double loss = model.lossAndGradient(inputs, batch);
        step();
        return loss;
    }

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
