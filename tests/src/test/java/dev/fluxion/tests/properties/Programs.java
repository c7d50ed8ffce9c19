package dev.fluxion.tests.properties;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random programs: expression trees of bounded depth over the ops of the language and
 * inputs x, y, z. Ops with a restricted domain are applied to arguments that keep them
 * inside it (ln(1 + a^2), a / (1 + b^2), tan(sin a)), so every program is defined
 * everywhere; kinks of relu, abs, max and min can still be met, and the properties skip
 * the rare point where a finite difference straddles one.
 */
final class Programs {

    static final List<String> VARS = List.of("x", "y", "z");

    private static final List<String> UNARY = List.of(
            "sin(%s)", "cos(%s)", "tan(sin(%s))", "tanh(%s)", "exp(%s)", "ln(1 + (%s)^2)", "log(2 + sin(%s))",
            "sqrt(1 + (%s)^2)", "sigmoid(%s)", "softplus(%s)", "relu(%s)", "abs(%s)", "erf(%s)", "-(%s)",
            "(%s)^2", "(%s)^3", "2^(%s)", "-(%s)^2");

    private static final List<String> BINARY = List.of(
            "(%s) + (%s)", "(%s) - (%s)", "(%s) * (%s)", "(%s) / (1 + (%s)^2)", "max(%s, %s)", "min(%s, %s)",
            "pow(1 + (%s)^2, sin(%s))", "(%s) * 2.5 - (%s) / 4");

    private Programs() {
    }

    /** An expression of depth at most {@code depth}. */
    static Arbitrary<String> expr(int depth) {
        Arbitrary<String> leaf = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(VARS)),
                Tuple.of(1, Arbitraries.of("0.5", "2", "3", "pi", "1e-1")));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> sub = expr(depth - 1);
        Arbitrary<String> unary = Combinators.combine(Arbitraries.of(UNARY), sub).as(String::format);
        Arbitrary<String> binary = Combinators.combine(Arbitraries.of(BINARY), sub, sub)
                .as((f, a, b) -> String.format(f, a, b));
        return Arbitraries.frequencyOf(Tuple.of(1, leaf), Tuple.of(3, unary), Tuple.of(3, binary));
    }

    /** A point with each input in about [-2, 2], shifted off round numbers (which sit on kinks). */
    static Arbitrary<double[]> point() {
        return Arbitraries.doubles().between(-2, 2).ofScale(3).array(double[].class).ofSize(VARS.size())
                .map(p -> {
                    double[] q = p.clone();
                    for (int i = 0; i < q.length; i++) {
                        q[i] += 0.0123456789 * (i + 1);
                    }
                    return q;
                });
    }
}
