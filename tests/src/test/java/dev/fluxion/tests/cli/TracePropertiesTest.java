package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.trace.Name;
import dev.fluxion.compiler.trace.Trace;
import dev.fluxion.compiler.trace.Tracer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random expressions, the trace's tangent and adjoint tables end with the gradient the
 * compiled class computes: the tables and the compiler read the same op table, and this
 * checks that the trace's own bookkeeping (symbols, consumer order, sums) loses nothing.
 */
class TracePropertiesTest {

    private static final Fluxion FLUXION = Fluxion.create();

    @Property(tries = 60)
    void tracesEndWithTheCompiledGradient(@ForAll("expressions") String expression) {
        CompiledFunction f = FLUXION.compile(expression);
        var parsed = f.compilation().parsed();
        double[] x = new double[f.inputCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.6 + 0.3 * i;
        }
        double[] g = f.gradient(x);
        for (int i = 0; i < x.length; i++) {
            Trace t = Tracer.trace(parsed, x, f.inputs().get(i), f.outputs().get(0));
            double tolerance = 1e-9 * Math.max(1, Math.abs(g[i]));
            String what = expression + " wrt " + f.inputs().get(i);
            assertEquals(g[i], t.valueOf(Name.output(Name.Role.TANGENT, "y")), tolerance, "tangent trace of " + what);
            for (int k = 0; k < x.length; k++) {
                assertEquals(g[k], t.valueOf(Name.input(Name.Role.ADJOINT, f.inputs().get(k))),
                        1e-9 * Math.max(1, Math.abs(g[k])), "adjoint trace of " + expression);
            }
        }
    }

    /** Expressions over x, y, z whose value and derivatives are finite on [0.6, 1.2]³. */
    @Provide
    Arbitrary<String> expressions() {
        return expression(4);
    }

    private static Arbitrary<String> expression(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                Arbitraries.of("x", "y", "z", "x", "y"),
                Arbitraries.integers().between(1, 5).map(String::valueOf));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> sub = Arbitraries.lazy(() -> expression(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, leaf),
                net.jqwik.api.Tuple.of(4, Combinators.combine(sub, Arbitraries.of("+", "-", "*"), sub)
                        .as((a, op, b) -> "(" + a + ")" + op + "(" + b + ")")),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub).as((a, b) -> "(" + a + ")/(2+sin(" + b + "))")),
                net.jqwik.api.Tuple.of(3, Combinators.combine(
                        Arbitraries.of("sin", "cos", "tanh", "sigmoid", "softplus", "erf"), sub)
                        .as((fn, a) -> fn + "(" + a + ")")),
                net.jqwik.api.Tuple.of(1, sub.map(a -> "ln(1+(" + a + ")^2)")),
                net.jqwik.api.Tuple.of(1, sub.map(a -> "sqrt(2+sin(" + a + "))")),
                net.jqwik.api.Tuple.of(1, sub.map(a -> "exp(sin(" + a + "))")),
                net.jqwik.api.Tuple.of(1, sub.map(a -> "(" + a + ")^2")));
    }
}
