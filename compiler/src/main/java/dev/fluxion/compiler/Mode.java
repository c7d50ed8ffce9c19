package dev.fluxion.compiler;

/**
 * How a derivative is computed: by tangents (forward), by adjoints (reverse), or chosen
 * from the shape. Both give the same numbers up to rounding; they differ in cost. For
 * f: R^m -> R^n a full Jacobian takes m forward passes or n reverse sweeps, so reverse mode
 * wins for the usual case of many inputs and one output (a loss), forward mode when there
 * are few inputs and many outputs. Reverse mode also keeps the primal values until the
 * backward part reads them, so it needs more storage.
 */
public enum Mode {
    /** Forward mode: one tangent sweep per input (or K at once). */
    FORWARD,
    /** Reverse mode: one adjoint sweep per output. */
    REVERSE,
    /** Forward when there are fewer inputs than outputs, reverse otherwise. */
    AUTO;

    /**
     * The mode {@link #AUTO} resolves to: the one that needs fewer passes.
     *
     * @param m the number of inputs
     * @param n the number of outputs
     * @return {@link #FORWARD} when {@code m < n}, else {@link #REVERSE} (a tie goes to reverse,
     *         which has fewer operations per pass in the generated code)
     */
    public static Mode forShape(int m, int n) {
        return m < n ? FORWARD : REVERSE;
    }
}
