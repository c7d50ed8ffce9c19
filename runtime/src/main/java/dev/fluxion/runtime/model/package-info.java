/**
 * The contract between generated model classes and the training runtime: a
 * {@link dev.fluxion.runtime.model.Model} exposes parameters, gradients, a loss and its
 * gradient over a batch, over flat row-major arrays.
 */
package dev.fluxion.runtime.model;
