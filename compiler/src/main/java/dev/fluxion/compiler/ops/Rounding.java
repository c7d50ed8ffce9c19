package dev.fluxion.compiler.ops;

import dev.fluxion.compiler.ir.Op;
import java.util.List;

/**
 * Piecewise-constant functions: floor and ceil. Their derivative is 0 wherever it exists,
 * and is taken as 0 at the jumps too (where none exists), in both modes; so a gradient
 * never flows through rounding. ({@code sign}, also piecewise constant, is with the
 * activations, as the derivative of abs.)
 */
public final class Rounding {

    private Rounding() {
    }

    /** floor x, the largest whole number ≤ x; d floor = 0 (also at the whole numbers, by convention). */
    public static final Op FLOOR = ScalarOp.call("floor", 1)
            .eval(a -> Math.floor(a[0]))
            .partials(ScalarOp.ZERO)
            .emitCall(Math.class, "floor")
            .build();

    /** ceil x, the least whole number ≥ x; d ceil = 0 (also at the whole numbers, by convention). */
    public static final Op CEIL = ScalarOp.call("ceil", 1)
            .eval(a -> Math.ceil(a[0]))
            .partials(ScalarOp.ZERO)
            .emitCall(Math.class, "ceil")
            .build();

    /** The family, in table order. */
    public static List<Op> all() {
        return List.of(FLOOR, CEIL);
    }
}
