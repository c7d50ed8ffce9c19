package dev.fluxion.compiler.ir;

import java.util.List;

/**
 * An op whose value depends on the bound batch size itself, not only on its arguments'
 * shapes (a mean over the batch divides by B). The tensor interpreter passes B to it.
 */
public interface BatchDependent {

    /** The value of the op with B bound to {@code batch}. */
    Tensor evaluate(List<Tensor> args, Object attr, int batch);
}
