package dev.fluxion.tests.sparse;

import static dev.fluxion.tests.sparse.SparseJacobianTest.assertClose;
import static dev.fluxion.tests.sparse.SparseJacobianTest.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.Sparsity;
import dev.fluxion.runtime.sparse.CsrMatrix;
import java.util.Random;
import java.util.StringJoiner;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@code hessianSparse}: the pattern from the gradient's dependencies, a star coloring, one
 * Hessian-vector product per color, and every entry equal to the dense Hessian's.
 */
class SparseHessianTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final String ROSENBROCK =
            "fn rosenbrock(x[n]) { return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2) }";

    static void assertMatchesDense(CompiledFunction f, double[] x) {
        CsrMatrix h = f.hessianSparse(x);
        double[][] dense = f.hessian(x);
        assertClose(dense, h.toDense(), "Hessian");
        for (int i = 0; i < h.rows(); i++) {
            for (int j = 0; j < h.cols(); j++) {
                assertEquals(h.get(i, j), h.get(j, i), "symmetric at (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void rosenbrocksHessianIsTridiagonalWithThreeColors() {
        for (int n : new int[] {5, 40}) {
            CompiledFunction f = FLUXION.compile(ROSENBROCK, Options.defaults().withSize("n", n));
            Sparsity s = f.hessianSparsity();
            assertEquals(3, s.colors(), s.toString());
            assertEquals(3 * n - 2, s.nonZeros(), s.toString());
            assertTrue(s.hessian());
            assertMatchesDense(f, point(n, n));
        }
    }

    @Test
    void rosenbrockWrittenOutAgrees() {
        StringJoiner terms = new StringJoiner(" + ");
        for (int i = 0; i < 7; i++) {
            terms.add("(1 - x" + i + ")^2 + 100*(x" + (i + 1) + " - x" + i + "^2)^2");
        }
        CompiledFunction f = FLUXION.compile(terms.toString());
        assertEquals(3, f.hessianSparsity().colors());
        assertMatchesDense(f, point(8, 2));
    }

    /** f = x0 · Σ x_i²: an arrowhead Hessian, 2 star colors where a distance-2 coloring needs m. */
    @Test
    void anArrowheadNeedsTwoColors() {
        int n = 15;
        CompiledFunction f = FLUXION.compile("fn arrow(x[n]) { return x[0] * sum(i in 1..n-1: x[i]^2) }",
                Options.defaults().withSize("n", n));
        Sparsity s = f.hessianSparsity();
        assertEquals(2, s.colors(), s.toString());
        assertEquals(n, s.columnColors(), s.toString());
        assertEquals(3 * (n - 1), s.nonZeros(), "H00 is structurally 0: f is linear in x0");
        assertMatchesDense(f, point(n, 1));
    }

    @Test
    void aSeparableFunctionHasADiagonalHessianAndOneColor() {
        int n = 10;
        CompiledFunction f = FLUXION.compile("fn sep(x[n]) { return sum(i in 0..n-1: exp(x[i]) * sin(x[i])) }",
                Options.defaults().withSize("n", n));
        assertEquals(1, f.hessianSparsity().colors());
        assertEquals(n, f.hessianSparsity().nonZeros());
        assertMatchesDense(f, point(n, 3));
    }

    @Test
    void conditionalsTakeBothSides() {
        int n = 9;
        CompiledFunction f = FLUXION.compile(
                "fn pick(x[n]) { return sum(i in 0..n-3: if x[i+2] > 0 then x[i] * x[i+1] else sin(x[i])) }",
                Options.defaults().withSize("n", n));
        CsrMatrix h = f.hessianSparse(point(n, 4));
        assertTrue(h.isStored(0, 1) && h.isStored(0, 0), "both sides count");
        assertTrue(!h.isStored(0, 2), "x2 is only the condition of x0's term");
        for (long seed = 0; seed < 5; seed++) {
            assertMatchesDense(f, point(n, seed));
        }
    }

    /**
     * A bilinear function has a structurally zero diagonal: a distance-2 column coloring then
     * beats the star coloring, which must separate adjacent columns. f = Σ a_i b_i + a_0 b_1:
     * 2 column colors (a_0 and a_1 share row b_1), 3 star colors (a_1-b_1-a_0-b_0 is a path).
     */
    @Test
    void aZeroDiagonalLetsTheColumnColoringWin() {
        int n = 20;
        CompiledFunction f = FLUXION.compile("fn bil(a[n], b[n]) { return sum(i in 0..n-1: a[i] * b[i]) + a[0] * b[1] }",
                Options.defaults().withSize("n", n));
        Sparsity s = f.hessianSparsity();
        assertEquals(2, s.colors(), s.toString());
        assertEquals(3, s.rowColors(), "the star coloring's count");
        assertEquals("40 × 40 Hessian, 42 non-zeros (2.63%): column coloring, 2 colors (a star coloring needs 3)",
                s.toString());
        assertMatchesDense(f, point(2 * n, 5));
        CompiledFunction xy = FLUXION.compile("x*y");
        assertEquals(1, xy.hessianSparsity().colors());
        assertMatchesDense(xy, new double[] {2, 3});
    }

    /** Data are never columns; two bindings of one function share its plan and each gets its own values. */
    @Test
    void dataBindingsShareThePlan() {
        int m = 20;
        CompiledFunction f = FLUXION.compile("fn fit(w[2], b; X[m, 2], y[m]) {"
                + " return sum(i in 0..m-1: (X[i, 0] * w[0] + X[i, 1] * w[1] * w[1] + b - y[i])^2) }",
                Options.defaults().withSize("m", m));
        double[][] xs = new double[2][2 * m];
        double[][] ys = new double[2][m];
        java.util.Random r = new java.util.Random(3);
        for (int d = 0; d < 2; d++) {
            for (int k = 0; k < 2 * m; k++) {
                xs[d][k] = r.nextGaussian();
            }
            for (int k = 0; k < m; k++) {
                ys[d][k] = r.nextGaussian();
            }
        }
        double[] p = {0.3, -0.7, 0.2};
        for (int d = 0; d < 2; d++) {
            CompiledFunction bound = f.withData(xs[d], ys[d]);
            assertEquals(3, bound.hessianSparsity().rows(), "the inputs w[0], w[1], b only");
            assertMatchesDense(bound, p);
        }
    }

    @Test
    void severalOutputsHaveNoHessian() {
        CompiledFunction f = FLUXION.compile("fn two(a, b) { return (a*b, a+b) }");
        assertThrows(UnsupportedOperationException.class, () -> f.hessianSparse(1, 2));
        assertThrows(UnsupportedOperationException.class, f::hessianSparsity);
    }

    /** Random symmetric patterns: f sums sin(x_a x_b) over random pairs and a cube per diagonal entry. */
    @Property(tries = 25)
    void randomSparseHessiansMatchTheDenseHessian(@ForAll long seed, @ForAll @IntRange(min = 1, max = 16) int n) {
        Random r = new Random(seed);
        boolean[][] p = new boolean[n][n];
        StringJoiner terms = new StringJoiner(" + ");
        for (int a = 0; a < n; a++) {
            if (r.nextDouble() < 0.5) {
                terms.add("x[" + a + "]^3");
                p[a][a] = true;
            }
            for (int b = a + 1; b < n; b++) {
                if (r.nextDouble() < 0.15) {
                    terms.add("sin(x[" + a + "] * x[" + b + "])");
                    p[a][b] = p[b][a] = p[a][a] = p[b][b] = true;
                }
            }
        }
        terms.add("x[0]");
        String program = "fn random(x[n]) { return " + terms + " }";
        CompiledFunction f = FLUXION.compile(program, Options.defaults().withSize("n", n));
        double[] x = point(n, seed);
        CsrMatrix h = f.hessianSparse(x);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                assertEquals(p[a][b], h.isStored(a, b), "entry (" + a + ", " + b + ") of " + program);
            }
        }
        assertMatchesDense(f, x);
    }
}
