package dev.fluxion.compiler.inspect;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import javax.imageio.ImageIO;

/**
 * Draws a {@link Sweep.Result} as a PNG with plain java.awt (headless; no display needed):
 * time of the full Jacobian against the number of inputs m (n fixed) and against the
 * number of outputs n (m fixed), forward and reverse mode as two lines on log-log axes,
 * with a dashed line where they cross. A second row plots the operation counts of the
 * generated code, which do not depend on how busy the machine was: they show the
 * lecture's crossing at m = n exactly, and the times show how far the machine follows.
 */
public final class SweepChart {

    static final int WIDTH = 1200;
    static final int HEIGHT = 980;
    private static final Color FORWARD = new Color(0x1565c0);
    private static final Color REVERSE = new Color(0xc62828);
    private static final Color GRID = new Color(0xe0e0e0);
    private static final Color AXIS = new Color(0x424242);

    private SweepChart() {
    }

    /** Writes the chart of {@code r} to {@code out} as PNG. */
    public static void write(Sweep.Result r, Path out) throws IOException {
        BufferedImage img = draw(r);
        if (!ImageIO.write(img, "png", out.toFile())) {
            throw new IOException("no PNG writer available to write " + out);
        }
    }

    /** The chart as an image. */
    public static BufferedImage draw(Sweep.Result r) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            centered(g, "Full Jacobian: forward vs reverse mode", WIDTH / 2, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            centered(g, "f: R^m \u2192 R^n,  y_j = \u03a3_i sin(a_ij \u00b7 x_i);  forward mode makes one tangent pass"
                    + " per input, reverse mode one adjoint pass per output", WIDTH / 2, 52);
            Metric time = new Metric("measured time (fastest batch, log scale)", Sweep.Sample::forwardNanos,
                    Sweep.Sample::reverseNanos, Numbers::duration);
            Metric ops = new Metric("operations in the generated code (log scale)", s -> s.forwardOps(),
                    s -> s.reverseOps(), v -> Numbers.format(v, 3));
            int half = WIDTH / 2;
            int rowHeight = (HEIGHT - 80) / 2;
            int[] tops = {80, 80 + rowHeight};
            Metric[] metrics = {time, ops};
            for (int row = 0; row < 2; row++) {
                double[] range = range(metrics[row], r);
                int top = tops[row] + 10;
                int bottom = tops[row] + rowHeight - 62;
                panel(g, r.byInputs(), Sweep.Sample::m, "number of inputs m  (n = " + r.fixed() + ")", "m",
                        metrics[row], 100, top, half - 30, bottom, range);
                panel(g, r.byOutputs(), Sweep.Sample::n, "number of outputs n  (m = " + r.fixed() + ")", "n",
                        metrics[row], half + 100, top, WIDTH - 30, bottom, range);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** What one row of panels plots: a quantity of each mode, and how its axis is labelled. */
    private record Metric(String label, ToDoubleFunction<Sweep.Sample> forward, ToDoubleFunction<Sweep.Sample> reverse,
                          java.util.function.DoubleFunction<String> format) {
    }

    /** The smallest and largest positive finite value of {@code metric} over both series. */
    private static double[] range(Metric metric, Sweep.Result r) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (List<Sweep.Sample> list : List.of(r.byInputs(), r.byOutputs())) {
            for (Sweep.Sample s : list) {
                for (double v : new double[] {metric.forward().applyAsDouble(s), metric.reverse().applyAsDouble(s)}) {
                    if (v > 0 && Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        return hi == 0 ? new double[] {1, 10} : new double[] {lo, hi};
    }

    private static void panel(Graphics2D g, List<Sweep.Sample> samples, ToIntFunction<Sweep.Sample> size,
                              String xLabel, String var, Metric metric, int left, int top, int right, int bottom,
                              double[] range) {
        double x0 = log2(size.applyAsInt(samples.get(0)));
        double x1 = log2(size.applyAsInt(samples.get(samples.size() - 1)));
        if (x1 == x0) {
            x0 -= 0.5;
            x1 += 0.5;
        }
        double y0 = Math.floor(Math.log10(range[0]));
        double y1 = Math.ceil(Math.log10(range[1]));
        if (y1 == y0) {
            y1 += 1;
        }
        Axes ax = new Axes(left, top, right, bottom, x0, x1, y0, y1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        // grid and ticks: decades on the value axis, every size measured on the size axis
        for (int d = (int) y0; d <= (int) y1; d++) {
            int py = ax.py(d);
            g.setColor(GRID);
            g.drawLine(left, py, right, py);
            g.setColor(AXIS);
            String label = metric.format().apply(Math.pow(10, d));
            g.drawString(label, left - 8 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
        }
        for (Sweep.Sample s : samples) {
            int px = ax.px(log2(size.applyAsInt(s)));
            g.setColor(GRID);
            g.drawLine(px, top, px, bottom);
            g.setColor(AXIS);
            centered(g, Integer.toString(size.applyAsInt(s)), px, bottom + 18);
        }
        g.setColor(AXIS);
        g.setStroke(new BasicStroke(1.2f));
        g.drawRect(left, top, right - left, bottom - top);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        centered(g, xLabel, (left + right) / 2, bottom + 40);
        Graphics2D v = (Graphics2D) g.create();
        v.translate(left - 70, (top + bottom) / 2);
        v.rotate(-Math.PI / 2);
        centered(v, metric.label(), 0, 0);
        v.dispose();

        series(g, ax, samples, size, metric.forward(), FORWARD);
        series(g, ax, samples, size, metric.reverse(), REVERSE);
        crossing(g, ax, samples, size, metric, var);
        legend(g, left + 14, top + 14);
    }

    private static void series(Graphics2D g, Axes ax, List<Sweep.Sample> samples, ToIntFunction<Sweep.Sample> size,
                               ToDoubleFunction<Sweep.Sample> time, Color c) {
        g.setColor(c);
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double path = new Path2D.Double();
        boolean started = false;
        for (Sweep.Sample s : samples) {
            double t = time.applyAsDouble(s);
            if (!(t > 0) || !Double.isFinite(t)) {
                continue;
            }
            double px = ax.px(log2(size.applyAsInt(s)));
            double py = ax.py(Math.log10(t));
            if (started) {
                path.lineTo(px, py);
            } else {
                path.moveTo(px, py);
                started = true;
            }
            g.fillOval((int) px - 4, (int) py - 4, 8, 8);
        }
        g.draw(path);
    }

    /**
     * A dashed line where the faster mode changes for the last time, interpolated in log
     * space: beyond it one mode wins at every size measured. (Near the crossing the two
     * times are close and noise can make them swap more than once; the last swap is the
     * one that matters.)
     */
    private static void crossing(Graphics2D g, Axes ax, List<Sweep.Sample> samples, ToIntFunction<Sweep.Sample> size,
                                 Metric metric, String var) {
        for (int i = samples.size() - 1; i >= 1; i--) {
            double a = Math.log(ratio(metric, samples.get(i - 1)));
            double b = Math.log(ratio(metric, samples.get(i)));
            if (!Double.isFinite(a) || !Double.isFinite(b) || Math.signum(a) == Math.signum(b) || a == b) {
                continue;
            }
            double xa = log2(size.applyAsInt(samples.get(i - 1)));
            double xb = log2(size.applyAsInt(samples.get(i)));
            double x = xa + (xb - xa) * a / (a - b);
            int px = ax.px(x);
            g.setColor(AXIS);
            g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f));
            g.draw(new Line2D.Double(px, ax.top, px, ax.bottom));
            g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 12));
            String label = String.format(Locale.ROOT, "modes cross at %s \u2248 %s", var, Numbers.format(Math.pow(2, x), 2));
            g.drawString(label, px + 6, ax.bottom - 10);
            return;
        }
    }

    private static double ratio(Metric metric, Sweep.Sample s) {
        return metric.forward().applyAsDouble(s) / metric.reverse().applyAsDouble(s);
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.WHITE);
        g.fillRect(x, y, 250, 48);
        g.setColor(GRID);
        g.drawRect(x, y, 250, 48);
        String[] names = {"forward (one pass per input)", "reverse (one pass per output)"};
        Color[] colors = {FORWARD, REVERSE};
        for (int k = 0; k < 2; k++) {
            int ly = y + 16 + 20 * k;
            g.setColor(colors[k]);
            g.setStroke(new BasicStroke(2.2f));
            g.drawLine(x + 8, ly, x + 36, ly);
            g.fillOval(x + 18, ly - 4, 8, 8);
            g.setColor(Color.BLACK);
            g.drawString(names[k], x + 44, ly + 5);
        }
    }

    private static void centered(Graphics2D g, String s, int cx, int baseline) {
        g.drawString(s, cx - g.getFontMetrics().stringWidth(s) / 2, baseline);
    }

    private static double log2(int v) {
        return Math.log(v) / Math.log(2);
    }

    /** Data to pixel coordinates of one panel. */
    private record Axes(int left, int top, int right, int bottom, double x0, double x1, double y0, double y1) {
        int px(double x) {
            double pad = 0.04 * (right - left);
            return (int) Math.round(left + pad + (x - x0) / (x1 - x0) * (right - left - 2 * pad));
        }

        int py(double y) {
            return (int) Math.round(bottom - (y - y0) / (y1 - y0) * (bottom - top));
        }
    }
}
