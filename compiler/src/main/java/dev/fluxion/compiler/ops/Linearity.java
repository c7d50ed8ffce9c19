package dev.fluxion.compiler.ops;

import java.util.List;

/**
 * How a tensor op is linear, so that its JVP follows from the op itself and the op's entry
 * states only its transpose (the VJP), once:
 * <ul>
 *   <li>{@link #linear()}: linear in its arguments together (sum, reshape, transpose, slice,
 *       pad, concat, average pooling): the tangent is the op applied to the tangents, a zero
 *       tangent standing as zeros of its argument's shape;</li>
 *   <li>{@link #multilinear()}: linear in each argument separately (matmul, einsum, conv2d):
 *       the tangent is the sum, over the arguments, of the op with that argument replaced by
 *       its tangent (the product rule);</li>
 *   <li>{@link #multilinearIn}: the same over some arguments, the others selecting
 *       (maxpool's positions: piecewise constant, derivative 0).</li>
 * </ul>
 *
 * @param jointly whether the op is linear in its arguments together rather than separately
 * @param args    the arguments it is linear in, or null for all of them
 */
public record Linearity(boolean jointly, List<Integer> args) {

    /** Linear in all arguments together: {@code d op(x, y) = op(dx, dy)}. */
    public static Linearity linear() {
        return new Linearity(true, null);
    }

    /** Linear in each argument separately: {@code d op(x, y) = op(dx, y) + op(x, dy)}. */
    public static Linearity multilinear() {
        return new Linearity(false, null);
    }

    /** Linear in each of {@code args} separately, constant in the others (they select). */
    public static Linearity multilinearIn(Integer... args) {
        return new Linearity(false, List.of(args));
    }

    /** Whether argument {@code i} carries a tangent. */
    boolean in(int i) {
        return args == null || args.contains(i);
    }
}
