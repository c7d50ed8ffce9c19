package dev.fluxion.compiler.ops;

import static dev.fluxion.compiler.ops.Algebra.add;
import static dev.fluxion.compiler.ops.Algebra.div;
import static dev.fluxion.compiler.ops.Algebra.mul;
import static dev.fluxion.compiler.ops.Algebra.neg;
import static dev.fluxion.compiler.ops.Algebra.sub;

import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Op;
import java.util.List;

/**
 * The inverse trigonometric functions: asin, acos, atan and the two-argument atan2. Each
 * derivative is built from ops of the table, so it can be differentiated again.
 */
public final class InverseTrig {

    private InverseTrig() {
    }

    /**
     * asin x, for |x| ≤ 1; d asin x = 1 / sqrt((1 − x)(1 + x)), the factored form of
     * 1/sqrt(1 − x²). +Infinity at ±1 (the one-sided derivative), NaN beyond.
     */
    public static final Op ASIN = ScalarOp.call("asin", 1)
            .eval(a -> Math.asin(a[0]))
            .partials((b, ans, x) -> div(b, b.constant(1.0), rootOneMinusSquare(b, x[0])))
            .emitCall(Math.class, "asin")
            .build();

    /** acos x, for |x| ≤ 1; d acos x = −1 / sqrt((1 − x)(1 + x)); −Infinity at ±1, NaN beyond. */
    public static final Op ACOS = ScalarOp.call("acos", 1)
            .eval(a -> Math.acos(a[0]))
            .partials((b, ans, x) -> div(b, b.constant(-1.0), rootOneMinusSquare(b, x[0])))
            .emitCall(Math.class, "acos")
            .build();

    /** atan x; d atan x = 1 / (1 + x²). */
    public static final Op ATAN = ScalarOp.call("atan", 1)
            .eval(a -> Math.atan(a[0]))
            .partials((b, ans, x) -> div(b, b.constant(1.0), add(b, b.constant(1.0), mul(b, x[0], x[0]))))
            .emitCall(Math.class, "atan")
            .build();

    /**
     * atan2(y, x), the angle of the point (x, y) in (−π, π] (Java's argument order, y first);
     * d/dy = x / (x² + y²), d/dx = −y / (x² + y²), computed as 1/(x + y·(y/x)) and
     * −1/(y + x·(x/y)) so that an infinite argument gives the limit 0 and x² + y² cannot
     * overflow (long-fuzz finding: atan2(x, 1e999) had a NaN derivative). At the origin both are NaN: the
     * angle has no derivative there. Across the negative x axis atan2 jumps by 2π; the
     * derivative is that of either side (the jump itself is not differentiated).
     */
    public static final Op ATAN2 = ScalarOp.call("atan2", 2)
            .eval(a -> Math.atan2(a[0], a[1]))
            .partials((b, ans, x) -> reciprocalPlus(b, x[1], x[0]),
                    (b, ans, x) -> neg(b, reciprocalPlus(b, x[0], x[1])))
            .emitCall(Math.class, "atan2")
            .build();

    /** sqrt((1 − x)(1 + x)). */
    private static int rootOneMinusSquare(GraphBuilder b, int x) {
        return b.apply(Elementary.SQRT, mul(b, sub(b, b.constant(1.0), x), add(b, b.constant(1.0), x)));
    }

    /**
     * 1/(u + v·(v/u)), which is u/(u² + v²) written so that an infinite u gives the limit 0
     * (not Infinity/Infinity), u = 0 with v ≠ 0 gives 0 (1/(0 + Infinity)), and u² + v² never
     * overflows (1e200, 1e200 gives 5e-201, not 0); NaN at u = v = 0.
     */
    private static int reciprocalPlus(GraphBuilder b, int u, int v) {
        return div(b, b.constant(1.0), add(b, u, mul(b, v, div(b, v, u))));
    }

    /** The family, in table order. */
    public static List<Op> all() {
        return List.of(ASIN, ACOS, ATAN, ATAN2);
    }
}
