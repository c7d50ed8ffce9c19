package dev.fluxion.runtime.tensor;

/**
 * The arithmetic a {@link MatMul} product may use. Tensors are {@code double[]} either way;
 * the precision says how the large products are summed.
 */
public enum Precision {

    /**
     * Every product in double: each element of C is the naive triple loop's double sum, bit for
     * bit (up to the sign of a zero). The default.
     */
    FLOAT64,

    /**
     * Large products may be computed in float32, as JAX and PyTorch compute by default: on the
     * vectorized path ({@link WideRows}: C, or Cᵀ, with at least {@value MatMul#WIDE} columns)
     * the operands are rounded to float and each element of C is summed in float, in the same
     * order as in FLOAT64, then widened to double; other products stay in double. Twice the
     * vector lanes and half the bytes of op(B): the MLP's 784×128 products take about a quarter
     * less time. Results differ from FLOAT64 by float rounding (about 1e-7 relative per term),
     * which central differences cannot resolve: check such a model against the same program in
     * FLOAT64 ({@code GradientCheck.relativeDifference}), and that one by central differences.
     */
    FLOAT32
}
