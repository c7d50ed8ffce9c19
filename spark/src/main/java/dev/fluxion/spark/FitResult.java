package dev.fluxion.spark;

/**
 * The outcome of a full-batch fit.
 *
 * @param x the last point, the parameters flattened in declaration order ({@link Flat#unflatten} puts them back)
 * @param value the objective there
 * @param iterations iterations run
 * @param values the objective after every iteration, from the starting point (iteration 0)
 * @param reason why the optimizer stopped, in its words
 */
public record FitResult(double[] x, double value, int iterations, double[] values, String reason) {
}
