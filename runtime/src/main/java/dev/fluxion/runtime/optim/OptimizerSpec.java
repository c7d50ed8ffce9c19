package dev.fluxion.runtime.optim;

import dev.fluxion.runtime.model.Model;

/**
 * An immutable description of an optimizer and its hyperparameters. It holds no state,
 * so one spec can start many training runs; {@link #bind} makes the stateful optimizer.
 */
public sealed interface OptimizerSpec permits Sgd, Adam {

    /**
     * An optimizer that updates {@code parameters[i]} from {@code gradients[i]}. The
     * arrays are kept (not copied): they must be the live buffers, and must not be
     * replaced afterwards, only written into. State buffers are allocated here, once.
     *
     * @param parameters the parameter buffers, updated in place by every step
     * @param gradients  the gradient buffers, one per parameter with the same length
     * @return a new optimizer with fresh state (step 0)
     * @throws IllegalArgumentException if the two lists differ in count or in any length
     */
    Optimizer bind(double[][] parameters, double[][] gradients);

    /**
     * Binds to a model's live parameter and gradient buffers.
     *
     * @param model the model to train
     * @return a new optimizer with fresh state
     */
    default Optimizer bind(Model model) {
        return bind(model.parameters(), model.gradients());
    }

    /**
     * The learning-rate schedule.
     *
     * @return the schedule every optimizer bound from this spec follows
     */
    LearningRateSchedule schedule();

    /**
     * A one-line description for logs, e.g. {@code sgd(lr=constant 0.1, momentum=0.9)}.
     *
     * @return the description
     */
    String describe();

    /**
     * Checks that parameters and gradients pair up, with a message naming the first
     * mismatch: a wrong pairing would otherwise train silently with wrong updates.
     *
     * @param parameters the parameter buffers
     * @param gradients  the gradient buffers
     * @throws NullPointerException if a list or a buffer is null
     * @throws IllegalArgumentException if the counts or a length differ, or a gradient is its parameter's own array
     */
    static void checkBuffers(double[][] parameters, double[][] gradients) {
        if (parameters == null || gradients == null) {
            throw new NullPointerException("parameters and gradients must not be null");
        }
        if (parameters.length != gradients.length) {
            throw new IllegalArgumentException(parameters.length + " parameter buffers but "
                    + gradients.length + " gradient buffers");
        }
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null || gradients[i] == null) {
                throw new NullPointerException("buffer " + i + " is null");
            }
            if (parameters[i].length != gradients[i].length) {
                throw new IllegalArgumentException("parameter " + i + " has " + parameters[i].length
                        + " elements but its gradient has " + gradients[i].length);
            }
            if (parameters[i] == gradients[i]) {
                throw new IllegalArgumentException("parameter " + i + " and its gradient are the same array");
            }
        }
    }
}
