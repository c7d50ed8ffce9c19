package dev.fluxion.compiler.sparse;

import dev.fluxion.runtime.sparse.CsrMatrix;

/**
 * Where each entry of a sparse matrix is read from the compressed products: entry k of the
 * pattern (in CSR order) is element {@code position(k)} of product {@code seed(k)}, one product
 * per color. Computed once per pattern and coloring; {@link #scatter} then turns the products
 * of any point into the matrix. Immutable.
 *
 * <ul>
 *   <li>Columns ({@link #columns}): product c is J·s_c, the JVP with the seed s_c that sums the
 *       unit vectors of color c's columns; entry (i, j) is its element i, from product color(j).</li>
 *   <li>Rows ({@link #rows}): product c is s_cᵀ·J, the VJP of color c's rows; entry (i, j) is its
 *       element j, from product color(i).</li>
 *   <li>Symmetric ({@link #symmetric}): product c is H·s_c, a Hessian-vector product; the
 *       diagonal entry (i, i) is element i of product color(i); an off-diagonal entry (i, j) is
 *       element i of product color(j) when j is i's only neighbour of its color, else element j
 *       of product color(i), which a star coloring guarantees then to be exact; (j, i) is read
 *       where (i, j) is, so the result is exactly symmetric.</li>
 * </ul>
 */
public final class Recovery {

    private final Pattern pattern;
    /** The pattern as a matrix of zeros, checked once; each result shares its positions. */
    private final CsrMatrix structure;
    private final int products;
    private final int length;
    private final int[] seed;
    private final int[] position;

    private Recovery(Pattern pattern, int products, int length, int[] seed, int[] position) {
        this.pattern = pattern;
        this.structure = new CsrMatrix(pattern.rows(), pattern.cols(), pattern.rowPointers(), pattern.columnIndices(),
                new double[pattern.nonZeros()]);
        this.products = products;
        this.length = length;
        this.seed = seed;
        this.position = position;
    }

    /**
     * Recovery from one JVP per column color.
     *
     * @param p the pattern
     * @param columns a valid column coloring of it
     * @return the recovery; each product has p.rows() elements
     */
    public static Recovery columns(Pattern p, Coloring columns) {
        requireValid(Coloring.isValidForColumns(p, columns), "the column coloring lets two columns of a color share a row");
        int[] seed = new int[p.nonZeros()];
        int[] position = new int[p.nonZeros()];
        for (int i = 0; i < p.rows(); i++) {
            for (int k = p.start(i); k < p.end(i); k++) {
                seed[k] = columns.color(p.column(k));
                position[k] = i;
            }
        }
        return new Recovery(p, columns.count(), p.rows(), seed, position);
    }

    /**
     * Recovery from one VJP per row color.
     *
     * @param p the pattern
     * @param rows a valid row coloring of it (a column coloring of its transpose)
     * @return the recovery; each product has p.cols() elements
     */
    public static Recovery rows(Pattern p, Coloring rows) {
        requireValid(Coloring.isValidForColumns(p.transpose(), rows), "the row coloring lets two rows of a color share a column");
        int[] seed = new int[p.nonZeros()];
        int[] position = new int[p.nonZeros()];
        for (int i = 0; i < p.rows(); i++) {
            for (int k = p.start(i); k < p.end(i); k++) {
                seed[k] = rows.color(i);
                position[k] = p.column(k);
            }
        }
        return new Recovery(p, rows.count(), p.cols(), seed, position);
    }

    /**
     * Recovery of a symmetric matrix by a distance-2 column coloring (which ignores the
     * symmetry): entry (i, j) with j ≥ i is element i of the product for color(j), and (j, i) is
     * read from the same place, so the result is exactly symmetric.
     *
     * @param p a symmetric pattern
     * @param columns a valid column coloring of it
     * @return the recovery; each product has p.rows() elements
     */
    public static Recovery columnsSymmetric(Pattern p, Coloring columns) {
        Recovery r = columns(p, columns);
        for (int i = 0; i < p.rows(); i++) {
            for (int k = p.start(i); k < p.end(i); k++) {
                int j = p.column(k);
                if (j < i) {
                    int upper = p.position(j, i);
                    requireValid(upper >= 0, "the pattern is not symmetric at (" + i + ", " + j + ")");
                    r.seed[k] = r.seed[upper];
                    r.position[k] = r.position[upper];
                }
            }
        }
        return r;
    }

    /**
     * Direct recovery of a symmetric matrix from one Hessian-vector product per color.
     *
     * @param p a symmetric pattern
     * @param star a star coloring of it
     * @return the recovery; each product has p.rows() elements
     * @throws IllegalArgumentException if an entry cannot be read directly (not a star coloring)
     *         or the pattern is not symmetric
     */
    public static Recovery symmetric(Pattern p, Coloring star) {
        int n = p.rows();
        // neighbours[i * count + c]: how many neighbours (off the diagonal) of i have color c.
        int[] neighbours = new int[n * star.count()];
        for (int i = 0; i < n; i++) {
            for (int k = p.start(i); k < p.end(i); k++) {
                int j = p.column(k);
                if (j != i) {
                    neighbours[i * star.count() + star.color(j)]++;
                }
            }
        }
        int[] seed = new int[p.nonZeros()];
        int[] position = new int[p.nonZeros()];
        for (int i = 0; i < n; i++) {
            for (int k = p.start(i); k < p.end(i); k++) {
                int j = p.column(k);
                if (j < i) {
                    // The lower triangle reads where the upper one does: exactly symmetric.
                    int upper = p.position(j, i);
                    requireValid(upper >= 0, "the pattern is not symmetric at (" + i + ", " + j + ")");
                    seed[k] = seed[upper];
                    position[k] = position[upper];
                    continue;
                }
                requireValid(j == i || star.color(i) != star.color(j), "adjacent columns " + i + " and " + j
                        + " share a color");
                if (j == i || neighbours[i * star.count() + star.color(j)] == 1) {
                    seed[k] = star.color(j);
                    position[k] = i;
                } else {
                    requireValid(neighbours[j * star.count() + star.color(i)] == 1, "entry (" + i + ", " + j
                            + ") cannot be read directly: not a star coloring");
                    seed[k] = star.color(i);
                    position[k] = j;
                }
            }
        }
        return new Recovery(p, star.count(), n, seed, position);
    }

    private static void requireValid(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** @return the pattern recovered */
    public Pattern pattern() {
        return pattern;
    }

    /** @return the number of products (colors) */
    public int products() {
        return products;
    }

    /** @return the number of elements of each product */
    public int length() {
        return length;
    }

    /**
     * The matrix from the products.
     *
     * @param compressed {@link #products()} rows of {@link #length()}, flat, row-major
     * @return the sparse matrix with the pattern's entries
     */
    public CsrMatrix scatter(double[] compressed) {
        if (compressed.length != products * length) {
            throw new IllegalArgumentException("need " + products + " products of " + length + ", got "
                    + compressed.length + " values");
        }
        double[] values = new double[seed.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = compressed[seed[k] * length + position[k]];
        }
        return structure.withValues(values);
    }
}
