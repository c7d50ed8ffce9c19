package dev.fluxion.tests.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A {@code fn} gets every tensor op (issue 14, "one pipeline"): a function whose body reads an
 * array parameter whole is lowered to the tensor IR, its parameters differentiated and its data
 * not, emitted by the tensor-kernel back end and wrapped as a {@link DifferentiableFunction}. Its
 * value, gradient, JVP, Hessian-vector product and Hessian are checked against the same function
 * written with indices (the scalar back end) and against central differences.
 */
class TensorFunctionTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapability(Capability.HESSIAN)
            .withCapability(Capability.JVP).withCapability(Capability.JACOBIAN);

    private static final String MATVEC = "fn g(W[2, 2], v[2]) { return sum(W @ v) }";
    private static final String MATVEC_BY_INDEX = """
            fn g(W[2, 2], v[2]) {
              return W[0, 0]*v[0] + W[0, 1]*v[1] + W[1, 0]*v[0] + W[1, 1]*v[1]
            }
            """;

    /** Logistic regression's negative log-likelihood, data X and y, sizes bound when compiled. */
    private static final String NLL = """
            fn nll(w[d], b; X[m, d], y[m]) {
              z = X @ w + b
              return sum(softplus(z) - y * z)
            }
            """;
    private static final String NLL_BY_INDEX = """
            fn nll(w[d], b; X[m, d], y[m]) {
              return sum(i in 0..m-1: softplus(sum(j in 0..d-1: X[i, j]*w[j]) + b)
                                      - y[i]*(sum(j in 0..d-1: X[i, j]*w[j]) + b))
            }
            """;

    @Test
    void aFunctionUsesMatmulAndSum() {
        CompiledFunction g = FLUXION.compile(MATVEC, ALL);
        CompiledFunction byIndex = FLUXION.compile(MATVEC_BY_INDEX, ALL);
        assertNotNull(g.compilation().tensor(), "the tensor back end");
        assertNull(byIndex.compilation().tensor(), "the scalar back end");
        assertEquals(List.of("W[0, 0]", "W[0, 1]", "W[1, 0]", "W[1, 1]", "v[0]", "v[1]"), g.inputs());
        assertEquals(byIndex.inputs(), g.inputs());
        double[] x = {0.5, -1.25, 2, 0.75, 3, -2};
        // sum(W v) = (W00 + W10) v0 + (W01 + W11) v1.
        assertEquals((0.5 + 2) * 3 + (-1.25 + 0.75) * -2, g.value(x), 1e-15);
        assertArrayEquals(new double[] {3, -2, 3, -2, 2.5, -0.5}, g.gradient(x), 1e-15);
        agree(g, byIndex, x, 1e-13);
    }

    @Test
    void dataParametersAreBoundAndNotDifferentiated() {
        int m = 5;
        int d = 3;
        Options o = ALL.withSize("m", m).withSize("d", d);
        CompiledFunction nll = FLUXION.compile(NLL, o);
        CompiledFunction byIndex = FLUXION.compile(NLL_BY_INDEX, o);
        assertNotNull(nll.compilation().tensor());
        assertEquals(List.of("X", "y"), nll.dataNames());
        assertEquals(List.of("w[0]", "w[1]", "w[2]", "b"), nll.inputs());
        Random r = new Random(14);
        double[] xs = new double[m * d];
        double[] ys = new double[m];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = r.nextGaussian();
        }
        for (int i = 0; i < m; i++) {
            ys[i] = r.nextBoolean() ? 1 : 0;
        }
        assertThrows(IllegalStateException.class, () -> nll.value(0.1, 0.2, 0.3, 0.4), "data not bound");
        CompiledFunction f = nll.withData(xs, ys);
        CompiledFunction g = byIndex.withData(xs, ys);
        for (int k = 0; k < 3; k++) {
            double[] x = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            agree(f, g, x, 1e-12);
        }
        // The arrays are kept, not copied: a change shows in the next call, as for the scalar back end.
        double[] x = {0.3, -0.2, 0.1, 0.05};
        double before = f.value(x);
        ys[0] = 1 - ys[0];
        assertTrue(f.value(x) != before);
        assertEquals(g.value(x), f.value(x), 1e-12);
    }

    @Test
    void capabilitiesAskedForLaterAreCompiledOnFirstUse() {
        CompiledFunction g = FLUXION.compile(MATVEC);  // value and gradient only
        assertTrue(!g.generated().supports(Capability.HESSIAN));
        double[] x = {0.5, -1.25, 2, 0.75, 3, -2};
        double[] v = {1, 0, 0, 0, 0, 1};
        // d/dt sum((W + tV)(v + tu)) = grad · direction; H·v: the bilinear form's mixed partials.
        assertEquals(3 * 1 + -0.5 * 1, g.jvp(x, v)[0], 1e-15);
        assertArrayEquals(new double[] {0, 1, 0, 1, 1, 0}, g.hessianVector(x, v), 1e-15);
    }

    @Test
    void aTensorResultIsRefusedWhereItIsReturned() {
        CompileException e = assertThrows(CompileException.class,
                () -> FLUXION.compile("fn h(W[2, 2]) {\n  return W @ W\n}"));
        assertTrue(e.getMessage().contains("<input>:2:10") && e.getMessage().contains("returns one number"), e.getMessage());
        CompileException two = assertThrows(CompileException.class,
                () -> FLUXION.compile("fn h(W[2, 2]) {\n  return (sum(W), 1)\n}"));
        assertTrue(two.getMessage().contains("<input>:2:3") && two.getMessage().contains("returns one number"),
                two.getMessage());
    }

    @Test
    void aLoopCarriesATensor() {
        String cell = """
                fn cell(W[2, 2], h0[2]) {
                  h = h0
                  for t in 0..2 { h = tanh(W @ h) }
                  return sum(h * h)
                }
                """;
        String byIndex = """
                fn cell(W[2, 2], h0[2]) {
                  a = h0[0]
                  b = h0[1]
                  for t in 0..2 {
                    p = tanh(W[0, 0]*a + W[0, 1]*b)
                    q = tanh(W[1, 0]*a + W[1, 1]*b)
                    a = p
                    b = q
                  }
                  return a*a + b*b
                }
                """;
        CompiledFunction f = FLUXION.compile(cell, ALL);
        assertNotNull(f.compilation().tensor());
        agree(f, FLUXION.compile(byIndex, ALL), new double[] {0.4, -0.3, 0.8, 0.2, 0.5, -1.5}, 1e-13);
    }

    @Test
    void tensorFormAgreesWithIndexedFormAtRandomSizesAndPoints() {
        Random r = new Random(1414);
        String[] cells = {"tanh", "sigmoid", "softplus", "sin"};
        for (int trial = 0; trial < 6; trial++) {
            int n = 1 + r.nextInt(4);
            int k = 1 + r.nextInt(4);
            String fn = cells[r.nextInt(cells.length)];
            String tensor = "fn g(W[n, k], v[k]) { return sum(" + fn + "(W @ v)) }";
            String indexed = "fn g(W[n, k], v[k]) { return sum(i in 0..n-1: " + fn
                    + "(sum(j in 0..k-1: W[i, j]*v[j]))) }";
            Options o = ALL.withSize("n", n).withSize("k", k);
            CompiledFunction f = FLUXION.compile(tensor, o);
            CompiledFunction g = FLUXION.compile(indexed, o);
            assertNotNull(f.compilation().tensor(), tensor);
            double[] x = new double[n * k + k];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextGaussian();
            }
            agree(f, g, x, 1e-12);
        }
    }

    @Test
    void threadsShareOneFunctionEachWithItsOwnModel() throws Exception {
        CompiledFunction f = FLUXION.compile(MATVEC.replace("sum(W @ v)", "sum(tanh(W @ v))"), ALL);
        int threads = 4;
        double[][] points = new double[threads][];
        double[][] expected = new double[threads][];
        for (int k = 0; k < threads; k++) {
            points[k] = new double[] {0.1 * k, -0.2, 0.3, 0.4 * k, 1 - k, 0.5};
            expected[k] = f.gradient(points[k]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Boolean>> done = new java.util.ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int mine = k;
                done.add(pool.submit(() -> {
                    for (int rep = 0; rep < 2000; rep++) {
                        if (!java.util.Arrays.equals(expected[mine], f.gradient(points[mine]))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> d : done) {
                assertTrue(d.get(), "a thread saw another's parameters");
            }
        } finally {
            pool.shutdown();
        }
    }

    /** f and g agree in value, gradient (both modes), JVP, H·v and Hessian, and f's gradient with central differences. */
    private static void agree(CompiledFunction f, CompiledFunction g, double[] x, double tol) {
        int m = x.length;
        assertEquals(g.value(x), f.value(x), tol);
        assertArrayEquals(g.gradient(x), f.gradient(x), tol);
        assertArrayEquals(g.gradient(x), f.gradient(Mode.FORWARD, x), tol);
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = Math.sin(i + 1.0);
        }
        assertArrayEquals(g.jvp(x, v), f.jvp(x, v), tol);
        assertArrayEquals(g.hessianVector(x, v), f.hessianVector(x, v), tol);
        double[][] hf = f.hessian(x);
        double[][] hg = g.hessian(x);
        for (int i = 0; i < m; i++) {
            assertArrayEquals(hg[i], hf[i], tol, "Hessian row " + i);
        }
        double[] grad = f.gradient(x);
        for (int i = 0; i < m; i++) {
            double h = 1e-6 * Math.max(1, Math.abs(x[i]));
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h;
            down[i] -= h;
            double central = (f.value(up) - f.value(down)) / (2 * h);
            assertEquals(central, grad[i], 1e-6 * Math.max(1, Math.abs(central)), "∂/∂" + f.inputs().get(i));
        }
    }
}
