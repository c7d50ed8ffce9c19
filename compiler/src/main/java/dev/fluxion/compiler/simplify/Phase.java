package dev.fluxion.compiler.simplify;

/**
 * When a rule runs. FOLD and CANONICALIZE run as every node is built (so lowering and
 * differentiation never build {@code x*1}); STABILIZE replaces numerically unstable forms
 * before differentiation; SPECIALIZE picks cheaper forms for code generation.
 */
public enum Phase {
    FOLD, CANONICALIZE, STABILIZE, SPECIALIZE;

    /** The phases applied at construction time. */
    public boolean atConstruction() {
        return this == FOLD || this == CANONICALIZE;
    }
}
