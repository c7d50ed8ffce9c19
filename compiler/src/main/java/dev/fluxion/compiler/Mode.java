package dev.fluxion.compiler;

/** How a derivative is computed: by tangents (forward), by adjoints (reverse), or chosen from the shape. */
public enum Mode {
    /** Forward mode: one tangent sweep per input (or K at once). */
    FORWARD,
    /** Reverse mode: one adjoint sweep per output. */
    REVERSE,
    /** Forward when there are fewer inputs than outputs, reverse otherwise. */
    AUTO;

    /** The mode AUTO resolves to for a function with m inputs and n outputs. */
    public static Mode forShape(int m, int n) {
        return m < n ? FORWARD : REVERSE;
    }
}
