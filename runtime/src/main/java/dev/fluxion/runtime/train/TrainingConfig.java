package dev.fluxion.runtime.train;

/**
 * What a training run does, as an immutable value: how many epochs, the minibatch size,
 * the seed of the minibatch order, and which model inputs and output to use.
 *
 * @param epochs        passes over the training set, &gt; 0
 * @param batchSize     examples per minibatch, &gt; 0 (the last batch of an epoch may be smaller)
 * @param evalBatchSize examples per batch when evaluating the test set, &gt; 0
 * @param seed          fixes the order of minibatches in every epoch
 * @param featureInput  the model input that receives features, or null for the first input
 * @param labelInput    the model input that receives labels, or null for the other input
 * @param logitsOutput  the model output read for accuracy (one row of class scores per
 *                      example), or null to pick it: the only output, or one named
 *                      {@code logits}; accuracy is left out when there is none
 */
public record TrainingConfig(int epochs, int batchSize, int evalBatchSize, long seed,
                             String featureInput, String labelInput, String logitsOutput) {

    /** Checks the counts. */
    public TrainingConfig {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (batchSize <= 0 || evalBatchSize <= 0) {
            throw new IllegalArgumentException("batch sizes must be positive, got " + batchSize + " and " + evalBatchSize);
        }
    }

    /** {@code epochs} epochs of batches of {@code batchSize}, evaluated in batches of the same size, seed 0. */
    public static TrainingConfig of(int epochs, int batchSize) {
        return new TrainingConfig(epochs, batchSize, batchSize, 0L, null, null, null);
    }

    /** The same with another seed. */
    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, batchSize, evalBatchSize, s, featureInput, labelInput, logitsOutput);
    }

    /** The same with another evaluation batch size. */
    public TrainingConfig withEvalBatchSize(int n) {
        return new TrainingConfig(epochs, batchSize, n, seed, featureInput, labelInput, logitsOutput);
    }

    /** The same with the feature and label inputs named. */
    public TrainingConfig withInputs(String features, String labels) {
        return new TrainingConfig(epochs, batchSize, evalBatchSize, seed, features, labels, logitsOutput);
    }

    /** The same with the logits output named. */
    public TrainingConfig withLogits(String output) {
        return new TrainingConfig(epochs, batchSize, evalBatchSize, seed, featureInput, labelInput, output);
    }
}
