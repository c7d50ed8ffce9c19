/**
 * A seeded random source whose streams are the same on every run, JVM and platform.
 *
 * <p>Training is reproducible only if everything random in it is: the initial weights,
 * the order of minibatches, the coordinates a gradient check samples. All of those draw
 * from {@link dev.fluxion.runtime.random.Rng}, a SplitMix64 generator specified here bit
 * for bit, rather than from {@code java.util.Random} or {@code SplittableRandom}, whose
 * Gaussian algorithm changed between JDK releases.
 */
package dev.fluxion.runtime.random;
