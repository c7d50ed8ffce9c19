package dev.fluxion.compiler.sparse;

import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.sparse.CsrMatrix;

/**
 * How a sparse Hessian is computed, decided once per function: its symmetric pattern, a
 * coloring of its columns, and the direct recovery of every entry from one Hessian-vector
 * product per color (forward over reverse, each a small multiple of a gradient's cost).
 *
 * <p>The coloring is the star coloring ({@link StarColoring}), which uses the symmetry, unless
 * a distance-2 column coloring, which ignores it, needs fewer colors: that happens where the
 * diagonal is structurally zero (f = x·y: one product H·(1, 1) gives both H_xy and H_yx, where
 * a star coloring must separate the adjacent x and y). The distance-2 coloring is tried when it
 * costs at most 2^24 steps ({@link Coloring#cost}); a tie goes to the star coloring.
 *
 * <p>Both triangles are stored, each off-diagonal pair read from one place and written to
 * both, so the result is exactly symmetric. Immutable.
 */
public final class HessianPlan {

    /** The most steps spent on the distance-2 coloring tried beside the star coloring. */
    static final long COMPARISON_STEPS = 1L << 24;

    private final Pattern pattern;
    private final Coloring star;
    private final int distance2;
    private final boolean distance2Exact;
    private final Coloring used;
    private final Recovery recovery;
    private final double[] seeds;

    private HessianPlan(Pattern pattern) {
        this.pattern = pattern;
        this.star = StarColoring.of(pattern);
        this.distance2Exact = Coloring.cost(pattern) <= COMPARISON_STEPS;
        Coloring columns = distance2Exact ? Coloring.columns(pattern) : null;
        this.distance2 = distance2Exact ? columns.count() : pattern.maxRowCount();
        boolean byColumns = columns != null && columns.count() < star.count();
        this.used = byColumns ? columns : star;
        this.recovery = byColumns ? Recovery.columnsSymmetric(pattern, columns) : Recovery.symmetric(pattern, star);
        this.seeds = used.seeds();
    }

    /**
     * The plan for a symmetric pattern.
     *
     * @param symmetric inputs × inputs
     * @return the plan
     */
    public static HessianPlan of(Pattern symmetric) {
        return new HessianPlan(symmetric);
    }

    /** @return the sparsity pattern, symmetric */
    public Pattern pattern() {
        return pattern;
    }

    /** @return the coloring the products use: the star coloring, or the distance-2 one where it needs fewer colors */
    public Coloring coloring() {
        return used;
    }

    /** @return whether the products use the star coloring */
    public boolean usesStar() {
        return used == star;
    }

    /** @return the star coloring's number of colors */
    public int starColors() {
        return star.count();
    }

    /**
     * The colors a distance-2 column coloring needs, which ignores symmetry (not computed for a
     * pattern whose coloring would take more than 2^24 steps: then the lower bound, the densest
     * row's entries; see {@link #distance2Exact}).
     *
     * @return the count, or its lower bound
     */
    public int distance2Colors() {
        return distance2;
    }

    /** @return whether {@link #distance2Colors} is the count itself rather than a lower bound */
    public boolean distance2Exact() {
        return distance2Exact;
    }

    /**
     * The Hessian at a point.
     *
     * @param f the generated function, with {@code hessianVector}
     * @param x the point, one value per input
     * @return the Hessian with the pattern's entries
     */
    public CsrMatrix evaluate(DifferentiableFunction f, double[] x) {
        int m = pattern.rows();
        if (x.length != m) {
            throw new IllegalArgumentException("the point must have " + m + " values, got " + x.length);
        }
        int k = used.count();
        double[] compressed = new double[k * m];
        double[] v = new double[m];
        double[] hv = new double[m];
        for (int c = 0; c < k; c++) {
            System.arraycopy(seeds, c * m, v, 0, m);
            f.hessianVector(x, v, hv);
            System.arraycopy(hv, 0, compressed, c * m, m);
        }
        return recovery.scatter(compressed);
    }
}
