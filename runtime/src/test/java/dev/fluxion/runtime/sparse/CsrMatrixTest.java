package dev.fluxion.runtime.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The CSR type users receive: checked on construction, immutable, and the same matrix however it is read. */
class CsrMatrixTest {

    private static final double[][] DENSE = {{2, -1, 0}, {0, 4, 0}, {0, 1, 3}, {0, 0, 0}};

    private static CsrMatrix sample() {
        return new CsrMatrix(4, 3, new int[] {0, 2, 3, 5, 5}, new int[] {0, 1, 1, 1, 2}, new double[] {2, -1, 4, 1, 3});
    }

    @Test
    void readsAsTheDenseMatrix() {
        CsrMatrix m = sample();
        assertEquals(4, m.rows());
        assertEquals(3, m.cols());
        assertEquals(5, m.nonZeros());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(DENSE[i], m.toDense()[i]);
            for (int j = 0; j < 3; j++) {
                assertEquals(DENSE[i][j], m.get(i, j));
                assertEquals(DENSE[i][j] != 0, m.isStored(i, j));
            }
        }
        assertEquals(m, CsrMatrix.fromDense(DENSE));
        assertEquals(m.hashCode(), CsrMatrix.fromDense(DENSE).hashCode());
        assertArrayEquals(new double[] {2 - 2, 8, 2 + 9, 0}, m.multiply(new double[] {1, 2, 3}));
        assertArrayEquals(new double[] {2, -1, 4, 1, 3}, m.values(new double[5]));
    }

    @Test
    void isImmutable() {
        int[] ptr = {0, 1};
        int[] idx = {0};
        double[] val = {5};
        CsrMatrix m = new CsrMatrix(1, 1, ptr, idx, val);
        val[0] = 6;
        m.values()[0] = 7;
        m.rowPointers()[1] = 0;
        assertEquals(5, m.get(0, 0));
        assertEquals(1, m.nonZeros());
    }

    @Test
    void withValuesKeepsThePositions() {
        CsrMatrix m = sample();
        double[] v = {1, 2, 3, 4, 5};
        CsrMatrix n = m.withValues(v);
        v[0] = 9;
        assertEquals(1, n.get(0, 0));
        assertEquals(5, n.get(2, 2));
        assertArrayEquals(m.columnIndices(), n.columnIndices());
        assertEquals(2, m.get(0, 0), "the original is unchanged");
        assertThrows(IllegalArgumentException.class, () -> m.withValues(new double[4]));
    }

    @Test
    void aStoredZeroIsNotAnAbsentEntry() {
        CsrMatrix stored = new CsrMatrix(1, 2, new int[] {0, 1}, new int[] {1}, new double[] {0});
        CsrMatrix absent = new CsrMatrix(1, 2, new int[] {0, 0}, new int[0], new double[0]);
        assertTrue(stored.isStored(0, 1));
        assertFalse(absent.isStored(0, 1));
        assertNotEquals(stored, absent);
        assertEquals(new CsrMatrix(1, 1, new int[] {0, 1}, new int[] {0}, new double[] {Double.NaN}),
                new CsrMatrix(1, 1, new int[] {0, 1}, new int[] {0}, new double[] {Double.NaN}), "NaN equals NaN");
    }

    @Test
    void badArraysAreRefusedWithWhere() {
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(2, 2, new int[] {0, 1}, new int[] {0},
                new double[] {1}), "too few row pointers");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CsrMatrix(1, 3, new int[] {0, 2}, new int[] {2, 1}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("row 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(1, 2, new int[] {0, 1}, new int[] {2},
                new double[] {1}), "column out of range");
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(1, 2, new int[] {0, 1}, new int[] {0},
                new double[] {1, 2}), "values and indices differ");
        assertThrows(IndexOutOfBoundsException.class, () -> sample().get(4, 0));
    }

    @Test
    void printsOneRowPerLine() {
        assertEquals("4 × 3 CSR, 5 non-zeros\n  row 0: (0) 2.0  (1) -1.0\n  row 1: (1) 4.0\n  row 2: (1) 1.0  (2) 3.0",
                sample().toString());
    }
}
