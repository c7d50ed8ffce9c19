package dev.fluxion.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import org.junit.jupiter.api.Test;

/** The sparse benchmark's function: Fluxion's sparse and dense Jacobians equal the hand-written one. */
class BroydenTest {

    @Test
    void sparseAndDenseJacobiansMatchTheHandWrittenOne() {
        int n = 30;
        CompiledFunction f = Fluxion.create().compile(Broyden.program(n), Options.defaults().withSize("n", n));
        double[] x = Broyden.point(n);
        double[][] expected = Broyden.jacobian(x);
        double[][] sparse = f.jacobianSparse(x).toDense();
        double[][] dense = f.jacobian(x);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(expected[i], sparse[i], 1e-12);
            assertArrayEquals(expected[i], dense[i], 1e-12);
        }
        assertEquals(3, f.sparsity().colors());
        assertEquals(3 * n - 2, f.sparsity().nonZeros());
        SparseJacobianBenchmark.Banded state = new SparseJacobianBenchmark.Banded();
        state.n = n;
        state.setUp();
        assertEquals(3 * n - 2, new SparseJacobianBenchmark().sparse(state).nonZeros());
    }
}
