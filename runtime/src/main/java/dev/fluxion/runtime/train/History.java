package dev.fluxion.runtime.train;

import java.util.List;

/**
 * The metrics of a finished training run: one {@link EpochMetrics} per epoch and the loss
 * of every step. Immutable.
 */
public final class History {

    private final List<EpochMetrics> epochs;
    private final double[] stepLosses;
    private final int stepsPerEpoch;

    /**
     * A history; the list and the array are copied, so it stays immutable.
     *
     * @param epochs one entry per epoch, in order
     * @param stepLosses the loss of every step, in order
     * @param stepsPerEpoch steps in each full epoch
     */
    public History(List<EpochMetrics> epochs, double[] stepLosses, int stepsPerEpoch) {
        this.epochs = List.copyOf(epochs);
        this.stepLosses = stepLosses.clone();
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /**
     * Per-epoch metrics, in order.
     *
     * @return an unmodifiable list
     */
    public List<EpochMetrics> epochs() {
        return epochs;
    }

    /**
     * The last epoch's metrics: the final accuracy of the run.
     *
     * @return the metrics
     * @throws IllegalStateException if no epoch was recorded
     */
    public EpochMetrics last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epochs recorded");
        }
        return epochs.get(epochs.size() - 1);
    }

    /**
     * The loss of every optimizer step, in order, for loss curves.
     *
     * @return a copy
     */
    public double[] stepLosses() {
        return stepLosses.clone();
    }

    /**
     * Steps in each epoch, to place epoch boundaries on a curve of step losses.
     *
     * @return the count
     */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /**
     * The mean of {@code count} step losses starting at {@code from}, to smooth the noisy
     * per-step curve.
     *
     * @param from the first step, 0-based
     * @param count how many steps, positive
     * @return the mean loss
     * @throws IndexOutOfBoundsException if the range is not inside the recorded steps
     */
    public double meanStepLoss(int from, int count) {
        if (from < 0 || count <= 0 || from + count > stepLosses.length) {
            throw new IndexOutOfBoundsException("steps [" + from + ", " + (from + count) + ") of " + stepLosses.length);
        }
        double s = 0;
        for (int i = from; i < from + count; i++) {
            s += stepLosses[i];
        }
        return s / count;
    }

    /**
     * The epochs as CSV with a header line, one row per epoch, numbers in
     * {@link Double#toString} form (exact round trip) and "NaN" for a missing metric:
     * {@code epoch,steps,train_loss,test_loss,test_accuracy,learning_rate,train_seconds,examples_per_second}.
     *
     * @return the CSV text, ending with a newline
     */
    public String toCsv() {
        StringBuilder s = new StringBuilder(
                "epoch,steps,train_loss,test_loss,test_accuracy,learning_rate,train_seconds,examples_per_second\n");
        for (EpochMetrics m : epochs) {
            s.append(m.epoch()).append(',').append(m.steps()).append(',').append(m.trainLoss()).append(',')
                    .append(m.testLoss()).append(',').append(m.testAccuracy()).append(',').append(m.learningRate())
                    .append(',').append(m.trainSeconds()).append(',').append(m.examplesPerSecond()).append('\n');
        }
        return s.toString();
    }

    /**
     * A table of the epochs, one line each, as the progress display prints them.
     *
     * @return the lines, each ending with a newline
     */
    public String format() {
        StringBuilder s = new StringBuilder();
        for (EpochMetrics m : epochs) {
            s.append(Progress.summary(m, epochs.size(), stepsPerEpoch)).append('\n');
        }
        return s.toString();
    }
}
