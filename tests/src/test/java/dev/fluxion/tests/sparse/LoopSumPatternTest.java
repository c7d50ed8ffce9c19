package dev.fluxion.tests.sparse;

import static dev.fluxion.tests.sparse.SparseJacobianTest.assertClose;
import static dev.fluxion.tests.sparse.SparseJacobianTest.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.sparse.Dependencies;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sums kept as loops ({@code ir.LoopSum}) are read without writing them out: the Jacobian and
 * Hessian patterns found from the loop form equal those of the written-out program, and the
 * sparse results equal the dense ones.
 */
class LoopSumPatternTest {

    private static final int N = 20;

    private static final List<String> SCALAR = List.of(
            "fn rosenbrock(x[n]) { return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2) }",
            "fn arrow(x[n]) { return x[0] * sum(i in 1..n-1: x[i]^2) }",
            "fn logsum(x[n]) { return ln(1 + sum(i in 0..n-1: x[i]^2)) }",
            "fn chain(x[n]) { return sum(i in 0..n-2: x[i] * x[i+1]) + x[0] * x[n-1] }",
            "fn scaled(a, x[n]) { return sum(i in 0..n-1: a * x[i]^2) + a^3 }",
            "fn strided(x[n]) { return sum(i in 0..n-3: sin(x[i] * x[i+2])) + sum(i in 0..n-1: x[i]^4) }",
            "fn choice(x[n]) { return sum(i in 0..n-2: if x[i] > 0 then x[i+1]^2 else x[i]) }");

    private static final List<String> VECTOR = List.of(
            "fn several(x[n]) { return (sum(i in 0..n-1: sin(x[i])), x[0] * x[1], sum(i in 0..n-3: x[i] * x[i+2])) }",
            "fn mixed(a, x[n]) { return (a * sum(i in 0..n-1: x[i]^2), sum(i in 2..n-1: exp(x[i] - x[i-2])), a) }");

    private static CompiledFunction compile(String program) {
        return Fluxion.create().compile(program, Options.defaults().withSize("n", N));
    }

    @Test
    void hessianPatternsFromLoopsEqualTheWrittenOutOnes() {
        for (String program : SCALAR) {
            CompiledFunction f = compile(program);
            Compilation c = f.compilation();
            assertFalse(c.primalWithLoops().loops().isEmpty(), "no loop sum in " + program);
            assertEquals(Dependencies.hessian(c.primal(), c.options().rules()),
                    Dependencies.hessian(c.primalWithLoops(), c.options().rules()), program);
            assertEquals(Dependencies.jacobian(c.primal()), Dependencies.jacobian(c.primalWithLoops()), program);
            for (long seed = 0; seed < 3; seed++) {
                double[] x = point(f.inputCount(), seed);
                assertClose(f.hessian(x), f.hessianSparse(x).toDense(), program);
                assertClose(f.jacobian(x), f.jacobianSparse(x).toDense(), program);
            }
        }
    }

    /** Functions of several outputs (whose sums lowering writes out today; the loop form is checked when it keeps them). */
    @Test
    void jacobianPatternsFromLoopsEqualTheWrittenOutOnes() {
        for (String program : VECTOR) {
            CompiledFunction f = compile(program);
            Compilation c = f.compilation();
            assertEquals(Dependencies.jacobian(c.primal()), Dependencies.jacobian(c.primalWithLoops()), program);
            for (long seed = 0; seed < 3; seed++) {
                double[] x = point(f.inputCount(), seed);
                assertClose(f.jacobian(x), f.jacobianSparse(x).toDense(), program);
            }
        }
    }

    /**
     * Rosenbrock at n = 40,000: the sparse Hessian from the loop form, 3 colors, without writing
     * the sum out (n = 1,000,000 works too, in about 10 s: docs/sparse.md).
     */
    @Test
    void aLargeRosenbrockHasItsTridiagonalHessianInThreeProducts() {
        int n = 40_000;
        CompiledFunction f = Fluxion.create().compile(
                "fn rosenbrock(x[n]) { return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2) }",
                Options.defaults().withSize("n", n));
        assertEquals(3, f.hessianSparsity().colors());
        assertEquals(3 * n - 2, f.hessianSparsity().nonZeros());
        double[] x = point(n, 1);
        var h = f.hessianSparse(x);
        for (int i : new int[] {0, 1, n / 2, n - 2}) {
            assertEquals(-400 * x[i], h.get(i, i + 1), 1e-9 * Math.abs(400 * x[i]));
            assertEquals(h.get(i, i + 1), h.get(i + 1, i));
            double diag = (i == 0 ? 0 : 200) + 2 + 1200 * x[i] * x[i] - 400 * x[i + 1];
            assertEquals(diag, h.get(i, i), 1e-9 * Math.abs(diag));
        }
        assertEquals(1, f.sparsity().colors(), "the gradient: one reverse sweep");
        // The gradient's dense row: each column its own color at once (the greedy pass would take 1.6e9 steps).
        assertEquals("1 × 40000 Jacobian, 40000 non-zeros (100.00%): reverse mode, 1 color (columns 40000, rows 1)",
                f.sparsity().toString());
        assertEquals(n, f.jacobianSparse(x).nonZeros());
    }
}
