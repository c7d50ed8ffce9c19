/**
 * The contract between generated model classes and the training runtime: a
 * {@link dev.fluxion.runtime.model.Model} exposes parameters, gradients, a loss and its
 * gradient over a batch, over flat row-major arrays. {@link dev.fluxion.runtime.model.FlatModel}
 * presents a model on fixed data as a scalar function of one flat parameter vector, with the
 * last point cached, for general-purpose optimizers.
 */
package dev.fluxion.runtime.model;
