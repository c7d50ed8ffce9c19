package dev.fluxion.runtime.train;

/**
 * A model's mean loss and accuracy on a data set.
 *
 * @param loss     mean loss per example (batch losses weighted by batch size)
 * @param accuracy fraction of examples classified correctly, NaN without a logits output
 * @param examples how many examples were evaluated
 */
public record Evaluation(double loss, double accuracy, int examples) {
}
