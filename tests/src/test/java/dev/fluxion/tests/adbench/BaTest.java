package dev.fluxion.tests.adbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.examples.AdBench;
import dev.fluxion.examples.Agreement;
import dev.fluxion.examples.BaProblem;
import dev.fluxion.examples.BaProgram;
import dev.fluxion.runtime.sparse.CsrMatrix;
import dev.fluxion.runtime.sparse.ItemMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ADBench's BA: {@code examples/adbench/ba.flx} through the per-item map reproduces
 * {@code ba_test_expected.txt} (ADBench's BaTests.cpp) to 1e-8 — the 20 reprojection errors, the
 * 10 weight errors, all 310 CSR values — with ADBench's row pointers and column indices, in
 * both sweeps; the general sparse Jacobian of the whole residual vector agrees with the map.
 */
class BaTest {

    private static Path baDir() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("examples/data/ba/ba_test_expected.txt")) && Files.exists(p.resolve("grammar"))) {
                return p.resolve("examples/data/ba");
            }
        }
        throw new IllegalStateException("cannot find examples/data/ba");
    }

    @Test
    void theTestFileMatchesAdBenchsReferenceInBothSweeps() throws IOException {
        for (ItemMap.Sweep sweep : ItemMap.Sweep.values()) {
            List<Agreement> c = AdBench.baTestCase(baDir(), sweep);
            assertEquals(30 + 1 + 310 + 3, c.size(), "residuals, the count and every value, rows, cols, shape");
            for (Agreement a : c) {
                assertTrue(a.ok(), sweep + ": " + a.format());
            }
        }
    }

    @Test
    void theStructureIsAdBenchsOnARealFile() throws IOException {
        BaProblem pr = BaProblem.read(baDir().resolve("ba1_n49_m7776_p31843.txt"));
        ItemMap map = BaProgram.map(BaProgram.compile(), pr);
        CsrMatrix s = map.structure();
        int[][] want = AdBench.adbenchStructure(pr);
        assertEquals(3 * pr.p(), s.rows());
        assertEquals(11 * 49 + 3 * 7776 + pr.p(), s.cols());
        assertEquals(31 * pr.p(), s.nonZeros());
        assertArrayEquals(want[0], s.rowPointers());
        assertArrayEquals(want[1], s.columnIndices());
        assertEquals(ItemMap.Sweep.REVERSE, map.sweep(), "3 adjoint sweeps per observation, not 15 tangent passes");
    }

    @Test
    void theGeneralSparseJacobianOfTheWholeVectorAgreesWithTheMap() throws IOException {
        BaProblem pr = BaProblem.read(baDir().resolve("test.txt"));
        CompiledFunction whole = AdBench.wholeVector(pr);
        ItemMap map = BaProgram.map(BaProgram.compile(), pr);
        double[] x = pr.inputs();
        double[] y = new double[map.rows()];
        map.values(x, y);
        assertArrayEquals(whole.values(x), y, 0);
        assertEquals(0, AdBench.generalAgainstMap(whole, map, x), 1e-12);
        // The general pattern is per element: ∂e0/∂x0[1] and ∂e1/∂x0[0] are structurally zero
        // there, where ADBench (and the map) store whole blocks: 29 entries per observation, not 31.
        assertEquals(29 * pr.p(), whole.sparsity().nonZeros());
    }
}
