package dev.fluxion.compiler.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Which einsums are emitted as one call to MatMul, and with which operands and transposes
 * (the values are checked against the interpreter and finite differences in TensorOpTest).
 */
class EinsumMatrixFormTest {

    private static EinsumMatrixForm of(String spec) {
        return EinsumMatrixForm.of(Einsum.Spec.parse(spec));
    }

    @Test
    void plainMatrixProduct() {
        assertEquals(new EinsumMatrixForm(0, false, 1, false, "i", "k", "j"), of("ij,jk->ik"));
    }

    @Test
    void gmmEinsumsAreProductsOfFlattenedViews() {
        // y[n, (ka)] = x · Qᵀ with Q viewed as [(ka), b]: the output starts with x's letters.
        assertEquals(new EinsumMatrixForm(1, false, 0, true, "n", "ka", "b"), of("kab,nb->nka"));
        // Its gradients: ctᵀ · x and ct · Q.
        assertEquals(new EinsumMatrixForm(0, true, 1, false, "ka", "b", "n"), of("nka,nb->kab"));
        assertEquals(new EinsumMatrixForm(0, false, 1, false, "n", "b", "ka"), of("nka,kab->nb"));
    }

    @Test
    void outerProductsAndMatrixVectorProducts() {
        assertEquals(new EinsumMatrixForm(0, false, 1, false, "i", "j", ""), of("i,j->ij"));
        assertEquals(new EinsumMatrixForm(0, false, 1, false, "", "", "bi"), of("bi,bi->"));
        assertEquals(new EinsumMatrixForm(0, false, 1, false, "b", "", "i"), of("bi,i->b"));
    }

    @Test
    void batchLettersLoneSumsInterleavedLettersAndOtherArityStayLoops() {
        assertNull(of("kab,kb->ka"), "k in every index string: a batched product");
        assertNull(of("bi,ij,k->bj"), "three operands");
        assertNull(of("bij,jk->ik"), "b is summed in one operand only");
        assertNull(of("ia,jb->ijab"), "the output interleaves the operands' letters");
        assertNull(of("ija,jk->iak"), "a summed letter splits the free ones of A");
        assertNull(of("ab,bac->c"), "the summed letters are in a different order in A and B");
    }

    @Test
    void transposedOperandsAndSwappedOrder() {
        // out[k, i] = sum_j W[j, k] X[i, j]: A = W read transposed, B = X read transposed.
        assertEquals(new EinsumMatrixForm(1, true, 0, true, "k", "i", "j"), of("ij,jk->ki"));
    }
}
