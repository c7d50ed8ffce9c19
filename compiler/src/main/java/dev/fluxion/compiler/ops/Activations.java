package dev.fluxion.compiler.ops;

import static dev.fluxion.compiler.ops.Algebra.mul;
import static dev.fluxion.compiler.ops.Algebra.sub;

import dev.fluxion.compiler.ir.Op;
import dev.fluxion.runtime.Fn;
import java.util.List;

/**
 * Activations and the non-smooth family: sigmoid, softplus, relu, abs, max, min, and the
 * step functions that are their derivatives. At the points where relu, abs, max and min
 * have no derivative, one convention holds in both modes: relu'(0) = 0, abs'(0) = 0, and
 * a tie of max or min routes the whole gradient to the first argument.
 */
public final class Activations {

    private Activations() {
    }

    /** sigmoid t = 1/(1+exp(-t)); d sigmoid = sigmoid (1 - sigmoid). */
    public static final Op SIGMOID = ScalarOp.call("sigmoid", 1)
            .finiteOnFinite()
            .eval(a -> Fn.sigmoid(a[0]))
            .partials((b, ans, x) -> mul(b, ans, sub(b, b.constant(1.0), ans)))
            .emitCall(Fn.class, "sigmoid")
            .build();

    /** softplus t = ln(1+exp t), computed stably; d softplus = sigmoid. */
    public static final Op SOFTPLUS = ScalarOp.call("softplus", 1)
            .finiteOnFinite()
            .eval(a -> Fn.softplus(a[0]))
            .partials((b, ans, x) -> b.apply(SIGMOID, x[0]))
            .emitCall(Fn.class, "softplus")
            .build();

    /** step t = 1 if t > 0 else 0; the derivative of relu. Its own derivative is 0. */
    public static final Op STEP = ScalarOp.call("step", 1)
            .finiteOnFinite()
            .eval(a -> Fn.step(a[0]))
            .partials(ScalarOp.ZERO)
            .emitCall(Fn.class, "step")
            .build();

    /** sign t in {-1, 0, 1}; the derivative of abs. Its own derivative is 0. */
    public static final Op SIGN = ScalarOp.call("sign", 1)
            .finiteOnFinite()
            .eval(a -> Math.signum(a[0]))
            .partials(ScalarOp.ZERO)
            .emitCall(Math.class, "signum")
            .build();

    /** ge(a, b) = 1 if a >= b else 0; routes max and min. Its own derivative is 0. */
    public static final Op GE = ScalarOp.call("ge", 2)
            .finiteOnFinite()
            .eval(a -> Fn.ge(a[0], a[1]))
            .partials(ScalarOp.ZERO, ScalarOp.ZERO)
            .emitCall(Fn.class, "ge")
            .build();

    /** relu t = max(0, t); d relu = step (0 at t = 0). */
    public static final Op RELU = ScalarOp.call("relu", 1)
            .finiteOnFinite()
            .eval(a -> Fn.relu(a[0]))
            .partials((b, ans, x) -> b.apply(STEP, x[0]))
            .emitCall(Fn.class, "relu")
            .build();

    /** abs t; d abs = sign (0 at t = 0). */
    public static final Op ABS = ScalarOp.call("abs", 1)
            .finiteOnFinite()
            .eval(a -> Math.abs(a[0]))
            .partials((b, ans, x) -> b.apply(SIGN, x[0]))
            .emitCall(Math.class, "abs")
            .build();

    /**
     * max(a, b); the max gate routes: d/da = ge(a, b), d/db = 1 - ge(a, b). The partials meet
     * the tangents through ⊙ ({@link Arithmetic#TIMES}), so the side with partial 0 contributes
     * exactly nothing, even an infinite or NaN tangent: {@code ge ⊙ da + (1 - ge) ⊙ db} selects
     * da or db, it does not blend them.
     */
    public static final Op MAX = ScalarOp.call("max", 2)
            .finiteOnFinite()
            .eval(a -> Math.max(a[0], a[1]))
            .partials((b, ans, x) -> b.apply(GE, x[0], x[1]),
                    (b, ans, x) -> sub(b, b.constant(1.0), b.apply(GE, x[0], x[1])))
            .emitCall(Math.class, "max")
            .build();

    /** min(a, b); routes like max (and selects like it): d/da = ge(b, a), d/db = 1 - ge(b, a). */
    public static final Op MIN = ScalarOp.call("min", 2)
            .finiteOnFinite()
            .eval(a -> Math.min(a[0], a[1]))
            .partials((b, ans, x) -> b.apply(GE, x[1], x[0]),
                    (b, ans, x) -> sub(b, b.constant(1.0), b.apply(GE, x[1], x[0])))
            .emitCall(Math.class, "min")
            .build();

    /** The family, in table order. */
    public static List<Op> all() {
        return List.of(SIGMOID, SOFTPLUS, RELU, ABS, MAX, MIN, STEP, SIGN, GE);
    }
}
