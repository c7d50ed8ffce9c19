package dev.fluxion.compiler.trace;

import java.util.Objects;

/**
 * One line of a trace: {@code name = formula}, and the value at the point.
 *
 * @param name    what the row defines: {@code v2}, the tangent {@code dv2}, the adjoint {@code bv2}
 * @param formula how it is computed from earlier rows (or from an input or a seed)
 * @param value   its value at the point
 */
public record Row(Name name, Formula formula, double value) {
    public Row {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(formula, "formula");
    }

    @Override
    public String toString() {
        return name.plain() + " = " + formula + " = " + value;
    }
}
