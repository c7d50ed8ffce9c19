package dev.fluxion.bench;

import java.util.List;

/**
 * One row of the conformance corpus, as far as the benchmark needs it: a name, the
 * expression, its input order and the point to evaluate at.
 */
public record CorpusFunction(String name, String expr, List<String> vars, double[] point) {

    public CorpusFunction {
        vars = List.copyOf(vars);
        point = point.clone();
        if (vars.size() != point.length) {
            throw new IllegalArgumentException(name + ": " + vars.size() + " variables but a point of "
                    + point.length);
        }
    }

    @Override
    public double[] point() {
        return point.clone();
    }
}
