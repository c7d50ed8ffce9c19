/**
 * Gradient checking: a model's generated gradient against central finite differences of
 * its loss, on seeded samples of every parameter's coordinates, with a report of the
 * largest relative error.
 *
 * <p>Takes a {@link dev.fluxion.runtime.model.Model} and one batch; guarantees the
 * model's parameters are restored exactly afterwards and that the same seed checks the
 * same coordinates.
 */
package dev.fluxion.runtime.check;
