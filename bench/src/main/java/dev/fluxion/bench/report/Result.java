package dev.fluxion.bench.report;

import java.util.Map;

/**
 * One JMH result, reduced to what the tables need: the benchmark class and method, its
 * parameters, the score and its 99.9% error in nanoseconds per operation, and the
 * settings it ran with.
 *
 * @param errorNanos half-width of JMH's confidence interval, NaN when there were too few iterations
 * @param settings   warm-up and measurement as JMH reports them, e.g. "3 x 400 ms warm-up, 4 x 400 ms"
 */
public record Result(String benchmarkClass, String method, Map<String, String> params, double nanos,
                     double errorNanos, String mode, String settings) {

    public Result {
        params = Map.copyOf(params);
    }

    /** The value of parameter {@code name}, or null. */
    public String param(String name) {
        return params.get(name);
    }
}
