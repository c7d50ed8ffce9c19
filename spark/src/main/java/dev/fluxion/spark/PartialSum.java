package dev.fluxion.spark;

import dev.fluxion.runtime.model.Model;
import java.io.Serializable;

/**
 * The sums a set of parts contributes to a loss and its gradient, weighted as the
 * {@link Reduction} says; what {@code treeAggregate} adds up. Mutable, as MLlib's aggregators are:
 * each task folds its parts into its own copy, and copies are merged in place.
 */
final class PartialSum implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Examples summed. */
    long count;
    /** Model calls summed (non-empty parts): the copies of the parameter-only term R under {@link Reduction#SUM}. */
    int calls;
    /** The weighted sum of the parts' losses. */
    double loss;
    /** The weighted sums of the parts' gradients, one per parameter; null until the first part. */
    double[][] gradient;

    /** Adds a part of {@code k} examples whose loss the model just computed, with its gradient buffers. */
    PartialSum add(Model model, double partLoss, int k, Reduction reduction) {
        double w = reduction.weight(k);
        double[][] g = model.gradients();
        if (gradient == null) {
            gradient = new double[g.length][];
            for (int p = 0; p < g.length; p++) {
                gradient[p] = new double[g[p].length];
            }
        }
        for (int p = 0; p < g.length; p++) {
            double[] acc = gradient[p];
            double[] gp = g[p];
            for (int i = 0; i < acc.length; i++) {
                acc[i] += w * gp[i];
            }
        }
        loss += w * partLoss;
        count += k;
        calls++;
        return this;
    }

    /** Adds another partial sum into this one. */
    PartialSum merge(PartialSum other) {
        if (other.gradient != null) {
            if (gradient == null) {
                gradient = new double[other.gradient.length][];
                for (int p = 0; p < gradient.length; p++) {
                    gradient[p] = other.gradient[p].clone();
                }
            } else {
                for (int p = 0; p < gradient.length; p++) {
                    double[] acc = gradient[p];
                    double[] o = other.gradient[p];
                    for (int i = 0; i < acc.length; i++) {
                        acc[i] += o[i];
                    }
                }
            }
        }
        loss += other.loss;
        count += other.count;
        calls += other.calls;
        return this;
    }
}
