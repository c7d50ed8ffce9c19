package dev.fluxion.runtime.data;

/**
 * How a minibatch hands labels to a model: as class indices (a label input declared
 * {@code y[B] of 10}) or as one-hot rows (a target input {@code t[B, 10]}).
 */
public enum LabelEncoding {
    /** One double per example holding the class index, shape [B]. */
    INDEX,
    /** One row of {@code classCount} values per example, 1 at the class and 0 elsewhere, shape [B, classCount]. */
    ONE_HOT
}
