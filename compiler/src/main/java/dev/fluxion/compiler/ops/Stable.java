package dev.fluxion.compiler.ops;

import static dev.fluxion.compiler.ops.Algebra.add;
import static dev.fluxion.compiler.ops.Algebra.div;

import dev.fluxion.compiler.ir.Op;
import java.util.List;

/**
 * Accurate forms of compositions that lose precision when written out: log1p x = ln(1 + x)
 * and expm1 x = exp x − 1 near 0, hypot(x, y) = sqrt(x² + y²) without overflow or
 * underflow of the squares.
 */
public final class Stable {

    private Stable() {
    }

    /** log1p x = ln(1 + x), accurate for small x; d log1p x = 1 / (1 + x). */
    public static final Op LOG1P = ScalarOp.call("log1p", 1)
            .eval(a -> Math.log1p(a[0]))
            .partials((b, ans, x) -> div(b, b.constant(1.0), add(b, b.constant(1.0), x[0])))
            .emitCall(Math.class, "log1p")
            .build();

    /** expm1 x = exp x − 1, accurate for small x; d expm1 x = exp x. */
    public static final Op EXPM1 = ScalarOp.call("expm1", 1)
            .eval(a -> Math.expm1(a[0]))
            .partials((b, ans, x) -> b.apply(Elementary.EXP, x[0]))
            .emitCall(Math.class, "expm1")
            .build();

    /**
     * hypot(x, y) = sqrt(x² + y²); d/dx = x / hypot, d/dy = y / hypot. At (0, 0), where the
     * norm has a cone point and no derivative, both are 0/0 = NaN (IEEE, like sqrt′(0) =
     * Infinity; the README lists the edges).
     */
    public static final Op HYPOT = ScalarOp.call("hypot", 2)
            .eval(a -> Math.hypot(a[0], a[1]))
            .partials((b, ans, x) -> div(b, x[0], ans), (b, ans, x) -> div(b, x[1], ans))
            .emitCall(Math.class, "hypot")
            .build();

    /** The family, in table order. */
    public static List<Op> all() {
        return List.of(LOG1P, EXPM1, HYPOT);
    }
}
