package dev.fluxion.runtime.plot;

import dev.fluxion.runtime.train.EpochMetrics;
import dev.fluxion.runtime.train.History;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PNG of a training run: on the left the loss against epochs (every step, smoothed
 * with a moving mean over a tenth of an epoch, the epoch means and the test loss), on
 * the right the test accuracy per epoch in percent.
 *
 * <p>Draws into a {@link BufferedImage}, which needs no display; the caller should still
 * run the JVM with {@code -Djava.awt.headless=true} on a machine without one (this
 * class does not set the global property itself). Fonts come from the JDK's logical
 * "SansSerif" font.
 */
public final class TrainingPlot {

    /** Colours from the Tableau 10 palette, distinguishable in print. */
    private static final Color BLUE = new Color(0x4E, 0x79, 0xA7);
    private static final Color LIGHT_BLUE = new Color(0xA0, 0xCB, 0xE8);
    private static final Color ORANGE = new Color(0xF2, 0x8E, 0x2B);
    private static final Color GREEN = new Color(0x59, 0xA1, 0x4F);

    private TrainingPlot() {
    }

    /**
     * The two charts for {@code history}.
     *
     * @param history the run
     * @param title the charts' title prefix
     * @return the loss chart and, when there are test metrics, the accuracy chart
     */
    public static List<LineChart> charts(History history, String title) {
        List<EpochMetrics> epochs = history.epochs();
        int spe = history.stepsPerEpoch();
        double[] losses = history.stepLosses();
        double[] stepX = new double[losses.length];
        for (int i = 0; i < losses.length; i++) {
            stepX[i] = (i + 1) / (double) spe;
        }
        double[] smooth = movingMean(losses, Math.max(1, spe / 10));
        double[] ex = new double[epochs.size()];
        double[] trainLoss = new double[epochs.size()];
        double[] testLoss = new double[epochs.size()];
        double[] acc = new double[epochs.size()];
        boolean hasTest = false;
        boolean hasAcc = false;
        for (int i = 0; i < ex.length; i++) {
            EpochMetrics m = epochs.get(i);
            ex[i] = m.epoch();
            trainLoss[i] = m.trainLoss();
            testLoss[i] = m.testLoss();
            acc[i] = 100 * m.testAccuracy();
            hasTest |= Double.isFinite(m.testLoss());
            hasAcc |= Double.isFinite(m.testAccuracy());
        }
        List<Series> lossSeries = new ArrayList<>();
        lossSeries.add(new Series("train loss per step (moving mean)", stepX, smooth, LIGHT_BLUE, false));
        lossSeries.add(new Series("train loss, epoch mean", ex, trainLoss, BLUE, true));
        if (hasTest) {
            lossSeries.add(new Series("test loss", ex, testLoss, ORANGE, true));
        }
        List<LineChart> charts = new ArrayList<>();
        charts.add(new LineChart(title + ": loss", "epoch", "loss", lossSeries));
        List<Series> accSeries = new ArrayList<>();
        if (hasAcc) {
            accSeries.add(new Series("test accuracy", ex, acc, GREEN, true));
        }
        charts.add(new LineChart(title + ": accuracy", "epoch", "test accuracy (%)", accSeries));
        return charts;
    }

    /**
     * Writes the plot of {@code history} as a PNG of {@code width} × {@code height} pixels.
     *
     * @param history the run
     * @param title the charts' title prefix
     * @param file the PNG to write
     * @param width pixels, at least 200
     * @param height pixels, at least 150
     * @throws IOException if the file cannot be written
     */
    public static void write(History history, String title, Path file, int width, int height) throws IOException {
        writePng(charts(history, title), file, width, height);
    }

    /**
     * Writes {@code charts} side by side as one PNG.
     *
     * @param charts the charts, left to right
     * @param file the PNG to write
     * @param width pixels, at least 200
     * @param height pixels, at least 150
     * @throws IOException if the file cannot be written
     */
    public static void writePng(List<LineChart> charts, Path file, int width, int height) throws IOException {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("plot needs at least 200 x 150 pixels, got " + width + " x " + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int n = charts.size();
            for (int i = 0; i < n; i++) {
                int x0 = i * width / n;
                int x1 = (i + 1) * width / n;
                charts.get(i).draw(g, new Rectangle(x0, 0, x1 - x0, height));
            }
        } finally {
            g.dispose();
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available in this JDK");
        }
    }

    /** The mean of each value and the {@code window − 1} before it (fewer at the start). */
    static double[] movingMean(double[] v, int window) {
        double[] out = new double[v.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += v[i];
            if (i >= window) {
                sum -= v[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }
}
