package dev.fluxion.compiler.ops;

import static dev.fluxion.compiler.ops.Algebra.add;

import dev.fluxion.compiler.ir.Op;
import dev.fluxion.runtime.Gamma;
import java.util.List;

/**
 * The log-gamma function and its derivatives: lgamma′ = digamma, digamma′ = trigamma,
 * trigamma′ = polygamma(2, ·), and polygamma(n, ·)′ = polygamma(n + 1, ·). Every
 * derivative is again an op of this family, so derivatives of any order can be built (a
 * Hessian of lgamma needs trigamma; one of trigamma needs polygamma(3, ·)). The values
 * come from {@link Gamma} in the runtime.
 */
public final class GammaFunctions {

    private GammaFunctions() {
    }

    /** lgamma x = ln |Γ(x)|; d lgamma x = digamma x. +Infinity at 0 and the negative whole numbers. */
    public static final Op LGAMMA = ScalarOp.call("lgamma", 1)
            .eval(a -> Gamma.lgamma(a[0]))
            .partials((b, ans, x) -> b.apply(GammaFunctions.DIGAMMA, x[0]))
            .emitCall(Gamma.class, "lgamma")
            .build();

    /** digamma x = ψ(x) = Γ′(x)/Γ(x); d digamma x = trigamma x. NaN at the poles. */
    public static final Op DIGAMMA = ScalarOp.call("digamma", 1)
            .eval(a -> Gamma.digamma(a[0]))
            .partials((b, ans, x) -> b.apply(GammaFunctions.TRIGAMMA, x[0]))
            .emitCall(Gamma.class, "digamma")
            .build();

    /** trigamma x = ψ′(x); d trigamma x = polygamma(2, x). +Infinity at the poles. */
    public static final Op TRIGAMMA = ScalarOp.call("trigamma", 1)
            .eval(a -> Gamma.trigamma(a[0]))
            .partials((b, ans, x) -> b.apply(GammaFunctions.POLYGAMMA, b.constant(2.0), x[0]))
            .emitCall(Gamma.class, "trigamma")
            .build();

    /**
     * polygamma(n, x) = ψ⁽ⁿ⁾(x), for a whole number n ≥ 0 (NaN otherwise);
     * d/dx = polygamma(n + 1, x). The order is a whole number, not a point of a smooth
     * function: its derivative is taken as 0, like floor's, so a constant order (the
     * ordinary use) contributes nothing and both modes agree for a variable one.
     */
    public static final Op POLYGAMMA = ScalarOp.call("polygamma", 2)
            .eval(a -> Gamma.polygamma(a[0], a[1]))
            .partials(ScalarOp.ZERO,
                    (b, ans, x) -> b.apply(GammaFunctions.POLYGAMMA, add(b, x[0], b.constant(1.0)), x[1]))
            .emitCall(Gamma.class, "polygamma")
            .build();

    /** The family, in table order. */
    public static List<Op> all() {
        return List.of(LGAMMA, DIGAMMA, TRIGAMMA, POLYGAMMA);
    }
}
