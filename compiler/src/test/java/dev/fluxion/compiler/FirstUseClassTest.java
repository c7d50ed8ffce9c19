package dev.fluxion.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The class compiled on the first call that needs a capability the function's class lacks
 * ({@link Compilation#forFirstUse}) has that capability's methods alone, not the value and
 * the gradient again; above {@code SharedCode.OPERATIONS} operations it carries one copy of
 * the tangent code (jvpMany's, whose primal part runs once for all its directions: jvp and
 * jacobianForward call it; hessian calls hessianVector), and
 * above {@link GraphFunction#COMPILE_AT_MOST} its graphs run in the interpreter. Its numbers
 * are those of a class compiled with every capability up front.
 */
class FirstUseClassTest {

    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    @Test
    void theHessianClassHasTheHessianMethodsAlone() {
        Compilation c = Compilation.of("sin(x*y) + x^3/y", Options.defaults());
        String hessian = c.forFirstUse(Capability.HESSIAN).javaSource();
        assertTrue(hessian.contains("public double hessianVector("), hessian);
        assertTrue(hessian.contains("public double hessian("), hessian);
        assertTrue(hessian.contains("value was not generated for this class"), "value is not compiled again:\n" + hessian);
        assertTrue(hessian.contains("gradient was not generated for this class"), "nor the gradient:\n" + hessian);
        String forward = c.forFirstUse(Capability.JACOBIAN).javaSource();
        assertTrue(forward.contains("public void jvp("), forward);
        assertTrue(forward.contains("public void jacobianForward("), forward);
        assertTrue(forward.contains("value was not generated for this class"), forward);
        assertFalse(forward.contains("Reverse mode"), "no adjoint code in the forward class:\n" + forward);
    }

    @Test
    void firstUseClassesComputeWhatAClassWithEveryCapabilityComputes() {
        String program = "fn f(x, y, z) { return (sin(x*y) + x^3/y + sqrt(z), x*y*z, asin(tanh(exp(x*4)))) }";
        same(program, new double[] {0.43, 1.7, 0.9});
        same("sin(x*y) + x^3/y + asin(tanh(exp(x*4)))", new double[] {0.43, 1.7});
    }

    /** A chain of 350 steps: one copy of the tangent code per class. */
    @Test
    void aLargeChainHasOneCopyOfItsTangentCode() {
        StringBuilder sb = new StringBuilder("fn f(x, y) {\n  t0 = x*y\n");
        int n = 350;
        for (int i = 1; i < n; i++) {
            sb.append("  t").append(i).append(" = sin(t").append(i - 1).append(")*x + 0.5*y\n");
        }
        String program = sb.append("  return t").append(n - 1).append("\n}\n").toString();
        Compilation c = Compilation.of(program, Options.defaults());
        String forward = c.forFirstUse(Capability.JVP).javaSource();
        assertTrue(forward.contains(" jvpManyPart1("), "jvpMany carries the tangent code");
        assertTrue(forward.contains("by {@code jvpMany} with one direction"), "jvp calls jvpMany");
        assertTrue(forward.contains("{@code jvpMany} along the unit vectors"), "jacobianForward calls jvpMany");
        String hessian = c.forFirstUse(Capability.HESSIAN).javaSource();
        assertTrue(hessian.contains("one {@code hessianVector} per"), "hessian calls hessianVector");
        assertFalse(hessian.contains(" hessianPart1("), "no second copy of the Hessian-vector code");
        assertFalse(forward.contains(" jvpPart1(") || forward.contains(" jacobianForwardPart1("),
                "no second copy of the tangent code");
        assertFalse(GraphFunction.runs(c.forFirstUse(Capability.JVP)), "the forward class is compiled");
        assertTrue(GraphFunction.runs(c.forFirstUse(Capability.HESSIAN)), "the Hessian class is run as graphs");
        double[] x = {0.8, 0.3};
        CompiledFunction f = Fluxion.create().compile(program);
        CompiledFunction compiled = Fluxion.create().compile(program, ALL);
        double[] w = {0.7, -1.1};
        assertArrayEquals(compiled.hessianVector(x, w), f.hessianVector(x, w), 0.0,
                "the interpreted Hessian-vector product is the compiled one, bit for bit");
        double[][] hc = compiled.hessian(x);
        double[][] hi = f.hessian(x);
        for (int r = 0; r < 2; r++) {
            assertArrayEquals(hc[r], hi[r], 0.0, "interpreted Hessian row " + r);
        }
        double[][] dirs = {{0.7, -1.1}, {1, 0}, {0, 1}};
        double[][] many = f.jvp(x, dirs);
        double[][] jacobian = f.jacobian(Mode.FORWARD, x);
        for (int k = 0; k < dirs.length; k++) {
            assertArrayEquals(compiled.jvp(x, dirs[k]), many[k], 0.0, "jvpMany row " + k + " is the full class's jvp");
            assertArrayEquals(f.jvp(x, dirs[k]), many[k], 0.0, "jvpMany row " + k + " is jvp");
        }
        assertArrayEquals(new double[] {many[1][0], many[2][0]}, jacobian[0], 0.0, "jacobianForward's columns");
        double[] g = f.gradient(x);
        double[][] h = f.hessian(x);
        double step = 1e-6;
        for (int i = 0; i < 2; i++) {
            double[] e = new double[2];
            e[i] = 1;
            assertArrayEquals(h[i], f.hessianVector(x, e), 0.0, "hessian row " + i + " is hessianVector(e" + i + ")");
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += step;
            down[i] -= step;
            double[] gu = f.gradient(up);
            double[] gd = f.gradient(down);
            for (int k = 0; k < 2; k++) {
                assertEquals((gu[k] - gd[k]) / (2 * step), h[i][k], 1e-6 * Math.max(1, Math.abs(h[i][k])),
                        "H[" + i + "][" + k + "] against central differences of the gradient");
            }
        }
        assertEquals(h[0][1], h[1][0], 1e-9 * Math.max(1, Math.abs(h[0][1])), "symmetric");
        assertArrayEquals(g, f.gradient(Mode.FORWARD, x), 1e-9 * Math.max(1, Math.abs(g[0])), "forward gradient");
    }

    /**
     * A large function of 20 inputs and 2 outputs: jacobianForward passes the unit vectors to
     * jvpMany 16 at a time, then the last 4; each column is the jvp along its unit vector, bit
     * for bit, and the class's jvpMany over the 20 at once.
     */
    @Test
    void theForwardJacobianOfALargeFunctionTakesTheUnitVectorsInBlocks() {
        int m = 20;
        StringBuilder sb = new StringBuilder("fn f(x[20]) {\n  t0 = x[0]*x[1]\n");
        int steps = 350;
        for (int i = 1; i < steps; i++) {
            sb.append("  t").append(i).append(" = sin(t").append(i - 1).append(")*x[").append(i % m)
                    .append("] + 0.5*x[").append((7 * i) % m).append("]\n");
        }
        String program = sb.append("  return (t").append(steps - 1).append(", t").append(steps / 2).append(")\n}\n")
                .toString();
        Compilation c = Compilation.of(program, Options.defaults());
        assertTrue(c.forFirstUse(Capability.JVP).javaSource().contains("{@code jvpMany} along the unit vectors"));
        CompiledFunction f = Fluxion.create().compile(program);
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = 0.3 + 0.05 * i;
        }
        double[][] jacobian = f.jacobian(Mode.FORWARD, x);
        double[][] units = new double[m][m];
        for (int i = 0; i < m; i++) {
            units[i][i] = 1;
        }
        double[][] many = f.jvp(x, units);
        for (int i = 0; i < m; i++) {
            double[] column = f.jvp(x, units[i]);
            assertArrayEquals(column, many[i], 0.0, "jvpMany row " + i);
            assertArrayEquals(column, new double[] {jacobian[0][i], jacobian[1][i]}, 0.0, "column " + i);
        }
        double[][] reverse = f.jacobian(Mode.REVERSE, x);
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < m; i++) {
                assertEquals(reverse[r][i], jacobian[r][i], 1e-12 * Math.max(1, Math.abs(reverse[r][i])),
                        "J[" + r + "][" + i + "] against reverse mode");
            }
        }
    }

    /**
     * Two data bindings of one function share the classes compiled on first use, each with its
     * own data: the JVP and the Hessian of each binding are those of its data.
     */
    @Test
    void dataBindingsShareTheClassesCompiledOnFirstUseEachWithItsData() {
        CompiledFunction f = Fluxion.create().compile("fn f(w[2]; a[2]) { return sin(w[0]*a[0]) + w[1]^2*a[1] }");
        CompiledFunction one = f.withData(new double[] {1, 2});
        CompiledFunction two = f.withData(new double[] {0.5, -1});
        double[] w = {0.3, -0.7};
        double[] v = {1, 0.5};
        for (int round = 0; round < 2; round++) {
            for (double[] a : new double[][] {{1, 2}, {0.5, -1}}) {
                CompiledFunction b = a[0] == 1 ? one : two;
                double want = a[0] * Math.cos(w[0] * a[0]) * v[0] + 2 * w[1] * a[1] * v[1];
                assertEquals(want, b.jvp(w, v)[0], 1e-15, "jvp with a = " + a[0] + ", " + a[1]);
                double[][] h = b.hessian(w);
                assertEquals(-a[0] * a[0] * Math.sin(w[0] * a[0]), h[0][0], 1e-15, "H00 with a[0] = " + a[0]);
                assertEquals(2 * a[1], h[1][1], 1e-15, "H11 with a[1] = " + a[1]);
            }
        }
    }

    /**
     * Many outputs: the forward group's graphs exceed the limit, so both Jacobians of a
     * function the class was compiled for without them run as graphs (the reverse one from
     * the VJP graph, one sweep per output). Output k is sin((k+1)x) + y.
     */
    @Test
    void manyOutputsRunAsGraphsInBothModes() {
        int n = 1600;
        StringBuilder sb = new StringBuilder("fn f(x, y) {\n  return (");
        for (int k = 0; k < n; k++) {
            sb.append(k == 0 ? "" : ", ").append("sin(").append(k + 1).append("*x) + y");
        }
        String program = sb.append(")\n}\n").toString();
        CompiledFunction f = Fluxion.create().compile(program);
        assertTrue(GraphFunction.runs(f.compilation().forFirstUse(Capability.JACOBIAN)), "run as graphs");
        double[] x = {0.37, -0.2};
        double[][] forward = f.jacobian(Mode.FORWARD, x);
        double[][] reverse = f.jacobian(Mode.REVERSE, x);
        double[] v = {0.5, 2};
        double[] jv = f.jvp(x, v);
        double[][] many = f.jvp(x, new double[][] {v, {1, 0}});
        for (int k = 0; k < n; k++) {
            double dx = (k + 1) * Math.cos((k + 1) * x[0]);
            assertEquals(dx, forward[k][0], 1e-12 * (k + 1), "forward ∂y" + k + "/∂x");
            assertEquals(1.0, forward[k][1], 0.0, "forward ∂y" + k + "/∂y");
            assertArrayEquals(forward[k], reverse[k], 1e-12 * (k + 1), "reverse row " + k);
            assertEquals(dx * v[0] + v[1], jv[k], 1e-11 * (k + 1), "jvp[" + k + "]");
            assertEquals(jv[k], many[0][k], 0.0, "jvpMany row 0 is jvp");
            assertEquals(forward[k][0], many[1][k], 0.0, "jvpMany row 1 is the first column");
        }
    }

    /**
     * A program whose own class would exceed {@link GraphFunction#FIRST_CLASS_AT_MOST}
     * operations (9,000 steps of a chain: 108,000) runs as graphs from the start; its value is
     * the recurrence's, its gradient the central differences of its value in both modes.
     */
    @Test
    void aHugeStraightLineProgramRunsAsGraphsFromTheStart() {
        int n = 9000;
        StringBuilder sb = new StringBuilder("fn f(x, y) {\n  t0 = x*y\n");
        for (int i = 1; i < n; i++) {
            sb.append("  t").append(i).append(" = sin(t").append(i - 1).append(")*x + 0.5*y\n");
        }
        String program = sb.append("  return t").append(n - 1).append("\n}\n").toString();
        CompiledFunction f = Fluxion.create().compile(program);
        assertTrue(f.generated() instanceof GraphFunction, "run as graphs");
        double[] x = {0.8, 0.3};
        assertEquals(chain(n, x[0], x[1]), f.value(x), 0.0, "the value of the recurrence, the same operations in order");
        double[] g = f.gradient(x);
        assertArrayEquals(g, f.gradient(Mode.FORWARD, x), 1e-12, "forward gradient");
        double h = 1e-6;
        assertEquals((chain(n, x[0] + h, x[1]) - chain(n, x[0] - h, x[1])) / (2 * h), g[0], 1e-6, "∂f/∂x");
        assertEquals((chain(n, x[0], x[1] + h) - chain(n, x[0], x[1] - h)) / (2 * h), g[1], 1e-6, "∂f/∂y");
        // with every capability up front (fuzz finding: the reverse Jacobian of one output threw)
        CompiledFunction all = Fluxion.create().compile(program, ALL);
        assertTrue(all.generated() instanceof GraphFunction, "run as graphs");
        assertArrayEquals(g, all.jacobian(Mode.REVERSE, x)[0], 0.0, "reverse Jacobian = gradient");
        double[] y = new double[1];
        double[] jac = new double[2];
        all.generated().jacobianReverse(x, y, jac);
        assertArrayEquals(g, jac, 0.0, "jacobianReverse of the graphs");
        assertEquals(f.value(x), y[0], 0.0, "its value");
    }

    private static double chain(int n, double x, double y) {
        double t = x * y;
        for (int i = 1; i < n; i++) {
            t = Math.sin(t) * x + 0.5 * y;
        }
        return t;
    }

    /** Every method through first-use classes equals (bit for bit) the class compiled with every capability. */
    private static void same(String program, double[] x) {
        Fluxion fluxion = Fluxion.create();
        CompiledFunction lazy = fluxion.compile(program);
        CompiledFunction full = fluxion.compile(program, ALL);
        int m = x.length;
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = 0.5 - 0.3 * i;
        }
        double[][] dirs = {v, new double[m], x};
        for (Mode mode : new Mode[] {Mode.FORWARD, Mode.REVERSE}) {
            double[][] a = lazy.jacobian(mode, x);
            double[][] b = full.jacobian(mode, x);
            for (int r = 0; r < a.length; r++) {
                assertArrayEquals(b[r], a[r], 0.0, mode + " Jacobian row " + r);
            }
        }
        assertArrayEquals(full.jvp(x, v), lazy.jvp(x, v), 0.0, "jvp");
        double[][] many = lazy.jvp(x, dirs);
        double[][] fullMany = full.jvp(x, dirs);
        for (int k = 0; k < dirs.length; k++) {
            assertArrayEquals(fullMany[k], many[k], 0.0, "jvpMany row " + k);
            assertArrayEquals(lazy.jvp(x, dirs[k]), many[k], 0.0, "jvpMany row " + k + " against jvp");
        }
        if (lazy.outputCount() == 1) {
            assertArrayEquals(full.gradient(Mode.FORWARD, x), lazy.gradient(Mode.FORWARD, x), 0.0, "forward gradient");
            assertArrayEquals(full.hessianVector(x, v), lazy.hessianVector(x, v), 0.0, "hessianVector");
            double[][] a = lazy.hessian(x);
            double[][] b = full.hessian(x);
            for (int r = 0; r < m; r++) {
                assertArrayEquals(b[r], a[r], 0.0, "Hessian row " + r);
            }
        }
    }
}
