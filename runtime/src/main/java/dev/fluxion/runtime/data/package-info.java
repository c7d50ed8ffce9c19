/**
 * Data for training: IDX (MNIST) and CSV loaders (plain or gzip), an immutable
 * {@link dev.fluxion.runtime.data.Dataset} of labelled examples with splits, normalization
 * fitted on the training split, one-hot helpers, and seeded shuffled
 * {@link dev.fluxion.runtime.data.Minibatches}.
 *
 * <p>Takes files or arrays; guarantees row-major flat {@code double[]} features (one row
 * per example), integer labels in [0, classCount), and minibatch buffers allocated once,
 * in the input layout a {@link dev.fluxion.runtime.model.Model} expects. Loaders detect
 * gzip by its magic bytes, not the file name, and report a malformed file with its
 * position.
 */
package dev.fluxion.runtime.data;
