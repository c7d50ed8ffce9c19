package dev.fluxion.tests.lang;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.FiniteDifferences;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The conditional {@code if c then a else b}: only the chosen side reaches the value and the
 * derivatives, in every mode, so a side that is NaN or infinite where it is not chosen does not
 * leak (JAX's {@code where} gives NaN for the gradient of {@code sin(t)/t} at 0). Both sides and
 * the boundary are checked.
 */
class ConditionalTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    private static void allModes(CompiledFunction f, double[] x, double[] wantGrad, String what) {
        assertClose(wantGrad, f.gradient(Mode.REVERSE, x), 1e-12, "reverse gradient " + what);
        assertClose(wantGrad, f.gradient(Mode.FORWARD, x), 1e-12, "forward gradient " + what);
        double[] v = new double[x.length];
        java.util.Arrays.fill(v, 1.0);
        double jv = 0;
        for (double g : wantGrad) {
            jv += g;
        }
        assertClose(jv, f.jvp(x, v)[0], 1e-12, "JVP " + what);
        assertClose(wantGrad, f.vjp(x, new double[] {1.0}), 1e-12, "VJP " + what);
        double[][] h = f.hessian(x);
        for (double[] row : h) {
            for (double e : row) {
                assertTrue(Double.isFinite(e), "Hessian " + what + " has a non-finite entry: " + java.util.Arrays.deepToString(h));
            }
        }
    }

    @Test
    void sincIsFiniteAtZeroInEveryMode() {
        CompiledFunction f = FLUXION.compile("fn sinc(t) { return if t == 0 then 1 else sin(t)/t }", ALL);
        assertEquals(1.0, f.value(0.0));
        allModes(f, new double[] {0.0}, new double[] {0.0}, "at t = 0");
        assertEquals(0.0, f.hessian(0.0)[0][0], "the chosen side is the constant 1: no curvature");
        double t = 0.7;
        assertEquals(Math.sin(t) / t, f.value(t), 1e-15);
        double want = (t * Math.cos(t) - Math.sin(t)) / (t * t);
        allModes(f, new double[] {t}, new double[] {want}, "at t = 0.7");
        double[][] fdH = FiniteDifferences.jacobian(p -> f.gradient(Mode.REVERSE, p), new double[] {t});
        assertClose(fdH, f.hessian(t), 1e-6, "Hessian at 0.7 vs finite differences");
    }

    @Test
    void theUnchosenSideMayBeNanOrInfinite() {
        // sqrt(x) is NaN and 1/x infinite on the side not taken.
        CompiledFunction f = FLUXION.compile("fn g(x, y) { return if x > 0 then sqrt(x)*y + 1/x else y^2 }", ALL);
        allModes(f, new double[] {-4, 3}, new double[] {0, 6}, "at x < 0");
        assertEquals(9.0, f.value(-4, 3));
        allModes(f, new double[] {0, 3}, new double[] {0, 6}, "at the boundary x = 0 (else side)");
        double x = 4;
        double y = 3;
        allModes(f, new double[] {x, y}, new double[] {y / (2 * Math.sqrt(x)) - 1 / (x * x), Math.sqrt(x)},
                "at x > 0");
    }

    @Test
    void piecewiseFunctionBothSidesAndBoundary() {
        // Huber loss: quadratic inside |r| <= d, linear outside; continuous with a continuous derivative.
        CompiledFunction f = FLUXION.compile(
                "fn huber(r, d) { a = abs(r)\n return if a <= d then 0.5*r^2 else d*(a - 0.5*d) }", ALL);
        for (double r : new double[] {-3, -1, -0.5, 0.25, 0.999, 1.0, 1.001, 2.5}) {
            double[] x = {r, 1.0};
            if (Math.abs(Math.abs(r) - 1.0) > 0.01) {
                double[] fd = FiniteDifferences.gradient(f::value, x);
                assertClose(fd, f.gradient(Mode.REVERSE, x), 1e-6, "reverse vs FD at r = " + r);
            }
            assertClose(f.gradient(Mode.REVERSE, x), f.gradient(Mode.FORWARD, x), 1e-14, "forward vs reverse at r = " + r);
        }
        // At the boundary the chosen side is the quadratic one (a <= d).
        assertClose(new double[] {1.0, 0.0}, f.gradient(Mode.REVERSE, 1.0, 1.0), 1e-15, "boundary");
    }

    @Test
    void nestedConditionalsAndLogic() {
        CompiledFunction f = FLUXION.compile("""
                fn piece(x, y) {
                  inside = x > -1 and x < 1 and not (y == 0)
                  return if inside then x*y else if x >= 1 or y == 0 then x^2 else -x
                }""", ALL);
        assertEquals(0.25, f.value(0.5, 0.5));
        assertEquals(9.0, f.value(3, 0));
        assertEquals(0.25, f.value(0.5, 0));
        assertEquals(2.0, f.value(-2, 1));
        allModes(f, new double[] {0.5, 0.5}, new double[] {0.5, 0.5}, "inside");
        allModes(f, new double[] {3, 0}, new double[] {6, 0}, "x >= 1");
        allModes(f, new double[] {-2, 1}, new double[] {-1, 0}, "x <= -1");
    }

    @Test
    void printsBackAsSourceThatParses() {
        CompiledFunction f = FLUXION.compile("fn h(x, y) { return if x < y and not (x == 0) then x*y else y }", ALL);
        String d = f.derivative("x");
        CompiledFunction again = FLUXION.compile(d.contains("return") ? d : d, Options.defaults().withVariables(
                java.util.List.of("x", "y")));
        assertEquals(f.gradient(1.0, 2.0)[0], again.value(1.0, 2.0), 1e-15, d);
        assertEquals(f.gradient(3.0, 2.0)[0], again.value(3.0, 2.0), 1e-15, d);
    }

    /** A condition that folds to a constant leaves no constant where a condition is expected, so the partial parses back. */
    @Test
    void aConstantConditionFoldsAway() {
        CompiledFunction f = FLUXION.compile("(if 1 == 1 and y > 1 then 1 else x) / z",
                Options.defaults().withVariables(java.util.List.of("x", "y", "z")));
        String d = f.derivative("z");
        CompiledFunction again = FLUXION.compile(d, Options.defaults().withVariables(java.util.List.of("x", "y", "z")));
        assertEquals(f.gradient(0.5, 2.0, 4.0)[2], again.value(0.5, 2.0, 4.0), 1e-15, d);
        assertEquals(f.gradient(0.5, 0.0, 4.0)[2], again.value(0.5, 0.0, 4.0), 1e-15, d);
        CompiledFunction g = FLUXION.compile("if 1 == 2 or y > 1 then x else y",
                Options.defaults().withVariables(java.util.List.of("x", "y")));
        assertEquals("where(y > 1, 1, 0)", g.derivative("x"));
    }

    @Test
    void errorsSayWhatWasExpectedWhere() {
        CompileException e = assertThrows(CompileException.class,
                () -> FLUXION.compile("fn f(x) { return if x then 1 else 2 }"));
        assertTrue(e.getMessage().contains("expected a condition"), e.getMessage());
        assertTrue(e.getMessage().contains("1:21") || e.getMessage().contains("line 1"), e.getMessage());
        e = assertThrows(CompileException.class, () -> FLUXION.compile("fn f(x) { return (x > 0) * 2 }"));
        assertTrue(e.getMessage().contains("is used as a number"), e.getMessage());
        e = assertThrows(CompileException.class, () -> FLUXION.compile("fn f(x) { return x > 0 }"));
        assertTrue(e.getMessage().contains("returns numbers"), e.getMessage());
        e = assertThrows(CompileException.class, () -> FLUXION.compile("fn f(x) { return if x > 0 then x > 1 else x }"));
        assertTrue(e.getMessage().contains("both be numbers or both be conditions"), e.getMessage());
        e = assertThrows(CompileException.class, () -> FLUXION.compile("fn f(x) { return x < 1 < 2 }"));
        e = assertThrows(CompileException.class, () -> FLUXION.compileModel("""
                model m {
                  input x[B, 3]
                  param w[3]
                  h = if x > 0 then x else 0
                  loss = sum(h * w)
                }"""));
        assertTrue(e.getMessage().contains("must be a scalar") && e.getMessage().contains("where("), e.getMessage());
    }
}
