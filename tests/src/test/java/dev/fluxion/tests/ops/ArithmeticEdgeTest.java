package dev.fluxion.tests.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The derivative each op has at the edges of its domain (README, "Numbers and edges"): 0,
 * infinities, negative bases, 0^0, division by 0, the losing side of max and min. Each row
 * gives the exact gradient (and, where the second derivatives are defined, the Hessian) the
 * documentation promises, and every way of computing it must give exactly that: reverse and
 * forward gradients, both Jacobians, a JVP along every input (a one-hot direction: the other
 * inputs' tangents are zeros at run time), a VJP, and the Hessian and Hessian-vector
 * products (forward over reverse). The rows include issue 18's cases, where forward mode
 * answered NaN: a zero tangent met an infinite or NaN partial.
 */
class ArithmeticEdgeTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    static Stream<Arguments> edges() {
        return Stream.of(
                // 0^y: 0 for every y > 0, so d/dy = 0 (PyTorch: 0); d/dx = y·0^(y-1).
                row("pow(x, y)", "x,y", new double[] {0, 2}, new double[] {0, 0}, new double[][] {{2, 0}, {0, 0}}),
                row("x ^ y", "x,y", new double[] {0, 3}, new double[] {0, 0}, new double[][] {{0, 0}, {0, 0}}),
                row("pow(x, y)", "x,y", new double[] {0, 0.5}, new double[] {INF, 0}, null),
                // 0^0 = 1: d/dx = 0 (x^0 = 1 for every x; PyTorch: 0), d/dy = -Infinity (right-hand).
                row("pow(x, y)", "x,y", new double[] {0, 0}, new double[] {0, -INF}, null),
                // A negative base: d/dx = y·x^(y-1); x^y is undefined off the integers, so d/dy is NaN.
                row("pow(x, y)", "x,y", new double[] {-2, 3}, new double[] {12, NAN}, null),
                row("pow(t0, x)", "t0,x", new double[] {-1.954, -3}, new double[] {-3 * Math.pow(-1.954, -4), NAN}, null),
                row("x ^ 3", "x", new double[] {0}, new double[] {0}, new double[][] {{0}}),
                row("x ^ 0.5", "x", new double[] {0}, new double[] {INF}, null),
                row("x ^ 1.5", "x", new double[] {0}, new double[] {0}, new double[][] {{INF}}),
                // An input the function does not read has derivative exactly 0, whatever the rest does.
                row("pow(0, w) + y", "w,y,z", new double[] {1, 2, 3}, new double[] {0, 1, 0},
                        new double[][] {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}),
                row("pow(0, w) + y", "w,y,z", new double[] {0.5, 2, 3}, new double[] {0, 1, 0},
                        new double[][] {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}),
                // sqrt'(0) = +Infinity (PyTorch too); a factor that is zero there makes the product's derivative 0.
                row("sqrt(x) + y", "x,y", new double[] {0, 1}, new double[] {INF, 1}, null),
                row("y * sqrt(x)", "x,y", new double[] {0, 0}, new double[] {0, 0}, null),
                row("relu(sqrt(x) - 1)", "x", new double[] {0}, new double[] {0}, null),
                // ln'(0) = +Infinity; ln of a negative number is NaN, its derivative 1/x.
                row("ln(x) + y", "x,y", new double[] {0, 1}, new double[] {INF, 1}, null),
                row("ln(x)", "x", new double[] {-2}, new double[] {-0.5}, new double[][] {{-0.25}}),
                // Division by 0: d/dx = 1/0, d/dy = -(x/0)/0.
                row("x / y + z", "x,y,z", new double[] {1, 0, 2}, new double[] {INF, -INF, 1}, null),
                row("x / y + z", "x,y,z", new double[] {-1, 0, 2}, new double[] {INF, INF, 1}, null),
                // max and min select: the losing side gets exactly 0, whatever its partials are.
                row("max(1e999*y, x)", "y,x", new double[] {1, 2}, new double[] {INF, 0}, null),
                row("max(1e999*y, x)", "y,x", new double[] {-1, 2}, new double[] {0, 1}, new double[][] {{0, 0}, {0, 0}}),
                row("min(x, 1/y)", "x,y", new double[] {1, 0}, new double[] {1, 0}, new double[][] {{0, 0}, {0, 0}}),
                row("max(sqrt(x), y)", "x,y", new double[] {0, 1}, new double[] {0, 1}, new double[][] {{0, 0}, {0, 0}}),
                row("max(x, y)", "x,y", new double[] {1.5, 1.5}, new double[] {1, 0}, new double[][] {{0, 0}, {0, 0}}),
                // abs'(0) = 0, relu'(0) = 0.
                row("abs(x) + relu(y)", "x,y", new double[] {0, 0}, new double[] {0, 0}, new double[][] {{0, 0}, {0, 0}}),
                // Overflow: exp(1000) = Infinity, and its derivative; other inputs unaffected.
                row("exp(x) + y", "x,y", new double[] {1000, 1}, new double[] {INF, 1}, null),
                row("sigmoid(x) + tanh(y)", "x,y", new double[] {1000, -1000}, new double[] {0, 0},
                        new double[][] {{0, 0}, {0, 0}}));
    }

    private static Arguments row(String expr, String vars, double[] at, double[] gradient, double[][] hessian) {
        return Arguments.of(expr, vars.split(","), at, gradient, hessian);
    }

    @ParameterizedTest(name = "{0} at {2}")
    @MethodSource("edges")
    void everyModeGivesTheDocumentedDerivative(String expr, String[] vars, double[] x, double[] want, double[][] hessian) {
        CompiledFunction f = FLUXION.compile(expr, ALL.withVariables(vars));
        String at = expr + " at " + Arrays.toString(x);
        same(want, f.gradient(Mode.REVERSE, x), "reverse gradient, " + at);
        same(want, f.gradient(Mode.FORWARD, x), "forward gradient, " + at);
        same(want, f.jacobian(Mode.REVERSE, x)[0], "reverse Jacobian, " + at);
        same(want, f.jacobian(Mode.FORWARD, x)[0], "forward Jacobian, " + at);
        same(want, f.vjp(x, new double[] {1}), "VJP, " + at);
        for (int i = 0; i < x.length; i++) {
            double[] e = new double[x.length];
            e[i] = 1;
            same(new double[] {want[i]}, f.jvp(x, e), "JVP along " + vars[i] + ", " + at);
            same(new double[] {want[i]}, f.jvp(x, new double[][] {e})[0], "JVP of several directions along " + vars[i]
                    + ", " + at);
        }
        double[][] h = f.hessian(x);
        for (int i = 0; i < x.length; i++) {
            double[] e = new double[x.length];
            e[i] = 1;
            double[] hv = f.hessianVector(x, e);
            for (int k = 0; k < x.length; k++) {
                same(new double[] {h[i][k]}, new double[] {hv[k]}, "Hessian-vector product along " + vars[i] + ", " + at);
            }
        }
        if (hessian != null) {
            for (int i = 0; i < x.length; i++) {
                same(hessian[i], h[i], "Hessian row " + vars[i] + ", " + at);
            }
        }
    }

    /** Equal element by element: the same infinity, both NaN, or numbers within 1e-12 relative. */
    static void same(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            double w = want[i];
            double g = got[i];
            boolean ok = Double.isNaN(w) ? Double.isNaN(g)
                    : Double.isInfinite(w) ? w == g
                    : Math.abs(w - g) <= 1e-12 * Math.max(1, Math.abs(w));
            if (!ok) {
                fail(what + ": element " + i + " expected " + w + " but was " + g + " (" + Arrays.toString(got) + ")");
            }
        }
    }
}
