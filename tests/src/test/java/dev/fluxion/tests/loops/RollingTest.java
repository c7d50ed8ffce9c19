package dev.fluxion.tests.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.jit.JavaCompiler;
import dev.fluxion.compiler.roll.Loop;
import dev.fluxion.compiler.roll.Rolling;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.ClassFiles;
import dev.fluxion.tests.support.Golden;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Re-rolling sums into loops ({@link Rolling}) changes how the value and the gradient are
 * computed, never what: for every program here the class with loops agrees with the
 * straight-line class (loops off) to rounding, in value, gradient, VJP and the reverse
 * Jacobian, and its other methods (straight-line, from the same class) still work. Each
 * case also states what must have been rolled: the number of loops, their trip counts and
 * sums, so a change that silently stops rolling fails here.
 */
class RollingTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ON = Options.defaults();
    private static final Options OFF = Options.defaults().withLoops(false);

    /** A program and what its rolling must look like: trip count and member count of each loop, in order. */
    record Case(String name, String source, List<int[]> loops, boolean early) {
    }

    static String sum(int from, int to, IntFunction<String> term) {
        return IntStream.range(from, to).mapToObj(term).collect(Collectors.joining(" + "));
    }

    static String rosenbrock(int n) {
        return sum(0, n - 1, i -> "(1 - x" + i + ")^2 + 100*(x" + (i + 1) + " - x" + i + "^2)^2");
    }

    /** A program of inputs x0 .. x(n-1), in that order, returning {@code body}. */
    static String fn(int n, String body) {
        return "fn f(" + IntStream.range(0, n).mapToObj(i -> "x" + i).collect(Collectors.joining(", ")) + ") {\n"
                + body + "\n}\n";
    }

    static final List<Case> CASES = List.of(
            new Case("rosenbrock n=40: two forms fused in one loop", rosenbrock(40), List.of(new int[] {39, 2}), false),
            new Case("an input read by every term (step 0)",
                    fn(31, "return " + sum(1, 31, i -> "(x" + i + " - x0)^2")), List.of(new int[] {30, 1}), false),
            new Case("subtracted terms",
                    fn(20, "return " + sum(0, 20, i -> "sin(x" + i + ") - cos(x" + i + ")")),
                    List.of(new int[] {20, 2}), false),
            new Case("a sum inside ln, whose adjoint needs the sum first",
                    fn(20, "return ln(1 + " + sum(0, 20, i -> "exp(x" + i + ")") + ")"), List.of(new int[] {20, 1}), true),
            new Case("a sum scaled by an input: the adjoint varies but needs no sum",
                    fn(21, "return x0 * (" + sum(1, 21, i -> "x" + i + "^2") + ") + x0"), List.of(new int[] {20, 1}), false),
            new Case("a sum used twice through a variable",
                    fn(20, "  s = " + sum(0, 20, i -> "x" + i + "^3") + "\n  return s*s + sin(s)"),
                    List.of(new int[] {20, 1}), true),
            new Case("stride two", fn(40, "return " + sum(0, 20, i -> "x" + (2 * i) + "*x" + (2 * i + 1))),
                    List.of(new int[] {20, 1}), false),
            new Case("two trip counts, two loops, and terms left over",
                    fn(30, "return " + sum(0, 20, i -> "x" + i + "^2") + " + " + sum(0, 30, i -> "tanh(x" + i + ")")
                            + " + x3*x4 + 5"),
                    List.of(new int[] {20, 1}, new int[] {30, 1}), false),
            new Case("terms in any order", fn(24, "return " + sum(0, 24, i -> "sigmoid(x" + ((i * 7) % 24) + ")")),
                    List.of(new int[] {24, 1}), false),
            new Case("one input read forwards, one backwards (step -1)",
                    fn(40, "return " + sum(0, 20, i -> "x" + i + "*sin(x" + (39 - i) + ")")),
                    List.of(new int[] {20, 1}), false),
            new Case("fifteen terms stay straight-line", fn(15, "return " + sum(0, 15, i -> "x" + i + "^2")), List.of(), false),
            new Case("a constant that steps with the term: c0[i] = 1 + i (x0 - 0 simplifies to another form)",
                    fn(20, "return " + sum(0, 20, i -> "(x" + i + " - " + i + ")^2")), List.of(new int[] {19, 1}), false),
            new Case("data: constants of every term read from a table",
                    fn(2, "return " + sum(0, 24, i -> "(x0*" + (0.37 * ((i * 7) % 11)) + " + x1 - "
                            + Math.sin(i) + ")^2")), List.of(new int[] {21, 1}), false),  // 0*x0 at i = 0, 11, 22
            new Case("powers with changing exponents",
                    fn(20, "return " + sum(0, 20, i -> "(1.5 + sin(x" + i + "))^" + (2.15 + 0.3 * ((i * 5) % 7)))),
                    List.of(new int[] {20, 1}), false),
            new Case("positions without a common step stay straight-line",
                    fn(400, "return " + sum(0, 20, i -> "x" + (i * i) + "^2")), List.of(), false));

    @TestFactory
    Stream<DynamicTest> loopsAgreeWithStraightLineCode() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) {
        Options all = EnumSet.allOf(Capability.class).stream().reduce(ON, Options::withCapability, (a, b) -> a);
        CompiledFunction rolled = FLUXION.compile(c.source(), all);
        CompiledFunction straight = FLUXION.compile(c.source(), OFF.withCapabilities(EnumSet.allOf(Capability.class)));
        assertNull(straight.compilation().rolling(), c.name() + ": loops off");
        Rolling r = rolled.compilation().rolling();
        if (c.loops().isEmpty()) {
            assertNull(r, c.name() + ": nothing to roll");
        } else {
            assertNotNull(r, c.name() + ": should be rolled");
            assertEquals(c.loops().size(), r.loops().size(), c.name() + ": loops " + r);
            for (int l = 0; l < c.loops().size(); l++) {
                Loop loop = r.loops().get(l);
                assertEquals(c.loops().get(l)[0], loop.count(), c.name() + ": trip count of loop " + l);
                assertEquals(c.loops().get(l)[1], loop.members().size(), c.name() + ": sums of loop " + l);
            }
            boolean anyEarly = false;
            for (boolean e : r.early()) {
                anyEarly |= e;
            }
            assertEquals(c.early(), anyEarly, c.name() + ": whether a loop's value must run before the seeds");
            assertTrue(rolled.javaSource().contains("for (int i = 0; i < " + c.loops().get(0)[0] + "; i++)"));
        }
        DifferentiableFunction f = rolled.generated();
        DifferentiableFunction g = straight.generated();
        int n = f.inputCount();
        Random random = new Random(c.name().hashCode());
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextDouble() * 1.6 - 0.8;
            }
            double[] y1 = new double[1];
            double[] y2 = new double[1];
            f.value(x, y1);
            g.value(x, y2);
            close(y2[0], y1[0], c.name() + " value");
            double[] g1 = new double[n];
            double[] g2 = new double[n];
            close(y2[0], f.gradient(x, g1), c.name() + " value returned by gradient");
            g.gradient(x, g2);
            for (int i = 0; i < n; i++) {
                close(g2[i], g1[i], c.name() + " d/dx" + i);
            }
            double[] xbar = new double[n];
            f.vjp(x, new double[] {-2.5}, new double[1], xbar);
            double[] jac = new double[n];
            f.jacobianReverse(x, new double[1], jac);
            double[] hv1 = new double[n];
            double[] hv2 = new double[n];
            double[] v = new double[n];
            v[trial % n] = 1;
            f.hessianVector(x, v, hv1);
            g.hessianVector(x, v, hv2);
            for (int i = 0; i < n; i++) {
                close(-2.5 * g2[i], xbar[i], c.name() + " vjp " + i);
                close(g2[i], jac[i], c.name() + " reverse Jacobian " + i);
                close(hv2[i], hv1[i], c.name() + " Hessian-vector " + i);
            }
        }
    }

    private static void close(double expected, double actual, String what) {
        double tol = 1e-12 * Math.max(1, Math.abs(expected));
        assertEquals(expected, actual, tol, what);
    }

    @Test
    void aLongSumCompilesToASmallClass() {
        // 10,000 terms: value and gradient are each one loop of 4,999 iterations, not 10,000 statements
        CompiledFunction f = FLUXION.compile(rosenbrock(5_000));
        assertEquals(1, f.compilation().rolling().loops().size());
        String code = f.javaSource().substring(f.javaSource().indexOf("public void value("));
        assertTrue(code.length() < 10_000, "methods of " + code.length() + " chars");
        double[] x = new double[5_000];
        java.util.Arrays.fill(x, 1.0);
        double[] g = f.gradient(x);
        for (double d : g) {
            assertEquals(0.0, d, 0.0, "the minimum at all ones");
        }
    }

    /**
     * The generated Java of a re-rolled sum is what a person reads: kept as a golden file
     * ({@code -Dfluxion.golden.update=true} rewrites it), and compiled by both compilers to
     * a class whose gradient is Rosenbrock's, written out by hand here.
     */
    @Test
    void generatedLoopsMatchTheGoldenFileAndCompileWithBothCompilers() throws Exception {
        String source = FLUXION.translate(rosenbrock(20), Options.defaults()).javaSource();
        Golden.check("loops/rosenbrock20.java", source);
        // least squares on 20 data points (t_k, y_k): constants of each term from tables
        String fit = "fn fit(a, b) {\n  return " + sum(0, 20, k -> "(a*exp(-" + (0.3 * k + 0.05) + "*b) - "
                + Math.round(1000 * Math.exp(-0.3 * (k + 1))) / 1000.0 + ")^2") + "\n}\n";
        String fitSource = FLUXION.translate(fit, Options.defaults()).javaSource();
        assertTrue(fitSource.contains("TERM_CONSTANTS_1[i]"), fitSource);
        Golden.check("loops/fit20.java", fitSource);
        double[] x = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = -1.2 + 0.5 * Math.sin(0.7 * i);
        }
        double[] expected = new double[20];
        double value = 0;
        for (int i = 0; i + 1 < 20; i++) {
            double a = 1 - x[i];
            double b = x[i + 1] - x[i] * x[i];
            value += a * a + 100 * b * b;
            expected[i] += -2 * a - 400 * b * x[i];
            expected[i + 1] += 200 * b;
        }
        for (JavaCompiler compiler : List.of(JavaCompiler.janino(), JavaCompiler.javaxTools())) {
            DifferentiableFunction f = (DifferentiableFunction) compiler
                    .compile("dev.fluxion.generated.Expression", source).getDeclaredConstructor().newInstance();
            double[] grad = new double[20];
            close(value, f.gradient(x, grad), compiler.name() + " value");
            for (int i = 0; i < 20; i++) {
                close(expected[i], grad[i], compiler.name() + " d/dx" + i);
            }
        }
    }

    /**
     * Terms sin(c_k x_i) for k < 280 and i < 16 + k: terms of one form reading one input
     * with 280 different constants make one loop per input (the constant a table), 280
     * loops of many different trip counts, more than one method may call: the value and
     * gradient call them through groups, so no method exceeds HotSpot's JIT limit.
     */
    @Test
    void manyLoopsAreCalledThroughGroupsWithinTheJitLimit() {
        int forms = 280;
        int n = 16 + forms;
        StringBuilder body = new StringBuilder();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.01 * ((i * 37) % 23 - 11);
        }
        double value = 0;
        double[] grad = new double[n];
        for (int k = 0; k < forms; k++) {
            double c = 1 + 0.5 * k;
            for (int i = 0; i < 16 + k; i++) {
                body.append(body.length() == 0 ? "" : " + ").append("sin(").append(c).append("*x").append(i).append(')');
                value += Math.sin(c * x[i]);
                grad[i] += c * Math.cos(c * x[i]);
            }
        }
        Compilation c = FLUXION.translate(fn(n, "return " + body), Options.defaults());
        assertTrue(c.rolling().loops().size() > 256, c.rolling().loops().size() + " loops");
        ClassFiles.Compiled compiled = ClassFiles.compile(c.javaSource());
        for (byte[] cls : compiled.classes().values()) {
            ClassFiles.methodCodeLengths(cls).forEach((method, bytes) ->
                    assertTrue(bytes <= ClassFiles.HUGE_METHOD_LIMIT, method + " has " + bytes + " bytes of bytecode"));
        }
        DifferentiableFunction f = (DifferentiableFunction) compiled.instantiate(c.qualifiedClassName());
        double[] y = new double[1];
        f.value(x, y);
        close(value, y[0], "value");
        double[] g = new double[n];
        close(value, f.gradient(x, g), "value from the gradient");
        for (int i = 0; i < n; i++) {
            close(grad[i], g[i], "d/dx" + i);
        }
    }
}
