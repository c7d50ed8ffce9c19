/**
 * The training loop: epochs of seeded minibatches, the model's loss and gradient, an
 * optimizer step, a progress display (epoch, step, loss, throughput), per-epoch test
 * loss and accuracy, and a {@link dev.fluxion.runtime.train.History} of the metrics.
 *
 * <p>Takes a {@link dev.fluxion.runtime.model.Model}, an
 * {@link dev.fluxion.runtime.optim.OptimizerSpec} and {@link dev.fluxion.runtime.data.Dataset}s;
 * guarantees that a run is a pure function of the model's initial parameters, the data,
 * the optimizer and the seed, and that a training step allocates nothing.
 */
package dev.fluxion.runtime.train;
