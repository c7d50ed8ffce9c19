package dev.fluxion.compiler.sparse;

import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.sparse.CsrMatrix;

/**
 * How a sparse Hessian is computed, decided once per function: its symmetric pattern, a star
 * coloring of its columns, and the direct recovery of every entry from one Hessian-vector
 * product per color (forward over reverse, each a small multiple of a gradient's cost). Both
 * triangles are stored, each off-diagonal entry once recovered and written to both places, so
 * the result is exactly symmetric. Immutable.
 */
public final class HessianPlan {

    /** The most steps spent on the distance-2 coloring that is only reported for comparison. */
    static final long COMPARISON_STEPS = 1L << 24;

    private final Pattern pattern;
    private final Coloring star;
    private final int distance2;
    private final boolean distance2Exact;
    private final Recovery recovery;
    private final double[] seeds;

    private HessianPlan(Pattern pattern) {
        this.pattern = pattern;
        this.star = StarColoring.of(pattern);
        this.distance2Exact = Coloring.cost(pattern) <= COMPARISON_STEPS;
        this.distance2 = distance2Exact ? Coloring.columns(pattern).count() : pattern.maxRowCount();
        this.recovery = Recovery.symmetric(pattern, star);
        this.seeds = star.seeds();
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

    /** @return the star coloring of the columns */
    public Coloring coloring() {
        return star;
    }

    /**
     * The colors a distance-2 column coloring would need, which ignores symmetry (for comparison
     * only; not computed for a pattern whose coloring would take more than 2^24 steps, then the
     * lower bound, the densest row's entries: see {@link #distance2Exact}).
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
        int k = star.count();
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
