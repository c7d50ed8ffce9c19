/**
 * Parameter initializers: zeros, constants, uniform, normal, Xavier/Glorot, He and LeCun,
 * drawn from a seeded {@link dev.fluxion.runtime.random.Rng} so a training run starts
 * from the same weights every time.
 *
 * <p>Takes a model's declared initializer names ({@code "he_uniform"},
 * {@code "uniform(-0.1, 0.1)"}) and fills its live parameter buffers in place;
 * {@link dev.fluxion.runtime.init.Fans} states how fan-in and fan-out are read from a
 * shape. Guarantees: each parameter draws from its own stream, derived from the seed and
 * the parameter's name, so its initial values do not depend on the other parameters.
 */
package dev.fluxion.runtime.init;
