package dev.fluxion.runtime.sparse;

import java.util.Arrays;

/**
 * An immutable rows × cols matrix in compressed sparse rows (CSR): the stored entries of row
 * {@code i} are at positions {@code rowPointers[i]} to {@code rowPointers[i + 1] - 1} of
 * {@link #columnIndices()} and {@link #values()}, in increasing column order, each column at
 * most once. Any entry not stored is 0.
 *
 * <p>A stored entry may hold 0: a sparse Jacobian stores every entry its sparsity pattern
 * allows, and at a given point some of them can be 0 (∂(x·y)/∂x at y = 0). The pattern, and so
 * {@link #nonZeros()}, depends on the function only, never on the point.
 *
 * <p>Immutable: the constructor copies its arrays and the accessors return copies, so an
 * instance may be shared between threads and kept. {@link #values(double[])} copies into an
 * array the caller owns, for a loop that should not allocate. Two matrices are
 * {@link #equals equal} when they have the same shape, the same stored positions and the same
 * values (compared as {@link Double#compare} does, so NaN equals NaN).
 */
public final class CsrMatrix {

    private final int rows;
    private final int cols;
    private final int[] rowPointers;
    private final int[] columnIndices;
    private final double[] values;

    /**
     * A matrix from its three arrays, checked and copied.
     *
     * @param rows the number of rows, at least 0
     * @param cols the number of columns, at least 0
     * @param rowPointers rows + 1 offsets, starting at 0, non-decreasing, ending at the number of stored entries
     * @param columnIndices the column of each stored entry, increasing within a row, each in [0, cols)
     * @param values the value of each stored entry, as many as column indices
     * @throws IllegalArgumentException if the arrays do not describe such a matrix (the message says where)
     */
    public CsrMatrix(int rows, int cols, int[] rowPointers, int[] columnIndices, double[] values) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("a matrix cannot be " + rows + " × " + cols);
        }
        if (rowPointers.length != rows + 1) {
            throw new IllegalArgumentException(rows + " rows need " + (rows + 1) + " row pointers, got "
                    + rowPointers.length);
        }
        if (columnIndices.length != values.length) {
            throw new IllegalArgumentException(columnIndices.length + " column indices but " + values.length + " values");
        }
        if (rowPointers[0] != 0 || rowPointers[rows] != values.length) {
            throw new IllegalArgumentException("row pointers must run from 0 to the " + values.length
                    + " stored entries, got " + rowPointers[0] + " to " + rowPointers[rows]);
        }
        for (int i = 0; i < rows; i++) {
            if (rowPointers[i + 1] < rowPointers[i]) {
                throw new IllegalArgumentException("row pointer " + (i + 1) + " (" + rowPointers[i + 1]
                        + ") is less than row pointer " + i + " (" + rowPointers[i] + ")");
            }
            for (int k = rowPointers[i]; k < rowPointers[i + 1]; k++) {
                int c = columnIndices[k];
                if (c < 0 || c >= cols) {
                    throw new IllegalArgumentException("entry " + k + " of row " + i + " has column " + c
                            + ", outside [0, " + cols + ")");
                }
                if (k > rowPointers[i] && c <= columnIndices[k - 1]) {
                    throw new IllegalArgumentException("row " + i + ": columns must increase, got " + columnIndices[k - 1]
                            + " then " + c);
                }
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.rowPointers = rowPointers.clone();
        this.columnIndices = columnIndices.clone();
        this.values = values.clone();
    }

    private CsrMatrix(CsrMatrix structure, double[] values) {
        this(structure.rows, structure.cols, structure.rowPointers, structure.columnIndices, values, true);
    }

    /** The arrays kept as they are, unchecked and uncopied: {@code trusted} marks the callers that may. */
    private CsrMatrix(int rows, int cols, int[] rowPointers, int[] columnIndices, double[] values, boolean trusted) {
        this.rows = rows;
        this.cols = cols;
        this.rowPointers = rowPointers;
        this.columnIndices = columnIndices;
        this.values = values;
    }

    /**
     * A matrix over arrays that a class of this package built and checked itself and never
     * changes again ({@link ItemMap}'s shared positions and a fresh values array): kept, not
     * copied, so a Jacobian of millions of entries is not copied once more on its way out.
     */
    static CsrMatrix sharing(int rows, int cols, int[] rowPointers, int[] columnIndices, double[] values) {
        return new CsrMatrix(rows, cols, rowPointers, columnIndices, values, true);
    }

    /**
     * A matrix with the same stored positions and new values: what a sparse Jacobian at
     * another point is. The positions are shared (they never change), the values copied, so it
     * costs one copy of the values and no check of the structure.
     *
     * @param values one value per stored entry, row after row
     * @return the new matrix
     * @throws IllegalArgumentException if {@code values} does not have {@link #nonZeros()} elements
     */
    public CsrMatrix withValues(double[] values) {
        if (values.length != this.values.length) {
            throw new IllegalArgumentException("need " + this.values.length + " values, got " + values.length);
        }
        return new CsrMatrix(this, values.clone());
    }

    /**
     * The sparse form of a dense matrix, storing its entries that are not 0 (a NaN is stored).
     *
     * @param dense rows of equal length (no rows gives a 0 × 0 matrix)
     * @return the matrix
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static CsrMatrix fromDense(double[][] dense) {
        int r = dense.length;
        int c = r == 0 ? 0 : dense[0].length;
        int[] ptr = new int[r + 1];
        int count = 0;
        for (int i = 0; i < r; i++) {
            if (dense[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + dense[i].length + " entries, row 0 has " + c);
            }
            for (double v : dense[i]) {
                count += v != 0 ? 1 : 0;
            }
            ptr[i + 1] = count;
        }
        int[] idx = new int[count];
        double[] val = new double[count];
        for (int i = 0, k = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                if (dense[i][j] != 0) {
                    idx[k] = j;
                    val[k++] = dense[i][j];
                }
            }
        }
        return new CsrMatrix(r, c, ptr, idx, val);
    }

    /**
     * The number of rows.
     *
     * @return rows
     */
    public int rows() {
        return rows;
    }

    /**
     * The number of columns.
     *
     * @return cols
     */
    public int cols() {
        return cols;
    }

    /**
     * The number of stored entries (the pattern's non-zeros, some of which may hold 0).
     *
     * @return nnz
     */
    public int nonZeros() {
        return values.length;
    }

    /**
     * The row pointers.
     *
     * @return a copy: rows + 1 offsets into the column indices and values
     */
    public int[] rowPointers() {
        return rowPointers.clone();
    }

    /**
     * The column of each stored entry, row after row.
     *
     * @return a copy, {@link #nonZeros()} long
     */
    public int[] columnIndices() {
        return columnIndices.clone();
    }

    /**
     * The value of each stored entry, row after row.
     *
     * @return a copy, {@link #nonZeros()} long
     */
    public double[] values() {
        return values.clone();
    }

    /**
     * Copies the stored values into an array the caller owns, without allocating.
     *
     * @param into receives the {@link #nonZeros()} values, row after row
     * @return {@code into}
     * @throws IllegalArgumentException if {@code into} has another length
     */
    public double[] values(double[] into) {
        if (into.length != values.length) {
            throw new IllegalArgumentException("need " + values.length + " values, the array has " + into.length);
        }
        System.arraycopy(values, 0, into, 0, values.length);
        return into;
    }

    /**
     * One entry, by binary search in its row.
     *
     * @param i the row, in [0, rows)
     * @param j the column, in [0, cols)
     * @return the stored value, or 0 if (i, j) is not stored
     * @throws IndexOutOfBoundsException if (i, j) is outside the matrix
     */
    public double get(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") is outside a " + rows + " × " + cols + " matrix");
        }
        int k = Arrays.binarySearch(columnIndices, rowPointers[i], rowPointers[i + 1], j);
        return k >= 0 ? values[k] : 0.0;
    }

    /**
     * Whether (i, j) is a stored entry, that is, in the sparsity pattern.
     *
     * @param i the row, in [0, rows)
     * @param j the column, in [0, cols)
     * @return true if stored (whatever its value)
     * @throws IndexOutOfBoundsException if (i, j) is outside the matrix
     */
    public boolean isStored(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") is outside a " + rows + " × " + cols + " matrix");
        }
        return Arrays.binarySearch(columnIndices, rowPointers[i], rowPointers[i + 1], j) >= 0;
    }

    /**
     * The product with a vector, {@code A v}.
     *
     * @param v cols values
     * @return a new array of rows values
     * @throws IllegalArgumentException if {@code v} does not have cols values
     */
    public double[] multiply(double[] v) {
        if (v.length != cols) {
            throw new IllegalArgumentException("a " + rows + " × " + cols + " matrix multiplies vectors of " + cols
                    + " values, got " + v.length);
        }
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int k = rowPointers[i]; k < rowPointers[i + 1]; k++) {
                s += values[k] * v[columnIndices[k]];
            }
            out[i] = s;
        }
        return out;
    }

    /**
     * The dense form.
     *
     * @return a new array of rows × cols entries, 0 where nothing is stored
     */
    public double[][] toDense() {
        double[][] d = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int k = rowPointers[i]; k < rowPointers[i + 1]; k++) {
                d[i][columnIndices[k]] = values[k];
            }
        }
        return d;
    }

    /**
     * Same shape, same stored positions, same values ({@link Double#compare}: NaN equals NaN,
     * 0.0 differs from -0.0). A stored 0 differs from an entry not stored.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CsrMatrix m) || m.rows != rows || m.cols != cols) {
            return false;
        }
        if (!Arrays.equals(m.rowPointers, rowPointers) || !Arrays.equals(m.columnIndices, columnIndices)) {
            return false;
        }
        for (int k = 0; k < values.length; k++) {
            if (Double.compare(m.values[k], values[k]) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * rows + cols) + Arrays.hashCode(columnIndices)) + Arrays.hashCode(values);
    }

    /**
     * The shape and the stored entries, one row per line, e.g.
     * <pre>
     * 3 × 3 CSR, 5 non-zeros
     *   row 0: (0) 2.0  (1) -1.0
     *   row 1: (1) 4.0
     *   row 2: (1) 1.0  (2) 3.0
     * </pre>
     * Rows with no stored entry are left out. At most 50 rows are listed; the rest are counted.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(rows).append(" × ").append(cols).append(" CSR, ").append(values.length)
                .append(values.length == 1 ? " non-zero" : " non-zeros");
        int listed = 0;
        for (int i = 0; i < rows; i++) {
            if (rowPointers[i] == rowPointers[i + 1]) {
                continue;
            }
            if (listed == 50) {
                int left = 0;
                for (int r = i; r < rows; r++) {
                    left += rowPointers[r] < rowPointers[r + 1] ? 1 : 0;
                }
                sb.append("\n  ... ").append(left).append(" more rows");
                break;
            }
            sb.append("\n  row ").append(i).append(':');
            for (int k = rowPointers[i]; k < rowPointers[i + 1]; k++) {
                sb.append(k == rowPointers[i] ? " " : "  ").append('(').append(columnIndices[k]).append(") ")
                        .append(values[k]);
            }
            listed++;
        }
        return sb.toString();
    }
}
