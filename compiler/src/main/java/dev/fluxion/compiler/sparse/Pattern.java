package dev.fluxion.compiler.sparse;

import java.util.Arrays;

/**
 * The sparsity pattern of a rows × cols matrix: which entries may be non-zero, in compressed
 * sparse rows (row pointers and increasing column indices, no values). Immutable; the arrays
 * are never handed out, the entries are read through {@link #start}, {@link #end} and
 * {@link #column}.
 */
public final class Pattern {

    private final int rows;
    private final int cols;
    private final int[] pointers;
    private final int[] columns;

    private Pattern(int rows, int cols, int[] pointers, int[] columns) {
        this.rows = rows;
        this.cols = cols;
        this.pointers = pointers;
        this.columns = columns;
    }

    /**
     * A pattern from the columns of each row.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param entries for each row, its columns in increasing order, each in [0, cols)
     * @return the pattern
     * @throws IllegalArgumentException if a row's columns are out of range or not increasing
     */
    public static Pattern ofRows(int rows, int cols, int[][] entries) {
        if (entries.length != rows) {
            throw new IllegalArgumentException(rows + " rows but " + entries.length + " rows of entries");
        }
        int[] ptr = new int[rows + 1];
        for (int i = 0; i < rows; i++) {
            ptr[i + 1] = ptr[i] + entries[i].length;
        }
        int[] idx = new int[ptr[rows]];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < entries[i].length; k++) {
                int c = entries[i][k];
                if (c < 0 || c >= cols || (k > 0 && c <= entries[i][k - 1])) {
                    throw new IllegalArgumentException("row " + i + ": columns must increase within [0, " + cols
                            + "), got " + Arrays.toString(entries[i]));
                }
                idx[ptr[i] + k] = c;
            }
        }
        return new Pattern(rows, cols, ptr, idx);
    }

    /**
     * The pattern of the entries of a dense matrix that are not 0.
     *
     * @param dense rows of equal length
     * @return the pattern
     */
    public static Pattern ofDense(double[][] dense) {
        int cols = dense.length == 0 ? 0 : dense[0].length;
        int[][] entries = new int[dense.length][];
        for (int i = 0; i < dense.length; i++) {
            double[] row = dense[i];
            entries[i] = java.util.stream.IntStream.range(0, cols).filter(j -> row[j] != 0).toArray();
        }
        return ofRows(dense.length, cols, entries);
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** @return the number of columns */
    public int cols() {
        return cols;
    }

    /** @return the number of entries that may be non-zero */
    public int nonZeros() {
        return columns.length;
    }

    /**
     * @param i a row
     * @return the position of row {@code i}'s first entry
     */
    public int start(int i) {
        return pointers[i];
    }

    /**
     * @param i a row
     * @return one past the position of row {@code i}'s last entry
     */
    public int end(int i) {
        return pointers[i + 1];
    }

    /**
     * @param k a position, in [0, nonZeros())
     * @return the column of the entry at position {@code k}
     */
    public int column(int k) {
        return columns[k];
    }

    /**
     * @param i a row
     * @param j a column
     * @return whether (i, j) may be non-zero
     */
    public boolean contains(int i, int j) {
        return position(i, j) >= 0;
    }

    /**
     * @param i a row
     * @param j a column
     * @return the position of entry (i, j), or a negative number if it is not in the pattern
     */
    public int position(int i, int j) {
        return Arrays.binarySearch(columns, pointers[i], pointers[i + 1], j);
    }

    /** @return the largest number of entries in a row: no column coloring needs fewer colors */
    public int maxRowCount() {
        int max = 0;
        for (int i = 0; i < rows; i++) {
            max = Math.max(max, pointers[i + 1] - pointers[i]);
        }
        return max;
    }

    /** @return a copy of the row pointers (rows + 1 offsets) */
    public int[] rowPointers() {
        return pointers.clone();
    }

    /** @return a copy of the column indices, row after row */
    public int[] columnIndices() {
        return columns.clone();
    }

    /**
     * The transpose, by counting: column j of this pattern is row j of the result, its rows
     * in increasing order.
     *
     * @return the cols × rows pattern
     */
    public Pattern transpose() {
        int[] ptr = new int[cols + 1];
        for (int c : columns) {
            ptr[c + 1]++;
        }
        for (int j = 0; j < cols; j++) {
            ptr[j + 1] += ptr[j];
        }
        int[] next = Arrays.copyOf(ptr, cols);
        int[] idx = new int[columns.length];
        for (int i = 0; i < rows; i++) {
            for (int k = pointers[i]; k < pointers[i + 1]; k++) {
                idx[next[columns[k]]++] = i;
            }
        }
        return new Pattern(cols, rows, ptr, idx);
    }

    /**
     * The union of a square pattern with its transpose: the pattern of a symmetric matrix
     * whose entries here are those of one triangle or both.
     *
     * @return the symmetric pattern
     * @throws IllegalStateException if the pattern is not square
     */
    public Pattern symmetrized() {
        if (rows != cols) {
            throw new IllegalStateException("a " + rows + " × " + cols + " pattern is not square");
        }
        Pattern t = transpose();
        int[][] entries = new int[rows][];
        for (int i = 0; i < rows; i++) {
            int[] merged = new int[end(i) - start(i) + t.end(i) - t.start(i)];
            int a = start(i);
            int b = t.start(i);
            int n = 0;
            while (a < end(i) || b < t.end(i)) {
                int ca = a < end(i) ? columns[a] : Integer.MAX_VALUE;
                int cb = b < t.end(i) ? t.columns[b] : Integer.MAX_VALUE;
                int c = Math.min(ca, cb);
                merged[n++] = c;
                a += ca == c ? 1 : 0;
                b += cb == c ? 1 : 0;
            }
            entries[i] = Arrays.copyOf(merged, n);
        }
        return ofRows(rows, cols, entries);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pattern p && p.rows == rows && p.cols == cols && Arrays.equals(p.pointers, pointers)
                && Arrays.equals(p.columns, columns);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(columns);
    }

    /** The shape, the count, and for small patterns a picture: one line per row, {@code x} where an entry may be non-zero. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(rows).append(" × ").append(cols).append(" pattern, ")
                .append(columns.length).append(" non-zeros");
        if (rows <= 40 && cols <= 80) {
            for (int i = 0; i < rows; i++) {
                char[] line = new char[cols];
                Arrays.fill(line, '.');
                for (int k = pointers[i]; k < pointers[i + 1]; k++) {
                    line[columns[k]] = 'x';
                }
                sb.append('\n').append(line);
            }
        }
        return sb.toString();
    }
}
