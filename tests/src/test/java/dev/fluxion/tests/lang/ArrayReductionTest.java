package dev.fluxion.tests.lang;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Array parameters ({@code fn f(x[n])}, sizes bound when compiling), element indexing with
 * indices known at compile time, and the indexed reductions {@code sum prod max min}: checked
 * against the same function written out term by term by hand (bit for bit), and in every mode
 * against central differences.
 */
class ArrayReductionTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));
    private static final String ROSENBROCK = "fn rosenbrock(x[n]) {\n"
            + "  return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2)\n}\n";

    /** The same function written out, with inputs x0 ... x(n-1). */
    private static String rosenbrockByHand(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n - 1; i++) {
            sb.append(i == 0 ? "(" : " + (").append("(1 - x").append(i).append(")^2 + 100*(x").append(i + 1)
                    .append(" - x").append(i).append("^2)^2)");
        }
        return sb.toString();
    }

    private static double[] point(int n, long seed) {
        Random r = new Random(seed);
        return IntStream.range(0, n).mapToDouble(i -> -1.5 + 3 * r.nextDouble()).toArray();
    }

    /**
     * The sum (a loop from 17 terms on, {@code ir.LoopSum}) against the same function written
     * out and compiled to straight-line code: the value adds the terms in the same order, bit
     * for bit; the derivatives add the same partials in another order (to rounding).
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 17, 20, 40})
    void rosenbrockAsASumEqualsTheWrittenOutFunction(int n) {
        CompiledFunction f = FLUXION.compile(ROSENBROCK, ALL.withSize("n", n));
        List<String> vars = IntStream.range(0, n).mapToObj(i -> "x" + i).toList();
        CompiledFunction byHand = FLUXION.compile(rosenbrockByHand(n), ALL.withVariables(vars).withLoops(false));
        assertEquals(n, f.inputCount());
        assertEquals("x[0]", f.inputs().get(0));
        assertEquals("x[" + (n - 1) + "]", f.inputs().get(n - 1));
        assertEquals(n - 1 >= 16, f.compilation().rolling() != null, "a loop from 16 terms on");
        for (long seed = 1; seed <= 3; seed++) {
            double[] x = point(n, seed);
            assertEquals(byHand.value(x), f.value(x), 0.0, "value");
            assertClose(byHand.gradient(x), f.gradient(x), 1e-13, "reverse gradient");
            assertClose(byHand.gradient(Mode.FORWARD, x), f.gradient(Mode.FORWARD, x), 1e-13, "forward gradient");
            assertClose(byHand.hessian(x), f.hessian(x), 1e-13, "Hessian");
        }
    }

    @Test
    void everyModeAgreesWithFiniteDifferences() {
        String src = """
                fn mixed(x[n], A[2, n], s) {
                  q = sum(i in 0..1: sum(j in 0..n-1: A[i, j] * x[j]) ^ 2)
                  p = prod(k in 0..n-1: 1 + 0.1 * sin(x[k]))
                  m = max(k in 0..n-1: x[k] * s) - min(k in 1..n-1: A[0, k] + x[k - 1])
                  return q * p + m + s * x[n - 1]
                }
                """;
        CompiledFunction f = FLUXION.compile(src, ALL.withSize("n", 4));
        assertEquals(4 + 8 + 1, f.inputCount());
        assertEquals(List.of("x[0]", "x[1]", "x[2]", "x[3]", "A[0, 0]", "A[0, 1]"), f.inputs().subList(0, 6));
        assertEquals("s", f.inputs().get(12));
        double[] x = point(13, 7);
        double[] fd = FiniteDifferences.gradient(f::value, x);
        assertClose(fd, f.gradient(Mode.REVERSE, x), 1e-6, "reverse vs FD");
        assertClose(f.gradient(Mode.REVERSE, x), f.gradient(Mode.FORWARD, x), 1e-13, "forward vs reverse");
        double[][] h = f.hessian(x);
        assertClose(FiniteDifferences.jacobian(p -> f.gradient(Mode.REVERSE, p), x), h, 1e-5, "Hessian vs FD");
        // By hand at the same point, for the value.
        double[] xs = java.util.Arrays.copyOfRange(x, 0, 4);
        double s = x[12];
        double q = 0;
        for (int i = 0; i < 2; i++) {
            double dot = 0;
            for (int j = 0; j < 4; j++) {
                dot += x[4 + 4 * i + j] * xs[j];
            }
            q += dot * dot;
        }
        double p = 1;
        for (int k = 0; k < 4; k++) {
            p *= 1 + 0.1 * Math.sin(xs[k]);
        }
        double mx = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 4; k++) {
            mx = Math.max(mx, xs[k] * s);
        }
        double mn = Double.POSITIVE_INFINITY;
        for (int k = 1; k < 4; k++) {
            mn = Math.min(mn, x[4 + k] + xs[k - 1]);
        }
        assertEquals(q * p + mx - mn + s * xs[3], f.value(x), 1e-12);
    }

    @Test
    void longSumsBecomeLoopsSoTheCodeDoesNotGrowWithN() {
        // The table of input names grows with n; the computation does not.
        int small = code(FLUXION.compile(ROSENBROCK, Options.defaults().withSize("n", 50)).javaSource());
        int large = code(FLUXION.compile(ROSENBROCK, Options.defaults().withSize("n", 400)).javaSource());
        assertTrue(large < small * 1.1, "value and gradient source at n = 50: " + small + " chars, at n = 400: " + large);
    }

    private static int code(String javaSource) {
        return javaSource.lines().filter(l -> !l.contains("INPUT_NAMES =")).mapToInt(String::length).sum();
    }

    @Test
    void emptyRangesAndBoundsFromSizes() {
        CompiledFunction f = FLUXION.compile("fn e(x[n]) { return x[0] + sum(i in 1..n-1: x[i]) + prod(i in n..n-1: 7) }",
                ALL.withSize("n", 1));
        assertEquals(3.5 + 1.0, f.value(3.5));
        assertArrayEquals(new double[] {1.0}, f.gradient(3.5));
    }

    /** A partial printed as a program declares the arrays whole and parses back (fuzz findings of 18:07, 18:17). */
    @Test
    void aPartialOfAnArrayFunctionPrintsAsAProgramThatParsesBack() {
        String term = "sin(A[0, 1]*x)*exp(A[1, 0]*y)*tanh(A[0, 0]*A[1, 1]*x*y)"
                + " + cos(A[0, 1]*y)*exp(A[1, 1]*x)*sin(A[0, 0]*A[1, 0]*x*y + A[0, 1])";
        String src = "fn f(x, y, A[2, 2]) { return (" + term + ") * (" + term.replace("*x", "*(x + 1)") + ") }";
        CompiledFunction f = FLUXION.compile(src);
        double[] x = {0.3, -0.7, 0.5, 1.1, -0.4, 0.9};
        int programs = 0;
        for (String wrt : f.inputs()) {
            String d = f.derivative(wrt);
            boolean program = d.contains("return");
            programs += program ? 1 : 0;
            assertTrue(!program || d.contains("(x, y, A[2, 2])"), d);
            CompiledFunction back = FLUXION.compile(program ? d : "fn d(x, y, A[2, 2]) { return " + d + " }");
            assertEquals(f.inputs(), back.inputs());
            assertEquals(f.gradient(x)[f.inputs().indexOf(wrt)], back.value(x), 1e-14, d);
        }
        assertTrue(programs > 0, "some partial is long enough to print as a program");
        String fuzz = "fn f94(x, v[3]) { t0 = sign(v[2]) * x\n t1 = sin(sum(i0 in 0..2: t0))\n return t1 - t1 ^ tanh(t0) }";
        CompiledFunction g = FLUXION.compile(fuzz);
        String d = g.derivative("x");
        double[] p = {0.4, 1, -2, 3};
        String program = d.contains("return") ? d : "fn d(x, v[3]) { return " + d + " }";
        assertEquals(g.gradient(p)[0], FLUXION.compile(program).value(p), 1e-14, program);
    }

    @Test
    void errorsSayWhatWasExpectedWhere() {
        assertError("fn r(x[n]) { return x[0] }", Options.defaults(), "unknown size 'n'", "1:8");
        assertError(ROSENBROCK.replace("x[i+1]", "x[i+2]"), Options.defaults().withSize("n", 4),
                "index 4 is outside axis 0 of 'x' (0..3)", "2:");
        assertError("fn r(x[n], y) { return x[y] }", Options.defaults().withSize("n", 3),
                "an index must be a whole number known when the function is compiled", "1:26");
        assertError("fn r(x[n]) { return x[0.5] }", Options.defaults().withSize("n", 3), "whole number", "1:23");
        assertError("fn r(x[n]) { return sum(i in 0..n/2: x[i]) }", Options.defaults().withSize("n", 3),
                "the upper bound of 'sum' must be a whole number", "1:33");
        assertError("fn r(x[n]) { return max(i in 1..0: x[i]) }", Options.defaults().withSize("n", 3),
                "over the empty range 1..0 has no value", "1:30");
        // x read whole is a tensor (the tensor back end), and a function returns one number.
        assertError("fn r(x[n]) { return x * 2 }", Options.defaults().withSize("n", 3),
                "returns one number, and this has shape [3]", "1:21");
        assertError("fn r(A[2, n]) { return A[1] }", Options.defaults().withSize("n", 3), "needs 2 indices, got 1", "1:24");
        assertError("fn r(x[n], i) { return sum(i in 0..1: x[i]) }", Options.defaults().withSize("n", 3),
                "'i' is already defined", "1:28");
        assertError("fn r(x[n]) { return avg(i in 0..1: x[i]) }", Options.defaults().withSize("n", 3),
                "unknown reduction 'avg'", "1:21");
        assertError("fn r(x[n]) { return max(1, i in 0..1: x[i]) }", Options.defaults().withSize("n", 3),
                "is the one argument of a reduction", "1:28");
        assertError("fn r(x[n]) { return sum(i in 0..1: x[i], 2) }", Options.defaults().withSize("n", 3),
                "a reduction takes one range and its term", "1:42");
        assertError("fn r(x[n]) { return sum(i in 0..1: x[i] > 0) }", Options.defaults().withSize("n", 3),
                "must be numbers", "1:36");
    }

    private static void assertError(String src, Options options, String message, String position) {
        CompileException e = assertThrows(CompileException.class, () -> FLUXION.compile(src, options));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains(position), "position " + position + " in " + e.getMessage());
    }
}
