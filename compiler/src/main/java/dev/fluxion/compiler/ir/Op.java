package dev.fluxion.compiler.ir;

import com.squareup.javapoet.CodeBlock;
import java.util.List;

/**
 * An operation of the IR, declared once with everything about it side by side: name and
 * arity, shape rule, evaluation, derivative rules and Java emission. Forward and reverse
 * mode both read the same entry; the traversals in {@code diff} look rules up and never
 * name an op. The table itself lives in {@code dev.fluxion.compiler.ops}.
 */
public interface Op {

    /** The name in the surface syntax ({@code "+"}, {@code "sin"}); unique in the table. */
    String name();

    /** Number of arguments. */
    int arity();

    /** How it prints. */
    Notation notation();

    /** The shape of the result, or an {@link IllegalArgumentException} naming both shapes. */
    Shape shape(List<Shape> args, Object attr);

    /** Numeric evaluation of a scalar application (the interpreter and constant folding). */
    double eval(double[] args, Object attr);

    /**
     * Forward mode: the tangent of {@code ans = op(args)} given the tangents of the
     * arguments (each a node id or {@link Zero#ID}); {@link Zero#ID} if it is zero.
     */
    int jvp(GraphBuilder b, int ans, int[] args, int[] tangents);

    /**
     * Reverse mode: the cotangent contribution to each argument given the cotangent
     * {@code ct} of {@code ans} (never zero); {@link Zero#ID} where there is none.
     */
    int[] vjp(GraphBuilder b, int ans, int[] args, int ct);

    /** The Java expression computing this op from its argument expressions. */
    CodeBlock emit(List<CodeBlock> args, Object attr);

    /**
     * The reference interpreter over tensors: the value of this op on concrete argument
     * tensors. By default the op is elementwise: {@link #eval} lifted with broadcasting.
     */
    default Tensor evaluate(java.util.List<Tensor> args, Object attr) {
        return Broadcasting.lift(this, args, attr);
    }

    /**
     * Tensor emission: loops computing the result buffer from the argument buffers. By
     * default the op is elementwise: {@link #emit} applied per element, with broadcasting.
     */
    default void emitKernel(Kernel k) {
        Broadcasting.emitElementwise(this, k);
    }

    /**
     * Tensor emission of {@code out += scale × this op's result}, where {@code k.out()} is a
     * buffer of the result's shape that already holds values, without storing the result
     * anywhere: the model emitter updates a parameter this way inside the op that computes its
     * gradient (a fused SGD step, {@code scale} being {@code -learningRate}). Each element must
     * be the result's element, exactly as {@link #emitKernel} computes it, multiplied by
     * {@code scale} and added. Returns false, emitting nothing, if the op cannot (the default);
     * the gradient is then stored and applied afterwards.
     *
     * @param k the kernel, whose {@code out()} is the buffer updated
     * @param scale a Java expression of type double
     * @return whether code was emitted
     */
    default boolean emitScaledAdd(Kernel k, CodeBlock scale) {
        return false;
    }

    /**
     * Whether the result is finite whenever every argument is finite (overflow aside): true for
     * sums, products, sin, tanh, max, ...; false for ops with a pole, a bounded domain or a
     * realistic overflow (division, pow, exp, ln, sqrt). The builder derives from it which values
     * are finite for finite inputs, and a derivative product of two such values needs no
     * zero-annihilating check ({@code Algebra.times}). False unless declared.
     */
    default boolean finiteOnFinite() {
        return false;
    }

    /**
     * The coefficients when this op is a signed sum of its arguments ({@code +} is
     * {@code {1, 1}}, {@code -} is {@code {1, -1}}, negation {@code {-1}}), else null. Passes
     * that look through sums (re-rolling repeated terms into loops) read this instead of
     * naming ops.
     */
    default int[] sumSigns() {
        return null;
    }

    /**
     * For an op that chooses between arguments by a condition ({@code where(c, a, b)}): the
     * index of the condition argument, else -1. Reverse mode reads this, with {@link #chosenWhen},
     * to keep the adjoints computed on a side that is not chosen from reaching anything outside it.
     */
    default int conditionArg() {
        return -1;
    }

    /**
     * For an op with a {@link #conditionArg}: whether argument {@code k} is used only when the
     * condition is true ({@link Boolean#TRUE}), only when it is false ({@link Boolean#FALSE}),
     * or always (null; the condition itself, and every argument of other ops).
     */
    default Boolean chosenWhen(int k) {
        return null;
    }

    /**
     * Whether the partial derivative of the result with respect to argument {@code k} is zero
     * everywhere, by the op's derivative rule: a comparison's, floor's, the condition of a
     * choice. Sparsity patterns ({@code sparse.Dependencies}) read this: an input reaches an
     * output only through arguments whose partial is not declared zero. False unless declared,
     * which is always safe (the pattern then holds an entry that happens to be 0).
     *
     * @param k the argument, in [0, arity)
     * @return true if that partial is structurally zero
     */
    default boolean zeroPartial(int k) {
        return false;
    }

    /** Whether an application to constants may be folded to a constant. */
    default boolean foldable() {
        return true;
    }
}
