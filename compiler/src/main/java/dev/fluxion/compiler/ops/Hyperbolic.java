package dev.fluxion.compiler.ops;

import static dev.fluxion.compiler.ops.Algebra.add;
import static dev.fluxion.compiler.ops.Algebra.div;
import static dev.fluxion.compiler.ops.Algebra.mul;
import static dev.fluxion.compiler.ops.Algebra.sub;

import dev.fluxion.compiler.ir.Op;
import dev.fluxion.runtime.Fn;
import java.util.List;

/**
 * The hyperbolic functions and their inverses: sinh, cosh, asinh, acosh, atanh (tanh is
 * with the elementary functions). Each derivative is built from ops of the table, so it
 * can be differentiated again (the Hessian is forward over reverse).
 */
public final class Hyperbolic {

    private Hyperbolic() {
    }

    /** sinh x; d sinh x = cosh x. */
    public static final Op SINH = ScalarOp.call("sinh", 1)
            .eval(a -> Math.sinh(a[0]))
            .partials((b, ans, x) -> b.apply(Hyperbolic.COSH, x[0]))
            .emitCall(Math.class, "sinh")
            .build();

    /** cosh x; d cosh x = sinh x. */
    public static final Op COSH = ScalarOp.call("cosh", 1)
            .eval(a -> Math.cosh(a[0]))
            .partials((b, ans, x) -> b.apply(Hyperbolic.SINH, x[0]))
            .emitCall(Math.class, "cosh")
            .build();

    /** asinh x = ln(x + sqrt(x² + 1)); d asinh x = 1 / sqrt(x² + 1). */
    public static final Op ASINH = ScalarOp.call("asinh", 1)
            .eval(a -> Fn.asinh(a[0]))
            .partials((b, ans, x) -> div(b, b.constant(1.0),
                    b.apply(Elementary.SQRT, add(b, mul(b, x[0], x[0]), b.constant(1.0)))))
            .emitCall(Fn.class, "asinh")
            .build();

    /**
     * acosh x = ln(x + sqrt(x² − 1)), for x ≥ 1; d acosh x = 1 / (sqrt(x − 1) sqrt(x + 1)),
     * written as two roots so that x² − 1 does not cancel near 1. +Infinity at x = 1 (the
     * one-sided derivative), NaN below.
     */
    public static final Op ACOSH = ScalarOp.call("acosh", 1)
            .eval(a -> Fn.acosh(a[0]))
            .partials((b, ans, x) -> div(b, b.constant(1.0),
                    mul(b, b.apply(Elementary.SQRT, sub(b, x[0], b.constant(1.0))),
                            b.apply(Elementary.SQRT, add(b, x[0], b.constant(1.0))))))
            .emitCall(Fn.class, "acosh")
            .build();

    /**
     * atanh x = ½ ln((1 + x)/(1 − x)), for |x| ≤ 1; d atanh x = 1/(1 − x²), computed as
     * cosh²(atanh x), the same function on the domain, so that it is NaN wherever atanh is
     * (|x| > 1; the written formula would give a finite number there) and +Infinity at ±1.
     */
    public static final Op ATANH = ScalarOp.call("atanh", 1)
            .eval(a -> Fn.atanh(a[0]))
            .partials((b, ans, x) -> {
                int c = b.apply(Hyperbolic.COSH, ans);
                return mul(b, c, c);
            })
            .emitCall(Fn.class, "atanh")
            .build();

    /** The family, in table order. */
    public static List<Op> all() {
        return List.of(SINH, COSH, ASINH, ACOSH, ATANH);
    }
}
