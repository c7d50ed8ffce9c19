/**
 * Checks of a model before and while training: {@link dev.fluxion.runtime.check.ModelContract}
 * (the structural promises of the {@link dev.fluxion.runtime.model.Model} interface: names,
 * shapes and live buffers pair up) and {@link dev.fluxion.runtime.check.GradientCheck}
 * (the generated gradient against central finite differences of the loss, on seeded
 * samples of every parameter's coordinates, with a report of the largest relative error).
 *
 * <p>Guarantees: a gradient check restores the model's parameters exactly afterwards, and
 * the same seed checks the same coordinates.
 */
package dev.fluxion.runtime.check;
