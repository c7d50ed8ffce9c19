package dev.fluxion.compiler.ops;

import static dev.fluxion.compiler.ops.Algebra.add;
import static dev.fluxion.compiler.ops.Algebra.div;
import static dev.fluxion.compiler.ops.Algebra.mul;
import static dev.fluxion.compiler.ops.Algebra.neg;
import static dev.fluxion.compiler.ops.Algebra.sub;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.ir.Notation;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ir.Zero;
import java.util.List;

/** The arithmetic family: + - * / ^ and negation. Add, sub and neg are linear and state their transpose. */
public final class Arithmetic {

    private Arithmetic() {
    }

    /** x + y. Linear: the tangent is tx + ty; the transpose sends ct to both. */
    public static final Op ADD = ScalarOp.operator("+", 2, Notation.infix("+", Notation.ADDITIVE))
            .eval(a -> a[0] + a[1])
            .linear((b, ans, x, t) -> add(b, t[0], t[1]),
                    (b, ans, x, ct) -> new int[] {ct, ct})
            .signedSum(1, 1)
            .emit("$L + $L")
            .build();

    /** x - y. Linear: the tangent is tx - ty; the transpose sends ct and -ct. */
    public static final Op SUB = ScalarOp.operator("-", 2, Notation.infix("-", Notation.ADDITIVE))
            .eval(a -> a[0] - a[1])
            .linear((b, ans, x, t) -> sub(b, t[0], t[1]),
                    (b, ans, x, ct) -> new int[] {ct, neg(b, ct)})
            .signedSum(1, -1)
            .emit("$L - $L")
            .build();

    /** -x. Linear, its own transpose. */
    public static final Op NEG = ScalarOp.operator("neg", 1, Notation.prefix("-"))
            .eval(a -> -a[0])
            .linear((b, ans, x, t) -> neg(b, t[0]),
                    (b, ans, x, ct) -> new int[] {neg(b, ct)})
            .signedSum(-1)
            .emit(Arithmetic::emitNeg)
            .build();

    /** x * y. Bilinear: d(xy) = y dx + x dy (the mul gate switches its inputs). */
    public static final Op MUL = ScalarOp.operator("*", 2, Notation.infix("*", Notation.MULTIPLICATIVE))
            .eval(a -> a[0] * a[1])
            .partials((b, ans, x) -> x[1], (b, ans, x) -> x[0])
            .emit("$L * $L")
            .build();

    /** x / y. d(x/y) = (dx - (x/y) dy) / y. */
    public static final Op DIV = ScalarOp.operator("/", 2, Notation.infix("/", Notation.MULTIPLICATIVE))
            .eval(a -> a[0] / a[1])
            .linear((b, ans, x, t) -> div(b, sub(b, t[0], mul(b, ans, t[1])), x[1]),
                    (b, ans, x, ct) -> new int[] {div(b, ct, x[1]), neg(b, div(b, mul(b, ct, ans), x[1]))})
            .emit("$L / $L")
            .build();

    /**
     * x ^ y (also written pow(x, y)). d/dx = y x^(y-1); d/dy = x^y ln x, which is NaN
     * for {@code x < 0} and {@code -0*Infinity = NaN} at x = 0 (IEEE; see the README). A constant
     * exponent has a zero tangent, so the ln x term is never built for it.
     */
    public static final Op POW = ScalarOp.operator("^", 2, Notation.infixRight("^", Notation.POWER))
            .eval(a -> Math.pow(a[0], a[1]))
            .partials((b, ans, x) -> mul(b, x[1], b.apply(Arithmetic.POW, x[0], sub(b, x[1], b.constant(1.0)))),
                    (b, ans, x) -> mul(b, ans, b.apply(Elementary.LN, x[0])))
            .emitCall(Math.class, "pow")
            .build();

    private static CodeBlock emitNeg(List<CodeBlock> args) {
        String a = args.get(0).toString();
        return a.startsWith("-") ? CodeBlock.of("-($L)", args.get(0)) : CodeBlock.of("-$L", args.get(0));
    }

    /** The family, in table order. */
    public static List<Op> all() {
        return List.of(ADD, SUB, NEG, MUL, DIV, POW);
    }

    static {
        // Guard against a reordering of the static initializers: Zero must be available.
        assert Zero.ID < 0;
    }
}
