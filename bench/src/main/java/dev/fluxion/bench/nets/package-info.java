/**
 * The issue-3 benchmark: one MLP 784-128-10 training step on MNIST and the ADBench GMM
 * objective and gradient, each on the class Fluxion generates from a model text, and
 * the report that puts them beside the JAX and PyTorch peers of {@code shared/peers}
 * measured in the same run ({@code bench/run-nets.sh}).
 */
package dev.fluxion.bench.nets;
