package dev.fluxion.runtime.train;

/**
 * What one epoch of training measured.
 *
 * @param epoch             1-based
 * @param steps             optimizer steps so far, over all epochs
 * @param trainLoss         mean training loss over the epoch's batches, weighted by batch size
 *                          (measured during training, so the parameters moved between batches)
 * @param testLoss          mean loss over the test set after the epoch, NaN without a test set
 * @param testAccuracy      fraction of test examples whose arg-max logit is the label, NaN
 *                          without a test set or a logits output
 * @param learningRate      the rate of the epoch's last step
 * @param trainSeconds      wall time of the epoch's training steps (not the evaluation)
 * @param examplesPerSecond training examples per second of {@code trainSeconds}
 */
public record EpochMetrics(int epoch, long steps, double trainLoss, double testLoss, double testAccuracy,
                           double learningRate, double trainSeconds, double examplesPerSecond) {
}
