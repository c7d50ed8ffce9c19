package dev.fluxion.compiler.sparse;

import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.sparse.CsrMatrix;

/**
 * How a sparse Jacobian is computed, decided once per function: its pattern, a distance-2
 * coloring of its columns and one of its rows, and the recovery of each. By columns it costs one
 * compressed JVP per column color (all of them in one {@code jvpMany}, which in small functions
 * shares the primal values and local partials); by rows, one VJP per row color. {@link #preferred}
 * is the one with fewer colors (columns on a tie).
 *
 * <p>Coloring a direction costs the sum of the squared lengths of the lines it looks across
 * ({@link Coloring#cost}), quadratic in a dense row: the columns of a gradient's one row of a
 * million entries would take 10^12 steps. So the cheaper direction is colored first, and the
 * other only if its lower bound (its densest line: the most entries in a row for the columns, in
 * a column for the rows) says it could need as few colors, or if coloring it is cheap (at most
 * {@value #CHEAP_STEPS} steps, so that the report can compare the two). A direction not colored
 * then is colored when asked for ({@link #colors}, {@link #evaluate}), once.
 *
 * <p>Thread safety: the pattern and the decision are final; the colorings, recoveries and seeds
 * are computed once under the plan's lock and never change, so one plan serves every thread.
 */
public final class JacobianPlan {

    /** Which products compress the Jacobian. */
    public enum Direction {
        /** Columns grouped by color, one Jacobian-vector product (forward mode) per color. */
        COLUMNS,
        /** Rows grouped by color, one vector-Jacobian product (reverse mode) per color. */
        ROWS
    }

    /** A coloring this cheap ({@link Coloring#cost}) is computed even when it cannot win, for the report. */
    public static final long CHEAP_STEPS = 1L << 24;

    private final Pattern pattern;
    private final Pattern transpose;
    private final Direction preferred;
    private Coloring columns;
    private Coloring rows;
    private Recovery byColumns;
    private Recovery byRows;
    private double[] columnSeeds;

    private JacobianPlan(Pattern pattern) {
        this.pattern = pattern;
        this.transpose = pattern.transpose();
        int rowBound = transpose.maxRowCount();
        int columnBound = pattern.maxRowCount();
        long columnCost = Coloring.cost(pattern);
        long rowCost = Coloring.cost(transpose);
        if (columnCost <= rowCost) {
            int c = colors(Direction.COLUMNS);
            boolean tryRows = rowBound < c || rowCost <= CHEAP_STEPS;
            preferred = tryRows && colors(Direction.ROWS) < c ? Direction.ROWS : Direction.COLUMNS;
        } else {
            int r = colors(Direction.ROWS);
            boolean tryColumns = columnBound <= r || columnCost <= CHEAP_STEPS;
            preferred = tryColumns && colors(Direction.COLUMNS) <= r ? Direction.COLUMNS : Direction.ROWS;
        }
    }

    /**
     * The plan for a pattern: the cheaper direction colored, the other if it could win.
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

    /** @return the direction with fewer colors, columns on a tie */
    public Direction preferred() {
        return preferred;
    }

    /**
     * Whether a direction has been colored (the preferred one always is).
     *
     * @param d the direction
     * @return true if {@link #colors} is known without further work
     */
    public synchronized boolean colored(Direction d) {
        return (d == Direction.COLUMNS ? columns : rows) != null;
    }

    /**
     * A lower bound on a direction's colors: its densest line's entries (exact for a banded or
     * dense line), known without coloring.
     *
     * @param d the direction
     * @return the bound
     */
    public int lowerBound(Direction d) {
        return d == Direction.COLUMNS ? pattern.maxRowCount() : transpose.maxRowCount();
    }

    /**
     * The coloring of a direction, computed on first use.
     *
     * @param d the direction
     * @return the coloring of the columns (inputs) or of the rows (outputs)
     */
    public synchronized Coloring coloring(Direction d) {
        if (d == Direction.COLUMNS) {
            if (columns == null) {
                columns = Coloring.columns(pattern);
                byColumns = Recovery.columns(pattern, columns);
            }
            return columns;
        }
        if (rows == null) {
            rows = Coloring.rows(pattern);
            byRows = Recovery.rows(pattern, rows);
        }
        return rows;
    }

    /**
     * The number of products a direction needs (coloring it if it was not).
     *
     * @param d the direction
     * @return its number of colors
     */
    public int colors(Direction d) {
        return coloring(d).count();
    }

    private synchronized Recovery recovery(Direction d) {
        coloring(d);
        return d == Direction.COLUMNS ? byColumns : byRows;
    }

    private synchronized double[] columnSeeds() {
        if (columnSeeds == null) {
            columnSeeds = coloring(Direction.COLUMNS).seeds();
        }
        return columnSeeds;
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
        Coloring coloring = coloring(d);
        Recovery recovery = recovery(d);
        int k = coloring.count();
        double[] y = new double[n];
        if (d == Direction.COLUMNS) {
            double[] compressed = new double[k * n];
            if (k > 0) {
                f.jvpMany(x, columnSeeds(), k, y, compressed);
            }
            return recovery.scatter(compressed);
        }
        double[] compressed = new double[k * m];
        double[] ybar = new double[n];
        double[] xbar = new double[m];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                ybar[i] = coloring.color(i) == c ? 1.0 : 0.0;
            }
            f.vjp(x, ybar, y, xbar);
            System.arraycopy(xbar, 0, compressed, c * m, m);
        }
        return recovery.scatter(compressed);
    }
}
