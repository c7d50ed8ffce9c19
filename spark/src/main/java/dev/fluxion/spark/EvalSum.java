package dev.fluxion.spark;

import java.io.Serializable;

/** The sums of an evaluation: examples, the weighted loss, and correctly classified examples. */
final class EvalSum implements Serializable {
    private static final long serialVersionUID = 1L;

    long count;
    double loss;
    long correct;
    /** Model calls (non-empty parts), for the parameter-only term under {@link Reduction#SUM}. */
    int calls;

    EvalSum merge(EvalSum other) {
        count += other.count;
        loss += other.loss;
        correct += other.correct;
        calls += other.calls;
        return this;
    }
}
