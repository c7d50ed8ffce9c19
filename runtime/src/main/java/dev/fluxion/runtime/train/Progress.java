package dev.fluxion.runtime.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress display of a training run on a {@link PrintStream}.
 *
 * <p>Live mode (for a terminal) redraws one line with a carriage return while an epoch
 * runs: epoch, a bar, step, running loss and throughput; it redraws at most every
 * {@code refreshNanos}, so a fast loop is not slowed by printing (between redraws a step
 * costs one {@link System#nanoTime()} call and allocates nothing). At the end of every
 * epoch, in both modes, one summary line is printed with the test metrics:
 * <pre>
 * epoch  3/10 [====================] 250/250 loss 0.2113 | 41230 ex/s | test loss 0.2301 acc 93.35% | 0.19 s
 * </pre>
 * Quiet mode prints only the summary lines, so logs and tests get deterministic text
 * apart from the timing figures. Numbers use {@link Locale#ROOT}.
 */
public final class Progress {

    private static final int BAR = 20;

    private final PrintStream out;
    private final boolean live;
    private final long refreshNanos;
    private long lastDraw;
    private int lastWidth;

    private Progress(PrintStream out, boolean live, long refreshNanos) {
        this.out = out;
        this.live = live;
        this.refreshNanos = refreshNanos;
    }

    /**
     * A display redrawn in place on {@code out} at most 10 times a second, for a terminal.
     *
     * @param out where to draw
     * @return the display
     */
    public static Progress live(PrintStream out) {
        return new Progress(java.util.Objects.requireNonNull(out, "out"), true, 100_000_000L);
    }

    /**
     * A display that prints one line per epoch on {@code out}, for logs and files, where
     * carriage returns would garble the output.
     *
     * @param out where to print
     * @return the display
     */
    public static Progress epochsOnly(PrintStream out) {
        return new Progress(java.util.Objects.requireNonNull(out, "out"), false, Long.MAX_VALUE);
    }

    /**
     * A display that prints nothing, for tests and benchmarks.
     *
     * @return the display
     */
    public static Progress silent() {
        return new Progress(null, false, Long.MAX_VALUE);
    }

    /**
     * Called after every step; redraws the live line when it is due. Public for trainers outside
     * this package (the Spark trainer of {@code fluxion-spark}).
     *
     * @param epoch the epoch, from 1
     * @param epochs the number of epochs
     * @param step the step within the epoch, from 1
     * @param steps steps per epoch
     * @param runningLoss the epoch's mean loss so far
     * @param examplesPerSecond the epoch's throughput so far
     */
    public void step(int epoch, int epochs, int step, int steps, double runningLoss, double examplesPerSecond) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < refreshNanos && step != steps) {
            return;
        }
        lastDraw = now;
        out.print('\r' + padded(head(epoch, epochs, step, steps, runningLoss, examplesPerSecond)));
        out.flush();
    }

    /**
     * Called once per epoch, after evaluation: prints the epoch's summary line.
     *
     * @param m the epoch's metrics
     * @param epochs the number of epochs
     * @param stepsPerEpoch steps per epoch
     */
    public void epochEnd(EpochMetrics m, int epochs, int stepsPerEpoch) {
        if (out == null) {
            return;
        }
        String line = summary(m, epochs, stepsPerEpoch);
        out.print((live ? "\r" + padded(line) : line) + "\n");
        lastWidth = 0;
        out.flush();
    }

    /** The line followed by enough spaces to cover a longer line drawn before it. */
    private String padded(String line) {
        int width = line.length();
        String out = width < lastWidth ? line + " ".repeat(lastWidth - width) : line;
        lastWidth = width;
        return out;
    }

    /** The summary line of one epoch. */
    static String summary(EpochMetrics m, int epochs, int stepsPerEpoch) {
        StringBuilder s = new StringBuilder(head(m.epoch(), epochs, stepsPerEpoch, stepsPerEpoch, m.trainLoss(),
                m.examplesPerSecond()));
        if (!Double.isNaN(m.testLoss())) {
            s.append(String.format(Locale.ROOT, " | test loss %.4f", m.testLoss()));
        }
        if (!Double.isNaN(m.testAccuracy())) {
            s.append(String.format(Locale.ROOT, " acc %.2f%%", 100 * m.testAccuracy()));
        }
        s.append(String.format(Locale.ROOT, " | %.2f s", m.trainSeconds()));
        return s.toString();
    }

    private static String head(int epoch, int epochs, int step, int steps, double loss, double rate) {
        int filled = steps == 0 ? BAR : (int) ((long) BAR * step / steps);
        StringBuilder bar = new StringBuilder(BAR + 2).append('[');
        for (int i = 0; i < BAR; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        bar.append(']');
        int width = String.valueOf(epochs).length();
        int stepWidth = String.valueOf(steps).length();
        return String.format(Locale.ROOT, "epoch %" + width + "d/%d %s %" + stepWidth + "d/%d loss %.4f | %.0f ex/s",
                epoch, epochs, bar, step, steps, loss, rate);
    }
}
