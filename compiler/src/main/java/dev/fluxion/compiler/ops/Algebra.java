package dev.fluxion.compiler.ops;

import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Zero;

/**
 * Builds arithmetic on a {@link GraphBuilder} with symbolic zero understood: adding
 * {@link Zero#ID} is the identity, multiplying by it gives it back. The derivative rules
 * use these so a zero tangent or cotangent never becomes a {@code 0*x} node.
 */
public final class Algebra {

    private Algebra() {
    }

    public static int add(GraphBuilder b, int x, int y) {
        if (Zero.is(x)) {
            return y;
        }
        if (Zero.is(y)) {
            return x;
        }
        return b.apply(Arithmetic.ADD, x, y);
    }

    public static int sub(GraphBuilder b, int x, int y) {
        if (Zero.is(y)) {
            return x;
        }
        if (Zero.is(x)) {
            return neg(b, y);
        }
        return b.apply(Arithmetic.SUB, x, y);
    }

    public static int mul(GraphBuilder b, int x, int y) {
        if (Zero.is(x) || Zero.is(y)) {
            return Zero.ID;
        }
        return b.apply(Arithmetic.MUL, x, y);
    }

    /**
     * A tangent or cotangent times a local partial derivative (or the reverse), with zero
     * annihilating: {@code 0 ⊙ x = 0} even for an infinite or NaN x ({@link Arithmetic#TIMES}),
     * so a direction or cotangent that is zero at run time contributes nothing, as a symbolic
     * zero does here. The rules of the simplifier turn it into a plain product where a factor
     * is a finite constant. On tensors it applies per element, with broadcasting. Where both
     * factors are finite whenever the inputs are ({@link GraphBuilder#finiteForFiniteInputs}:
     * sums and products of inputs, sin, tanh, ...), 0·x cannot meet an infinity, so the plain
     * product, which is then the same, is built (no check in the generated code).
     */
    public static int times(GraphBuilder b, int x, int y) {
        if (Zero.is(x) || Zero.is(y)) {
            return Zero.ID;
        }
        if (b.finiteForFiniteInputs(x) && b.finiteForFiniteInputs(y)) {
            return b.apply(Arithmetic.MUL, x, y);
        }
        return b.apply(Arithmetic.TIMES, x, y);
    }

    public static int div(GraphBuilder b, int x, int y) {
        if (Zero.is(x)) {
            return Zero.ID;
        }
        return b.apply(Arithmetic.DIV, x, y);
    }

    public static int neg(GraphBuilder b, int x) {
        return Zero.is(x) ? Zero.ID : b.apply(Arithmetic.NEG, x);
    }

    public static int constant(GraphBuilder b, double v) {
        return b.constant(v);
    }

    /** A node for a value that may be symbolic zero: materializes zero as the constant 0. */
    public static int materialize(GraphBuilder b, int x) {
        return Zero.is(x) ? b.constant(0.0) : x;
    }
}
