package dev.fluxion.compiler.sparse;

import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.sparse.CsrMatrix;

/**
 * How a sparse Jacobian is computed, decided once per function: its pattern, a distance-2
 * coloring of its columns and one of its rows, and the recovery of each. By columns it costs one
 * compressed JVP per column color (all of them in one {@code jvpMany}, which shares the primal
 * values and local partials); by rows, one VJP per row color. {@link #preferred} is the one with
 * fewer colors (columns on a tie, as one {@code jvpMany} beats as many separate sweeps).
 * Immutable, so one plan serves every thread.
 */
public final class JacobianPlan {

    /** Which products compress the Jacobian. */
    public enum Direction {
        /** Columns grouped by color, one Jacobian-vector product (forward mode) per color. */
        COLUMNS,
        /** Rows grouped by color, one vector-Jacobian product (reverse mode) per color. */
        ROWS
    }

    private final Pattern pattern;
    private final Coloring columns;
    private final Coloring rows;
    private final Recovery byColumns;
    private final Recovery byRows;
    private final double[] columnSeeds;

    private JacobianPlan(Pattern pattern) {
        this.pattern = pattern;
        this.columns = Coloring.columns(pattern);
        this.rows = Coloring.rows(pattern);
        this.byColumns = Recovery.columns(pattern, columns);
        this.byRows = Recovery.rows(pattern, rows);
        this.columnSeeds = columns.seeds();
    }

    /**
     * The plan for a pattern: both colorings and both recoveries.
     *
     * @param pattern outputs × inputs
     * @return the plan
     */
    public static JacobianPlan of(Pattern pattern) {
        return new JacobianPlan(pattern);
    }

    /** @return the sparsity pattern, outputs × inputs */
    public Pattern pattern() {
        return pattern;
    }

    /** @return the coloring of the columns (inputs) */
    public Coloring columnColoring() {
        return columns;
    }

    /** @return the coloring of the rows (outputs) */
    public Coloring rowColoring() {
        return rows;
    }

    /** @return the direction with fewer colors, columns on a tie */
    public Direction preferred() {
        return rows.count() < columns.count() ? Direction.ROWS : Direction.COLUMNS;
    }

    /**
     * The number of products a direction needs.
     *
     * @param d the direction
     * @return its number of colors
     */
    public int colors(Direction d) {
        return d == Direction.COLUMNS ? columns.count() : rows.count();
    }

    /**
     * The Jacobian at a point.
     *
     * @param f the generated function; by columns it needs {@code jvpMany}, by rows {@code vjp}
     * @param x the point, one value per input
     * @param d the direction
     * @return the Jacobian with the pattern's entries
     */
    public CsrMatrix evaluate(DifferentiableFunction f, double[] x, Direction d) {
        int m = pattern.cols();
        int n = pattern.rows();
        if (x.length != m) {
            throw new IllegalArgumentException("the point must have " + m + " values, got " + x.length);
        }
        double[] y = new double[n];
        if (d == Direction.COLUMNS) {
            int k = columns.count();
            double[] compressed = new double[k * n];
            if (k > 0) {
                f.jvpMany(x, columnSeeds, k, y, compressed);
            }
            return byColumns.scatter(compressed);
        }
        int k = rows.count();
        double[] compressed = new double[k * m];
        double[] ybar = new double[n];
        double[] xbar = new double[m];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                ybar[i] = rows.color(i) == c ? 1.0 : 0.0;
            }
            f.vjp(x, ybar, y, xbar);
            System.arraycopy(xbar, 0, compressed, c * m, m);
        }
        return byRows.scatter(compressed);
    }
}
