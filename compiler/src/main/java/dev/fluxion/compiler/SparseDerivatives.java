package dev.fluxion.compiler;

import dev.fluxion.compiler.sparse.Dependencies;
import dev.fluxion.compiler.sparse.HessianPlan;
import dev.fluxion.compiler.sparse.JacobianPlan;

/**
 * The sparse plans of one compiled function, each found on first use and kept: the pattern
 * and the colorings depend on the program only, never on the point. A plan is computed once,
 * under this object's lock (double-checked), so threads asking at once wait for the one result.
 *
 * <p>A function that gathers its inputs by data ({@code x[idx[k]]}) reads which inputs its index
 * arrays say: each data binding has plans of its own, read with its data, and kept only while the
 * index arrays hold what they held then (the arrays are kept without copying, so each call
 * compares them with a copy taken when the plans were read, and reads the plans again when one
 * changed): never a pattern of other data.
 */
final class SparseDerivatives {

    private final Compilation compilation;
    /** The data a gathering function's plans are read with; null for a function whose plans do not depend on data. */
    private final double[][] data;
    /** The data ports the gathers index by, and a copy of each as the plans were read (guarded by this). */
    private final int[] indexPorts;
    private double[][] indices;
    private volatile JacobianPlan jacobian;
    private volatile HessianPlan hessian;

    SparseDerivatives(Compilation compilation) {
        this(compilation, null);
    }

    private SparseDerivatives(Compilation compilation, double[][] data) {
        this.compilation = compilation;
        this.data = data;
        java.util.TreeSet<Integer> ports = new java.util.TreeSet<>();
        java.util.List<dev.fluxion.compiler.ir.LoopSum> loops = compilation.tensor() != null ? java.util.List.of()
                : compilation.keptLoops().loops();  // (a function of the tensor back end has no sparse form)
        for (dev.fluxion.compiler.ir.LoopSum l : loops) {
            l.gathers().forEach(g -> g.forEach(gather -> ports.add(gather.dataPort() - 2)));
        }
        this.indexPorts = ports.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The plans of this function bound to {@code data}: these, unless the patterns depend on the data. */
    SparseDerivatives boundTo(double[][] data) {
        return indexPorts.length == 0 ? this : new SparseDerivatives(compilation, data);
    }

    /** Forgets the plans when an index array no longer holds what it held when they were read. */
    private void forgetIfIndicesChanged() {
        boolean same = indices != null;
        for (int k = 0; same && k < indexPorts.length; k++) {
            same = java.util.Arrays.equals(indices[k], data[indexPorts[k]]);
        }
        if (!same) {
            jacobian = null;
            hessian = null;
            indices = new double[indexPorts.length][];
            for (int k = 0; k < indexPorts.length; k++) {
                indices[k] = data[indexPorts[k]].clone();
            }
        }
    }

    JacobianPlan jacobian() {
        if (indexPorts.length > 0 && data != null) {
            synchronized (this) {
                forgetIfIndicesChanged();
                if (jacobian == null) {
                    jacobian = JacobianPlan.of(Dependencies.jacobian(compilation.primalWithLoops(), data));
                }
                return jacobian;
            }
        }
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
        if (indexPorts.length > 0 && data != null) {
            synchronized (this) {
                forgetIfIndicesChanged();
                if (hessian == null) {
                    hessian = HessianPlan.of(Dependencies.hessian(compilation.primalWithLoops(),
                            compilation.options().rules(), data));
                }
                return hessian;
            }
        }
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
