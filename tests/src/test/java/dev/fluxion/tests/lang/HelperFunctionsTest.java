package dev.fluxion.tests.lang;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Entry;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.Pipeline;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.FiniteDifferences;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Helper functions: several {@code fn} in one file, calling each other, inlined where they
 * are called. A program written with helpers must be the program written out by hand: the
 * same IR (so the same generated Java, byte for byte), hence the same values and
 * derivatives, and those agree with central differences to first and second order in both
 * modes.
 */
class HelperFunctionsTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    /** Helpers calling helpers, a two-valued helper unpacked, a helper called twice. */
    static final String WITH_HELPERS = """
            # A square, a polar map and the Rosenbrock function, used by the entry main.
            fn sq(t) { return t*t }
            fn polar(r, t) {
              return (r*cos(t), r*sin(t))
            }
            fn rosen(a, b) {
              return (1 - a)^2 + 100*(b - sq(a))^2
            }
            fn main(x, y, z) {
              u, v = polar(x, y)
              return rosen(u, v) + sq(z) * rosen(z, x)
            }
            """;

    /** The same function with every call written out. */
    static final String BY_HAND = """
            fn main(x, y, z) {
              u = x*cos(y)
              v = x*sin(y)
              return (1 - u)^2 + 100*(v - u*u)^2 + z*z * ((1 - z)^2 + 100*(x - z*z)^2)
            }
            """;

    @Test
    void aProgramWithHelpersIsTheProgramWrittenOut() {
        Compilation helpers = FLUXION.translate(WITH_HELPERS, ALL);
        Compilation byHand = FLUXION.translate(BY_HAND, ALL);
        assertEquals(byHand.primal().graph().size(), helpers.primal().graph().size(), "nodes after simplification");
        assertEquals(byHand.javaSource(), helpers.javaSource(), "the generated class");
    }

    @Test
    void valuesAndDerivativesMatchByHandAndFiniteDifferences() {
        CompiledFunction f = FLUXION.compile(WITH_HELPERS, ALL);
        CompiledFunction g = FLUXION.compile(BY_HAND, ALL);
        assertEquals(List.of("x", "y", "z"), f.inputs());
        Random r = new Random(7);
        for (int k = 0; k < 5; k++) {
            double[] x = {r.nextDouble() * 2 - 1, r.nextDouble() * 3, r.nextDouble() * 2 - 1};
            assertEquals(g.value(x), f.value(x), 0.0, "value");
            double[] fd = FiniteDifferences.gradient(f::value, x);
            assertClose(fd, f.gradient(Mode.REVERSE, x), 1e-6, "reverse gradient vs central differences");
            assertClose(fd, f.gradient(Mode.FORWARD, x), 1e-6, "forward gradient vs central differences");
            assertClose(g.gradient(Mode.REVERSE, x), f.gradient(Mode.REVERSE, x), 1e-12, "reverse gradient vs by hand");
            double[][] h = f.hessian(x);
            assertClose(FiniteDifferences.jacobian(p -> f.gradient(Mode.REVERSE, p), x), h, 1e-6,
                    "Hessian vs differences of the gradient");
            assertClose(g.hessian(x), h, 1e-12, "Hessian vs by hand");
        }
    }

    @Test
    void aHelperCalledTwiceOnTheSameArgumentsIsComputedOnce() {
        Compilation twice = FLUXION.translate("fn sq(t) { return t*t }\nfn f(x) { return sq(sin(x)) + 3*sq(sin(x)) }", ALL);
        Compilation once = FLUXION.translate("fn f(x) { return sin(x)*sin(x) + 3*(sin(x)*sin(x)) }", ALL);
        assertEquals(once.parsed().graph().size(), twice.parsed().graph().size(), "hash-consing shares the inlined bodies");
    }

    @Test
    void entriesAreModelsAndFunctionsNoOtherCalls() {
        String file = WITH_HELPERS + """
                model m {
                  input x[B, 2]
                  param w[2]
                  loss = mean(sq(x @ w))
                }
                fn other(q) { return rosen(q, q) }
                """;
        assertEquals(List.of(new Entry("main", false), new Entry("m", true), new Entry("other", false)),
                Fluxion.entries(file));
        assertEquals(List.of(new Entry("main", false)), Fluxion.entries(WITH_HELPERS));
        assertEquals(List.of(), Fluxion.entries("x + y"));
        assertEquals(Pipeline.Kind.MODEL, FLUXION.translateEntry(file, Options.defaults().withEntry("m")).kind());
        assertEquals(Pipeline.Kind.FUNCTION, FLUXION.translateEntry(file, ALL.withEntry("main")).kind());
        CompileException e = assertThrows(CompileException.class, () -> FLUXION.compile(file));
        assertTrue(e.getMessage().contains("3 entries (main, m, other)"), e.getMessage());
        CompiledFunction other = FLUXION.compile(file, ALL.withEntry("other"));
        assertEquals(100 * Math.pow(2 - 4, 2) + 1, other.value(2), 1e-12);
    }

    @Test
    void aHelperCanBeCompiledOnItsOwn() {
        CompiledFunction sq = FLUXION.compile(WITH_HELPERS, ALL.withEntry("sq"));
        assertEquals(List.of("t"), sq.inputs());
        assertEquals(9.0, sq.value(3), 0.0);
        CompiledFunction polar = FLUXION.compile(WITH_HELPERS, ALL.withEntry("polar"));
        assertEquals(2, polar.outputs().size());
        assertClose(new double[] {2 * Math.cos(0.5), 2 * Math.sin(0.5)}, polar.values(2, 0.5), 1e-15, "polar");
    }

    @Test
    void aModelMayCallHelpersOnTensors() {
        String helpers = """
                fn act(z) { return tanh(z) + 0.1*z }
                fn pair(a, b) { return (a*b, a - b) }
                model m {
                  input x[B, 3]
                  label y[B] of 2
                  param W[3, 2] init uniform(-0.5, 0.5)
                  param c[2]
                  h = act(x @ W + c)
                  p, q = pair(h, h*h)
                  loss = mean(cross_entropy(p + q, y))
                }
                """;
        String byHand = """
                model m {
                  input x[B, 3]
                  label y[B] of 2
                  param W[3, 2] init uniform(-0.5, 0.5)
                  param c[2]
                  h = tanh(x @ W + c) + 0.1*(x @ W + c)
                  p = h*(h*h)
                  q = h - h*h
                  loss = mean(cross_entropy(p + q, y))
                }
                """;
        assertEquals(FLUXION.translateModel(byHand, Options.defaults()).javaSource(),
                FLUXION.translateModel(helpers, Options.defaults()).javaSource(), "the generated model class");
    }
}
