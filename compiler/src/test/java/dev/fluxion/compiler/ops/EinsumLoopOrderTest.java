package dev.fluxion.compiler.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The emitted einsum's loop order: sums outermost only where the innermost loop then walks
 * the output and its operands contiguously, the output is small and the sums are long
 * (the values are checked against the interpreter and finite differences in TensorOpTest).
 */
class EinsumLoopOrderTest {

    @Test
    void gmmCovarianceGradientSumsOverThePointsOutermost() {
        assertEquals("nkab", Einsum.Spec.parse("nka,nb->kab").loopOrder(500, 1000));
    }

    @Test
    void shortSumsIntoABigOutputKeepTheOutputOutermost() {
        assertEquals("nbka", Einsum.Spec.parse("nka,kab->nb").loopOrder(10_000, 50));
    }

    @Test
    void anOperandReadAcrossItsRowsKeepsTheDefaultOrder() {
        // b is not the last axis of "bk", so b innermost would read it with a stride.
        assertEquals("abk", Einsum.Spec.parse("ak,bk->ab").loopOrder(100, 1000));
    }

    @Test
    void batchSizedOrLargeOutputsKeepTheDefaultOrder() {
        assertEquals("ikj", Einsum.Spec.parse("ij,jk->ik").loopOrder(-1, 1000));
        assertEquals("ikj", Einsum.Spec.parse("ij,jk->ik").loopOrder(Einsum.CACHED_OUTPUT + 1, 1L << 40));
        assertEquals("jik", Einsum.Spec.parse("ij,jk->ik").loopOrder(100, 100));
    }

    @Test
    void fullReductionsAndPureReshapesAreUnchanged() {
        assertEquals("i", Einsum.Spec.parse("i,i->").loopOrder(1, 10));
        assertEquals("ij", Einsum.Spec.parse("ij->ij").loopOrder(4, 1));
    }
}
