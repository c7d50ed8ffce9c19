package dev.fluxion.tests.large;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.ClassFiles;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Item 6 of the issue: a sum of 100,000 terms, a product of 10,000 factors and 10,000
 * nested calls compile (no StackOverflowError anywhere, parser included), give the value
 * and the gradient of a closed form in both modes, and no generated method is longer
 * than HotSpot's 8,000-byte JIT limit (so none is left to the interpreter) or the JVM's
 * 64 KB limit. The bytecode is measured by reading the class files Janino produces.
 */
class LargeInputTest {

    private static final double TOL = 1e-9;
    /** Value, reverse gradient and forward gradient: what the test calls. */
    private static final Options CAPS = Options.defaults()
            .withCapabilities(EnumSet.of(Capability.VALUE, Capability.GRADIENT, Capability.JACOBIAN));

    /**
     * Σ_{k<100000} x_{k mod 100} · x_{⌊k/100⌋ mod 100} over 100 inputs: every ordered pair
     * appears ten times, so f = 10 (Σ x)² and ∂f/∂x_i = 20 Σ x.
     */
    @Test
    void sumOf100000Terms() {
        int m = 100;
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 100_000; k++) {
            sb.append(k == 0 ? "" : " + ").append('x').append(k % m).append("*x").append((k / m) % m);
        }
        double[] x = new double[m];
        double s = 0;
        for (int i = 0; i < m; i++) {
            x[i] = 0.01 * ((i * 37) % 23 - 11);
            s += x[i];
        }
        double[] grad = new double[m];
        java.util.Arrays.fill(grad, 20 * s);
        Compilation c = check("sum of 100,000 terms", sb.toString(), order("x", m), x, 10 * s * s, grad);
        // each ordered pair is one node read ten times: the copies are re-rolled layer by layer
        assertTrue(c.rolling() != null && c.javaSource().length() < 5_000_000,
                "the sum becomes loops (was 45 MB of straight-line Java): " + c.javaSource().length() + " chars");
    }

    /**
     * Σ_{k=1}^{34000} (x - k)²: 34,000 distinct constants, more than a class's constant
     * pool holds as double literals (65,535 slots, two per double), so the generated code
     * must not put every constant into one class. Value and reverse gradient only, to keep
     * the run short: the limit is per class, whatever the mode.
     */
    @Test
    void sumWith34000DistinctConstants() {
        int n = 34_000;
        StringBuilder sb = new StringBuilder();
        double x = 0.37;
        double value = 0;
        double grad = 0;
        for (int k = 1; k <= n; k++) {
            sb.append(k == 1 ? "" : " + ").append("(x - ").append(k).append(")^2");
            value += (x - k) * (x - k);
            grad += 2 * (x - k);
        }
        // straight-line, so that the constants really are 34,000 literals of one class
        check("sum with 34,000 distinct constants", sb.toString(), Options.defaults().withVariables("x").withLoops(false),
                new double[] {x}, value, new double[] {grad});
        // with loops (the default), the constants are 1 + i for i < 34,000 and the class is small
        check("sum with 34,000 distinct constants, as a loop", sb.toString(), Options.defaults().withVariables("x"),
                new double[] {x}, value, new double[] {grad});
    }

    /** x_0 · x_1 ⋯ x_9999 with every x_i near 1: ∂f/∂x_i = f / x_i. */
    @Test
    void productOf10000Factors() {
        int m = 10_000;
        StringBuilder sb = new StringBuilder();
        double[] x = new double[m];
        double p = 1;
        for (int i = 0; i < m; i++) {
            sb.append(i == 0 ? "" : "*").append('x').append(i);
            x[i] = 1 + 0.001 * ((i * 37) % 21 - 10);
            p *= x[i];
        }
        double[] grad = new double[m];
        for (int i = 0; i < m; i++) {
            grad[i] = p / x[i];
        }
        check("product of 10,000 factors", sb.toString(), order("x", m), x, p, grad);
    }

    /** sin(sin(⋯sin(x)⋯)), 10,000 deep: the derivative is the product of the cosines along the chain. */
    @Test
    void tenThousandNestedCalls() {
        int depth = 10_000;
        String source = "sin(".repeat(depth) + "x" + ")".repeat(depth);
        double s = 1.3;
        double d = 1;
        for (int i = 0; i < depth; i++) {
            d *= Math.cos(s);
            s = Math.sin(s);
        }
        check("10,000 nested sin", source, new String[] {"x"}, new double[] {1.3}, s, new double[] {d});
    }

    /** The public API on the deepest input too: compile, value, both gradients. */
    @Test
    void nestedCallsThroughTheFacade() {
        int depth = 10_000;
        CompiledFunction f = Fluxion.create().compile("tanh(".repeat(depth) + "x" + ")".repeat(depth));
        double s = 0.8;
        double d = 1;
        for (int i = 0; i < depth; i++) {
            double t = Math.tanh(s);
            d *= 1 - t * t;
            s = t;
        }
        assertClose(s, f.value(0.8), TOL, "value");
        assertClose(d, f.gradient(0.8)[0], TOL, "reverse derivative");
        assertClose(d, f.gradient(Mode.FORWARD, 0.8)[0], TOL, "forward derivative");
    }

    private static String[] order(String prefix, int m) {
        String[] names = new String[m];
        for (int i = 0; i < m; i++) {
            names[i] = prefix + i;
        }
        return names;
    }

    private static Compilation check(String what, String source, String[] vars, double[] x, double value, double[] grad) {
        return check(what, source, CAPS.withVariables(vars), x, value, grad);
    }

    private static Compilation check(String what, String source, Options options, double[] x, double value,
                                     double[] grad) {
        long t0 = System.nanoTime();
        Compilation c = Fluxion.create().translate(source, options);
        long t1 = System.nanoTime();
        System.out.printf("%s: translated in %.1f s to %,d chars of Java%n", what, (t1 - t0) / 1e9,
                c.javaSource().length());
        ClassFiles.Compiled compiled = ClassFiles.compile(c.javaSource());
        System.out.printf("%s: compiled by Janino in %.1f s%n", what, (System.nanoTime() - t1) / 1e9);

        DifferentiableFunction f = (DifferentiableFunction) compiled.instantiate(c.qualifiedClassName());
        assertEquals(x.length, f.inputCount());
        double[] y = new double[1];
        f.value(x, y);
        assertClose(value, y[0], TOL, what + ": value");
        double[] reverse = new double[x.length];
        assertClose(value, f.gradient(x, reverse), TOL, what + ": value from the gradient method");
        assertClose(grad, reverse, TOL, what + ": reverse gradient");
        if (f.supports(Capability.JACOBIAN)) {
            double[] forward = new double[x.length];
            f.jacobianForward(x, y, forward);
            assertClose(grad, forward, TOL, what + ": forward gradient");
        }

        Map<String, Integer> tooLong = new TreeMap<>();
        int methods = 0;
        for (Map.Entry<String, byte[]> cls : compiled.classes().entrySet()) {
            for (Map.Entry<String, Integer> m : ClassFiles.methodCodeLengths(cls.getValue()).entrySet()) {
                methods++;
                if (m.getValue() > ClassFiles.HUGE_METHOD_LIMIT) {
                    tooLong.put(cls.getKey() + "." + m.getKey(), m.getValue());
                }
            }
        }
        assertTrue(methods > 0, what + ": no methods read");
        assertTrue(tooLong.isEmpty(), what + ": methods over HotSpot's " + ClassFiles.HUGE_METHOD_LIMIT
                + "-byte JIT limit (bytes of bytecode): " + tooLong);
        return c;
    }
}
