package dev.fluxion.compiler.ops;

import static dev.fluxion.compiler.ops.Algebra.div;
import static dev.fluxion.compiler.ops.Algebra.mul;
import static dev.fluxion.compiler.ops.Algebra.neg;
import static dev.fluxion.compiler.ops.Algebra.sub;

import dev.fluxion.compiler.ir.Op;
import dev.fluxion.runtime.Fn;
import java.util.List;

/** The elementary functions: exp, ln, sqrt, the trigonometric functions, tanh, erf. */
public final class Elementary {

    private Elementary() {
    }

    /** exp x; d exp x = exp x (the answer itself). */
    public static final Op EXP = ScalarOp.call("exp", 1)
            .eval(a -> Math.exp(a[0]))
            .partials((b, ans, x) -> ans)
            .emitCall(Math.class, "exp")
            .build();

    /** ln x (also written log x); d ln x = 1/x. */
    public static final Op LN = ScalarOp.call("ln", 1)
            .eval(a -> Math.log(a[0]))
            .partials((b, ans, x) -> div(b, b.constant(1.0), x[0]))
            .emitCall(Math.class, "log")
            .build();

    /** sqrt x; d sqrt x = 0.5 / sqrt x (Infinity at 0). */
    public static final Op SQRT = ScalarOp.call("sqrt", 1)
            .eval(a -> Math.sqrt(a[0]))
            .partials((b, ans, x) -> div(b, b.constant(0.5), ans))
            .emitCall(Math.class, "sqrt")
            .build();

    /** sin x; d sin x = cos x. */
    public static final Op SIN = ScalarOp.call("sin", 1)
            .finiteOnFinite()
            .eval(a -> Math.sin(a[0]))
            .partials((b, ans, x) -> b.apply(Elementary.COS, x[0]))
            .emitCall(Math.class, "sin")
            .build();

    /** cos x; d cos x = -sin x. */
    public static final Op COS = ScalarOp.call("cos", 1)
            .finiteOnFinite()
            .eval(a -> Math.cos(a[0]))
            .partials((b, ans, x) -> neg(b, b.apply(Elementary.SIN, x[0])))
            .emitCall(Math.class, "cos")
            .build();

    /** tan x; d tan x = 1 + tan^2 x. */
    public static final Op TAN = ScalarOp.call("tan", 1)
            .eval(a -> Math.tan(a[0]))
            .partials((b, ans, x) -> Algebra.add(b, b.constant(1.0), mul(b, ans, ans)))
            .emitCall(Math.class, "tan")
            .build();

    /** tanh x; d tanh x = 1 - tanh^2 x. */
    public static final Op TANH = ScalarOp.call("tanh", 1)
            .finiteOnFinite()
            .eval(a -> Math.tanh(a[0]))
            .partials((b, ans, x) -> sub(b, b.constant(1.0), mul(b, ans, ans)))
            .emitCall(Math.class, "tanh")
            .build();

    /** erf x; d erf x = 2/sqrt(pi) exp(-x^2). */
    public static final Op ERF = ScalarOp.call("erf", 1)
            .finiteOnFinite()
            .eval(a -> Fn.erf(a[0]))
            .partials((b, ans, x) -> mul(b, b.constant(2.0 / Math.sqrt(Math.PI)),
                    b.apply(EXP, neg(b, mul(b, x[0], x[0])))))
            .emitCall(Fn.class, "erf")
            .build();

    /** The family, in table order. */
    public static List<Op> all() {
        return List.of(EXP, LN, SQRT, SIN, COS, TAN, TANH, ERF);
    }
}
