/**
 * Tooling to compare {@code MnistCnn} with PyTorch step by step ({@link
 * dev.fluxion.examples.lockstep.CnnLockstep}, with {@code examples/tools/cnn_lockstep.py}):
 * the same initial weights, the same minibatches in the same order, float64 on both sides.
 * Not part of the examples' default test run; see examples/README.md.
 */
package dev.fluxion.examples.lockstep;
