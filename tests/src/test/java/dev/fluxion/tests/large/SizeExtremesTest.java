package dev.fluxion.tests.large;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Item 5 of issue 18: size extremes are not slow where they need not be. For each family
 * of very large programs the fuzzer found slow (a sum of 100,000 terms, a function of
 * 10,000 inputs, a program of a megabyte), every call of the public API finishes within a
 * generous bound for a 2-core machine, including the calls that compile a second class on
 * first use (forward mode, JVP, the Hessian): those loop over the re-rolled sums as value
 * and gradient do, instead of compiling straight-line code that grows with the terms.
 * The results agree with reverse mode and with central differences.
 */
class SizeExtremesTest {

    /** Bound on compiling the program (parse, simplify, re-roll, emit, Janino). */
    private static final double COMPILE_SECONDS = 120;
    /**
     * Bound on every call, the first included (it may compile a class): generous by default,
     * for a shared machine; {@code -Dfluxion.size.seconds=3} checks the bound item 5 sets on
     * an idle 2-core machine (README, Testing).
     */
    private static final double CALL_SECONDS = Double.parseDouble(System.getProperty("fluxion.size.seconds", "30"));
    /**
     * Depth of the power tower and of the nested calls: 2,000 in the default run (cheap);
     * {@code -Dfluxion.size.depth=10000} for the depth of the issue (compiling the value and
     * the gradient then takes seconds).
     */
    private static final int DEPTH = Integer.getInteger("fluxion.size.depth", 2000);
    private static final double TOL = 1e-9;
    /** Central differences: step and tolerance relative to max(1, |exact|). */
    private static final double H = 1e-5;
    private static final double FD_TOL = 1e-5;

    /**
     * Σ_{k<100000} sin(c_k x_{k mod 100}) with c_k = 1 + 0.001 ⌊k/100⌋: a thousand runs of 100
     * terms, one loop each. ∂f/∂x_i = Σ_k c_k cos(c_k x_i) over the k with k mod 100 = i.
     */
    @Test
    void sumOf100000Terms() {
        int m = 100;
        StringBuilder sb = new StringBuilder();
        double[] x = point(m);
        double value = 0;
        double[] grad = new double[m];
        for (int k = 0; k < 100_000; k++) {
            double c = 1 + (k / 100) * 0.001;
            sb.append(k == 0 ? "" : " + ").append("sin(").append(c).append("*x").append(k % m).append(')');
            value += Math.sin(c * x[k % m]);
            grad[k % m] += c * Math.cos(c * x[k % m]);
        }
        check("sum of 100,000 terms", sb.toString(), x, value, grad, true);
    }

    /** The 10,000-dimensional Rosenbrock function: 9,999 terms of two forms over 10,000 inputs. */
    @Test
    void functionOf10000Inputs() {
        int m = 10_000;
        StringBuilder sb = new StringBuilder("fn rosenbrock(");
        for (int i = 0; i < m; i++) {
            sb.append(i == 0 ? "" : ", ").append('x').append(i);
        }
        sb.append(") {\n  return ");
        double[] x = point(m);
        double value = 0;
        double[] grad = new double[m];
        for (int i = 0; i + 1 < m; i++) {
            sb.append(i == 0 ? "" : " + ").append("100*(x").append(i + 1).append(" - x").append(i).append("^2)^2 + (1 - x")
                    .append(i).append(")^2");
            double a = x[i + 1] - x[i] * x[i];
            value += 100 * a * a + (1 - x[i]) * (1 - x[i]);
            grad[i] += -400 * a * x[i] - 2 * (1 - x[i]);
            grad[i + 1] += 200 * a;
        }
        sb.append("\n}\n");
        check("function of 10,000 inputs", sb.toString(), x, value, grad, false);
    }

    /**
     * A program of a megabyte: a least-squares fit of a·exp(-b·t_k) + c to 21,000 data points,
     * the data written out term by term (the times evenly spaced, the observations a table).
     */
    @Test
    void programOfOneMegabyte() {
        int points = 21_000;
        double[] p = {1.3, 0.7, 0.2};
        StringBuilder sb = new StringBuilder("fn fit(a, b, c) {\n  return ");
        double value = 0;
        double[] grad = new double[3];
        for (int k = 0; k < points; k++) {
            double t = 0.001 * k;
            double y = 1.25 * Math.exp(-0.75 * t) + 0.2 + 0.01 * Math.sin(7.0 * k);
            sb.append(k == 0 ? "" : " + ").append("(a*exp(-b*").append(t).append(") + c - ").append(y).append(")^2");
            double e = Math.exp(-p[1] * t);
            double r = p[0] * e + p[2] - y;
            value += r * r;
            grad[0] += 2 * r * e;
            grad[1] += -2 * r * p[0] * t * e;
            grad[2] += 2 * r;
        }
        sb.append("\n}\n");
        assertTrue(sb.length() > 1_000_000, sb.length() + " chars");
        check("program of a megabyte", sb.toString(), p, value, grad, true);
    }

    /**
     * 0.9^0.9^...^x + y, {@link #DEPTH} levels: no sum to re-roll, so every class is
     * straight-line, and the first-use classes (forward mode, the Hessian) carry their own
     * methods alone or run as graphs. s_{k+1} = 0.9^{s_k}: s' and s'' by the chain rule.
     */
    @Test
    void deepPowerTower() {
        double[] x = {0.6, 0.2};
        double s = x[0];
        double d1 = 1;
        double d2 = 0;
        double ln = Math.log(0.9);
        for (int k = 0; k < DEPTH; k++) {
            double t = Math.pow(0.9, s);
            double e1 = ln * t * d1;
            d2 = ln * (e1 * d1 + t * d2);
            d1 = e1;
            s = t;
        }
        deep("power tower of " + DEPTH, "0.9^".repeat(DEPTH) + "x + y", x, s + x[1], new double[] {d1, 1},
                new double[][] {{d2, 0}, {0, 0}});
    }

    /** sin(sin(...sin(x)...)) * y, {@link #DEPTH} deep: f = S(x)·y with S', S'' by the chain rule. */
    @Test
    void deepNestedCalls() {
        double[] x = {1.1, 0.7};
        double s = x[0];
        double d1 = 1;
        double d2 = 0;
        for (int k = 0; k < DEPTH; k++) {
            double c = Math.cos(s);
            d2 = -Math.sin(s) * d1 * d1 + c * d2;
            d1 = c * d1;
            s = Math.sin(s);
        }
        deep(DEPTH + " nested sin", "sin(".repeat(DEPTH) + "x" + ")".repeat(DEPTH) + " * y", x, s * x[1],
                new double[] {d1 * x[1], s}, new double[][] {{d2 * x[1], d1}, {d1, 0}});
    }

    private static void deep(String what, String source, double[] x, double value, double[] grad, double[][] hessian) {
        CompiledFunction f = timed(what, "compile", COMPILE_SECONDS, () -> Fluxion.create().compile(source));
        assertClose(value, timed(what, "value", CALL_SECONDS, () -> f.value(x)), TOL, what + ": value");
        assertClose(grad, timed(what, "gradient", CALL_SECONDS, () -> f.gradient(x)), TOL, what + ": reverse gradient");
        assertClose(grad, timed(what, "gradient (forward)", CALL_SECONDS, () -> f.gradient(Mode.FORWARD, x)), TOL,
                what + ": forward gradient");
        double[] v = {0.5, -0.25};
        double jv = grad[0] * v[0] + grad[1] * v[1];
        assertClose(jv, timed(what, "jvp", CALL_SECONDS, () -> f.jvp(x, v))[0], TOL, what + ": jvp");
        assertClose(grad, timed(what, "jacobian", CALL_SECONDS, () -> f.jacobian(Mode.FORWARD, x))[0], TOL,
                what + ": forward Jacobian");
        double[] hv = timed(what, "hessianVector", CALL_SECONDS, () -> f.hessianVector(x, v));
        double[][] h = timed(what, "hessian", CALL_SECONDS, () -> f.hessian(x));
        for (int i = 0; i < 2; i++) {
            assertClose(hessian[i], h[i], TOL, what + ": Hessian row " + i);
            assertClose(hessian[i][0] * v[0] + hessian[i][1] * v[1], hv[i], TOL, what + ": (H v)[" + i + "]");
        }
    }

    private static void check(String what, String source, double[] x, double value, double[] grad, boolean hessian) {
        int m = x.length;
        CompiledFunction f = timed(what, "compile", COMPILE_SECONDS, () -> Fluxion.create().compile(source));
        assertNotNull(f.compilation().rolling(), what + ": the sums should become loops");
        double scale = Math.max(1, Math.abs(value));
        assertClose(value / scale, timed(what, "value", CALL_SECONDS, () -> f.value(x)) / scale, TOL, what + ": value");
        double[] reverse = timed(what, "gradient", CALL_SECONDS, () -> f.gradient(x));
        assertClose(grad, reverse, TOL * scale, what + ": reverse gradient");
        double[] forward = timed(what, "gradient (forward)", CALL_SECONDS, () -> f.gradient(Mode.FORWARD, x));
        assertClose(reverse, forward, TOL * scale, what + ": forward gradient against reverse");
        for (int i : coordinates(m)) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += H;
            down[i] -= H;
            assertClose(reverse[i], (f.value(up) - f.value(down)) / (2 * H), FD_TOL * scale,
                    what + ": ∂f/∂x" + i + " against central differences");
        }
        double[] v = direction(m);
        double dot = 0;
        for (int i = 0; i < m; i++) {
            dot += reverse[i] * v[i];
        }
        assertClose(dot, timed(what, "jvp", CALL_SECONDS, () -> f.jvp(x, v))[0], TOL * scale, what + ": jvp = ∇f·v");
        double[] vjp = timed(what, "vjp", CALL_SECONDS, () -> f.vjp(x, new double[] {0.5}));
        for (int i = 0; i < m; i++) {
            assertClose(0.5 * reverse[i], vjp[i], TOL * scale, what + ": vjp[" + i + "]");
        }
        double[][] jacobian = timed(what, "jacobian", CALL_SECONDS, () -> f.jacobian(x));
        assertClose(reverse, jacobian[0], TOL * scale, what + ": jacobian");
        double[] hv = timed(what, "hessianVector", CALL_SECONDS, () -> f.hessianVector(x, v));
        double[] up = x.clone();
        double[] down = x.clone();
        for (int i = 0; i < m; i++) {
            up[i] += H * v[i];
            down[i] -= H * v[i];
        }
        double[] gUp = f.gradient(up);
        double[] gDown = f.gradient(down);
        for (int i : coordinates(m)) {
            assertClose((gUp[i] - gDown[i]) / (2 * H), hv[i], FD_TOL * scale,
                    what + ": (Hv)[" + i + "] against central differences of the gradient");
        }
        if (hessian) {
            double[][] h = timed(what, "hessian", CALL_SECONDS, () -> f.hessian(x));
            for (int i = 0; i < m; i++) {
                double row = 0;
                for (int k = 0; k < m; k++) {
                    row += h[i][k] * v[k];
                }
                assertClose(hv[i], row, TOL * scale, what + ": (H v)[" + i + "] from the Hessian");
            }
        }
    }

    /** Runs {@code call}, prints how long it took, and fails if it took longer than {@code seconds}. */
    private static <T> T timed(String what, String call, double seconds, Supplier<T> body) {
        long t0 = System.nanoTime();
        T result = body.get();
        double took = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s: %s in %.2f s%n", what, call, took);
        assertTrue(took <= seconds, what + ": " + call + " took " + took + " s, more than " + seconds + " s");
        return result;
    }

    /** A few coordinates spread over 0 .. m-1 to check against central differences. */
    private static int[] coordinates(int m) {
        return m <= 5 ? java.util.stream.IntStream.range(0, m).toArray() : new int[] {0, 1, m / 3, m / 2, m - 1};
    }

    private static double[] point(int m) {
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = 0.3 + 0.01 * ((i * 37) % 23);
        }
        return x;
    }

    private static double[] direction(int m) {
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = 0.5 - 0.1 * (i % 7);
        }
        return v;
    }
}
