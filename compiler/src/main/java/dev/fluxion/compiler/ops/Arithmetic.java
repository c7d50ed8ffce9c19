package dev.fluxion.compiler.ops;

import static dev.fluxion.compiler.ops.Algebra.div;
import static dev.fluxion.compiler.ops.Algebra.neg;
import static dev.fluxion.compiler.ops.Algebra.sub;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.ir.Notation;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ir.Zero;
import dev.fluxion.runtime.Fn;
import java.util.List;

/** The arithmetic family: + - * / ^ and negation. Add, sub and neg are signed sums: their signs give both rules. */
public final class Arithmetic {

    private Arithmetic() {
    }

    /** x + y. A signed sum (+1, +1): the tangent is tx + ty; the transpose sends ct to both. */
    public static final Op ADD = ScalarOp.operator("+", 2, Notation.infix("+", Notation.ADDITIVE))
            .finiteOnFinite()
            .eval(a -> a[0] + a[1])
            .signedSum(1, 1)
            .emit("$L + $L")
            .build();

    /** x - y. A signed sum (+1, -1): the tangent is tx - ty; the transpose sends ct and -ct. */
    public static final Op SUB = ScalarOp.operator("-", 2, Notation.infix("-", Notation.ADDITIVE))
            .finiteOnFinite()
            .eval(a -> a[0] - a[1])
            .signedSum(1, -1)
            .emit("$L - $L")
            .build();

    /** -x. A signed sum (-1): its own transpose. */
    public static final Op NEG = ScalarOp.operator("neg", 1, Notation.prefix("-"))
            .finiteOnFinite()
            .eval(a -> -a[0])
            .signedSum(-1)
            .emit(Arithmetic::emitNeg)
            .build();

    /** x * y. Bilinear: d(xy) = y dx + x dy (the mul gate switches its inputs). */
    public static final Op MUL = ScalarOp.operator("*", 2, Notation.infix("*", Notation.MULTIPLICATIVE))
            .finiteOnFinite()
            .eval(a -> a[0] * a[1])
            .partials((b, ans, x) -> x[1], (b, ans, x) -> x[0])
            .emit("$L * $L")
            .build();

    /**
     * x / y. d/dx = 1/y, d/dy = -(x/y)/y. Written as partials, so a zero tangent or cotangent
     * contributes nothing even at y = 0, where both partials are infinite or NaN.
     */
    public static final Op DIV = ScalarOp.operator("/", 2, Notation.infix("/", Notation.MULTIPLICATIVE))
            .eval(a -> a[0] / a[1])
            .partials((b, ans, x) -> div(b, b.constant(1.0), x[1]),
                    (b, ans, x) -> neg(b, div(b, ans, x[1])))
            // d(a/b) = (1/b) ⊙ (da − (a/b) ⊙ db), and cotangents ct_a = ct ⊙ (1/b), ct_b = −ct_a ⊙ (a/b):
            // the same partials, multiplied in an order that never forms (a/b)/b, which underflows
            // (or overflows) where a/b is tiny (huge) though the derivative is ordinary: the Hessian of
            // sin(ln(z/1e-300)) was -1542 for -532 (long-fuzz finding). A zero at run time still
            // annihilates (1/0 ⊙ (0 − 0) = 0).
            .rules((b, ans, x, t) -> Algebra.times(b, div(b, b.constant(1.0), x[1]),
                            sub(b, t[0], Algebra.times(b, ans, t[1]))),
                    (b, ans, x, ct) -> {
                        int ctA = Algebra.times(b, ct, div(b, b.constant(1.0), x[1]));
                        return new int[] {ctA, neg(b, Algebra.times(b, ctA, ans))};
                    })
            .emit("$L / $L")
            .build();

    /**
     * x ^ y (also written pow(x, y)). d/dx = y x^(y-1), 0 where y = 0 (x^0 = 1 everywhere,
     * also at x = 0, where x^(y-1) is infinite); d/dy = x^y ln x, 0 where x^y = 0 (0^y is 0
     * for every y > 0; IEEE would give 0·(-Infinity) = NaN), -Infinity at 0^0 (the
     * right-hand derivative: 0^y jumps from 1 to 0), NaN for x &lt; 0 (x^y is undefined off the
     * integers). Both products are {@link #TIMES}, whose zero annihilates. A constant
     * exponent has a zero tangent, so the ln x term is never built for it.
     */
    public static final Op POW = ScalarOp.operator("^", 2, Notation.infixRight("^", Notation.POWER))
            .eval(a -> Math.pow(a[0], a[1]))
            .partials((b, ans, x) -> Algebra.times(b, x[1], b.apply(Arithmetic.POW, x[0], sub(b, x[1], b.constant(1.0)))),
                    (b, ans, x) -> Algebra.times(b, ans, b.apply(Elementary.LN, x[0])))
            .emitCall(Math.class, "pow")
            .build();

    /**
     * a ⊙ b, written {@code times(a, b)}: the product of a derivative by a local partial
     * derivative, with zero annihilating ({@code 0 ⊙ x = 0} for every x, Infinity and NaN
     * included; otherwise {@code a*b}). Derivative rules build it ({@link Algebra#times})
     * wherever a tangent or cotangent meets a partial, so an input a direction does not move
     * contributes exactly zero, as a symbolic zero tangent does, and the zero that max and min
     * send to their losing side selects instead of blending. It prints as the call
     * {@code times(a, b)}, which the language accepts, so a printed derivative pastes back in
     * and computes what the compiled one does ({@code a*b} would give NaN where a zero meets
     * an infinity). Bilinear like the product: d(a ⊙ b) = b ⊙ da + a ⊙ db.
     */
    public static final Op TIMES = ScalarOp.operator("times", 2,
                    Notation.call("times").displayedAs(Notation.infix("*", Notation.MULTIPLICATIVE)))
            .finiteOnFinite()
            .eval(a -> Fn.times(a[0], a[1]))
            .partials((b, ans, x) -> x[1], (b, ans, x) -> x[0])
            .emitCall(Fn.class, "times")
            .build();

    private static CodeBlock emitNeg(List<CodeBlock> args) {
        String a = args.get(0).toString();
        return a.startsWith("-") ? CodeBlock.of("-($L)", args.get(0)) : CodeBlock.of("-$L", args.get(0));
    }

    /** The family, in table order ({@link #TIMES} is mostly built by derivative rules, and written as they print it). */
    public static List<Op> all() {
        return List.of(ADD, SUB, NEG, MUL, DIV, POW, TIMES);
    }

    static {
        // Guard against a reordering of the static initializers: Zero must be available.
        assert Zero.ID < 0;
    }
}
