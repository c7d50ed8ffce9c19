package dev.fluxion.compiler;

import dev.fluxion.compiler.sparse.Dependencies;
import dev.fluxion.compiler.sparse.HessianPlan;
import dev.fluxion.compiler.sparse.JacobianPlan;

/**
 * The sparse plans of one compiled function, each found on first use and kept: the pattern
 * and the colorings depend on the program only, never on the point. A plan is computed once,
 * under this object's lock (double-checked), so threads asking at once wait for the one result.
 */
final class SparseDerivatives {

    private final Compilation compilation;
    private volatile JacobianPlan jacobian;
    private volatile HessianPlan hessian;

    SparseDerivatives(Compilation compilation) {
        this.compilation = compilation;
    }

    JacobianPlan jacobian() {
        JacobianPlan p = jacobian;
        if (p == null) {
            synchronized (this) {
                p = jacobian;
                if (p == null) {
                    p = JacobianPlan.of(Dependencies.jacobian(compilation.primalWithLoops()));
                    jacobian = p;
                }
            }
        }
        return p;
    }

    HessianPlan hessian() {
        HessianPlan p = hessian;
        if (p == null) {
            synchronized (this) {
                p = hessian;
                if (p == null) {
                    p = HessianPlan.of(Dependencies.hessian(compilation.primalWithLoops(), compilation.options().rules()));
                    hessian = p;
                }
            }
        }
        return p;
    }

    /** The direction a mode means: AUTO the one with fewer colors. */
    JacobianPlan.Direction direction(Mode mode) {
        return switch (mode) {
            case FORWARD -> JacobianPlan.Direction.COLUMNS;
            case REVERSE -> JacobianPlan.Direction.ROWS;
            case AUTO -> jacobian().preferred();
        };
    }

    Sparsity jacobianReport(Mode mode) {
        JacobianPlan p = jacobian();
        JacobianPlan.Direction d = direction(mode);
        JacobianPlan.Direction other = d == JacobianPlan.Direction.COLUMNS ? JacobianPlan.Direction.ROWS
                : JacobianPlan.Direction.COLUMNS;
        boolean exact = p.colored(other);
        int otherColors = exact ? p.colors(other) : p.lowerBound(other);
        int taken = p.colors(d);
        boolean columns = d == JacobianPlan.Direction.COLUMNS;
        return new Sparsity(false, p.pattern().rows(), p.pattern().cols(), p.pattern().nonZeros(),
                columns ? Mode.FORWARD : Mode.REVERSE, taken, columns ? taken : otherColors,
                columns ? otherColors : taken, exact);
    }

    Sparsity hessianReport() {
        HessianPlan p = hessian();
        return new Sparsity(true, p.pattern().rows(), p.pattern().cols(), p.pattern().nonZeros(), Mode.FORWARD,
                p.coloring().count(), p.distance2Colors(), p.starColors(), p.distance2Exact());
    }
}
