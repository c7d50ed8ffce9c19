package dev.fluxion.spark;

/**
 * How a model's loss over a batch is built from its examples, which fixes how the sums of the
 * partitions combine into the loss of the whole batch, exactly. With ℓᵢ the term of example i
 * and R(θ) a term of the parameters alone (a prior, weight decay; possibly 0):
 * <ul>
 *   <li>{@link #MEAN}: loss(batch) = (1/b)·Σᵢ ℓᵢ + R(θ), as {@code mean(cross_entropy(..))}.
 *       A part of k examples contributes k·loss(part); the batch's loss is the sum of those over
 *       the parts divided by b, which gives back (1/b)·Σ ℓᵢ + R exactly (up to rounding). Same for
 *       the gradient.</li>
 *   <li>{@link #SUM}: loss(batch) = Σᵢ ℓᵢ + R(θ), as a log-likelihood with a prior (the ADBench
 *       GMM). Parts contribute loss(part) each, which counts R once per part; the driver removes
 *       the extra copies, (parts − 1)·R with R = loss(empty batch) computed by the model itself,
 *       so the batch's loss is Σᵢ ℓᵢ + R exactly (up to rounding). Same for the gradient.</li>
 * </ul>
 */
public enum Reduction {
    /** loss = mean over the batch of the examples' terms, plus a term of the parameters alone. */
    MEAN,
    /** loss = sum over the batch of the examples' terms, plus a term of the parameters alone. */
    SUM;

    /**
     * The weight of a part of {@code k} examples' loss and gradient in the partition sums.
     *
     * @param k examples in the part
     * @return k for {@link #MEAN}, 1 for {@link #SUM}
     */
    double weight(int k) {
        return this == MEAN ? k : 1.0;
    }
}
