package dev.fluxion.compiler.diff;

/**
 * The kinds of derivative program a function's class is built from, each with its ports
 * (named in {@link Derivatives}):
 *
 * <ul>
 *   <li>{@link #GRADIENT}: inputs x; outputs y, grad (reverse mode, seed 1; scalar functions)</li>
 *   <li>{@link #VJP}: inputs x, ybar; outputs y, xbar (reverse mode; functions with several outputs)</li>
 *   <li>{@link #JVP}: inputs x, xdot; outputs y, dy (forward mode)</li>
 *   <li>{@link #HVP}: inputs x, v; outputs y, grad, dy, dgrad (forward over reverse; scalar functions)</li>
 *   <li>{@link #JACOBIAN}: inputs x; outputs y, jac (reverse mode written out, one sweep per output
 *       seeded by that output alone; functions with a few outputs)</li>
 * </ul>
 */
public enum DerivativeKind {
    GRADIENT("gradient"),
    VJP("vjp"),
    JVP("jvp"),
    HVP("hvp"),
    JACOBIAN("jacobian");

    private final String label;

    DerivativeKind(String label) {
        this.label = label;
    }

    /**
     * How dumps and printed programs name it ({@code gradient}, {@code vjp}, {@code jvp},
     * {@code hvp}, {@code jacobian}): {@code --dump-after} headings and the names of printed programs
     * ({@code f_gradient}).
     */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
