package dev.fluxion.compiler.simplify;

/**
 * When a rule runs. FOLD and CANONICALIZE run as every node is built (so lowering and
 * differentiation never build {@code x*1}); STABILIZE replaces numerically unstable forms
 * before differentiation; SPECIALIZE picks cheaper forms for code generation.
 */
public enum Phase {
    /** Evaluates operations on constants. */
    FOLD,
    /** Rewrites to one normal form ({@code x*1} to {@code x}, constants first). */
    CANONICALIZE,
    /** Replaces numerically unstable forms ({@code ln(1 + exp(x))} to {@code softplus(x)}). */
    STABILIZE,
    /** Picks cheaper forms for code generation. */
    SPECIALIZE;

    /**
     * Whether the phase is applied at construction time.
     *
     * @return true for FOLD and CANONICALIZE
     */
    public boolean atConstruction() {
        return this == FOLD || this == CANONICALIZE;
    }
}
