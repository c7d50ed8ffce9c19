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

    /**
     * Checks the counts, so a bad value fails before training starts.
     *
     * @param epochs passes over the training set
     * @param batchSize examples per minibatch
     * @param evalBatchSize examples per evaluation batch
     * @param seed the minibatch order's seed
     * @param featureInput the features' input, or null
     * @param labelInput the labels' input, or null
     * @param logitsOutput the output read for accuracy, or null
     * @throws IllegalArgumentException if a count is not positive
     */
    public TrainingConfig {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (batchSize <= 0 || evalBatchSize <= 0) {
            throw new IllegalArgumentException("batch sizes must be positive, got " + batchSize + " and " + evalBatchSize);
        }
    }

    /**
     * {@code epochs} epochs of batches of {@code batchSize}, evaluated in batches of the
     * same size, seed 0, inputs and output chosen from the model.
     *
     * @param epochs passes over the training set
     * @param batchSize examples per minibatch
     * @return the configuration
     */
    public static TrainingConfig of(int epochs, int batchSize) {
        return new TrainingConfig(epochs, batchSize, batchSize, 0L, null, null, null);
    }

    /**
     * The same with another seed for the minibatch order.
     *
     * @param s the seed
     * @return a changed copy
     */
    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, batchSize, evalBatchSize, s, featureInput, labelInput, logitsOutput);
    }

    /**
     * The same with another evaluation batch size (larger batches evaluate faster; the
     * result does not depend on it).
     *
     * @param n examples per evaluation batch
     * @return a changed copy
     */
    public TrainingConfig withEvalBatchSize(int n) {
        return new TrainingConfig(epochs, batchSize, n, seed, featureInput, labelInput, logitsOutput);
    }

    /**
     * The same with the feature and label inputs named, for models whose inputs are not
     * in the order features, labels.
     *
     * @param features the name of the feature input
     * @param labels the name of the label input
     * @return a changed copy
     */
    public TrainingConfig withInputs(String features, String labels) {
        return new TrainingConfig(epochs, batchSize, evalBatchSize, seed, features, labels, logitsOutput);
    }

    /**
     * The same with the output read for accuracy named.
     *
     * @param output the name of a model output with one row of class scores per example
     * @return a changed copy
     */
    public TrainingConfig withLogits(String output) {
        return new TrainingConfig(epochs, batchSize, evalBatchSize, seed, featureInput, labelInput, output);
    }
}
