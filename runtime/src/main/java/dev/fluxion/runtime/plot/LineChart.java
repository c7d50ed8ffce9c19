package dev.fluxion.runtime.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.util.List;

/**
 * A line chart with a title, labelled axes with nice ticks, a light grid and a legend,
 * drawn with java.awt into any rectangle of a {@link Graphics2D}. The legend goes in the
 * corner of the plot area that hides the fewest data points. Immutable.
 *
 * @param title  drawn above the plot area
 * @param xLabel below the x axis
 * @param yLabel left of the y axis, rotated
 * @param series the lines, drawn in order and listed in the legend
 */
public record LineChart(String title, String xLabel, String yLabel, List<Series> series) {

    private static final Color AXIS = new Color(0x33, 0x33, 0x33);
    private static final Color GRID = new Color(0xE4, 0xE4, 0xE4);

    /**
     * Copies the series list.
     *
     * @param title above the chart
     * @param xLabel below the x axis
     * @param yLabel left of the y axis
     * @param series the lines
     */
    public LineChart {
        series = List.copyOf(series);
    }

    /**
     * Draws the chart inside {@code area}.
     *
     * @param g the graphics to draw with
     * @param area the part of the image the chart fills
     */
    public void draw(Graphics2D g, Rectangle area) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        g.setFont(base);
        FontMetrics fm = g.getFontMetrics();
        double[] xr = range(true);
        double[] yr = range(false);
        Ticks xt = Ticks.covering(xr[0], xr[1], 6);
        Ticks yt = Ticks.covering(yr[0], yr[1], 6);
        int yLabelWidth = 0;
        for (int i = 0; i < yt.count(); i++) {
            yLabelWidth = Math.max(yLabelWidth, fm.stringWidth(yt.label(i)));
        }
        int left = area.x + 12 + fm.getHeight() + yLabelWidth + 8;
        int right = area.x + area.width - 14;
        int top = area.y + 12 + 2 * fm.getHeight();
        int bottom = area.y + area.height - 14 - 2 * fm.getHeight();
        Rectangle plot = new Rectangle(left, top, Math.max(1, right - left), Math.max(1, bottom - top));

        // Title.
        g.setColor(AXIS);
        g.setFont(base.deriveFont(Font.BOLD, 14f));
        FontMetrics tm = g.getFontMetrics();
        g.drawString(title, plot.x + (plot.width - tm.stringWidth(title)) / 2, area.y + 8 + tm.getAscent());
        g.setFont(base);

        // Grid, ticks and tick labels.
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < xt.count(); i++) {
            int px = toPixel(xt.at(i), xt.start(), xt.end(), plot.x, plot.x + plot.width);
            g.setColor(GRID);
            g.drawLine(px, plot.y, px, plot.y + plot.height);
            g.setColor(AXIS);
            g.drawLine(px, plot.y + plot.height, px, plot.y + plot.height + 4);
            String s = xt.label(i);
            g.drawString(s, px - fm.stringWidth(s) / 2, plot.y + plot.height + 6 + fm.getAscent());
        }
        for (int i = 0; i < yt.count(); i++) {
            int py = toPixel(yt.at(i), yt.start(), yt.end(), plot.y + plot.height, plot.y);
            g.setColor(GRID);
            g.drawLine(plot.x, py, plot.x + plot.width, py);
            g.setColor(AXIS);
            g.drawLine(plot.x - 4, py, plot.x, py);
            String s = yt.label(i);
            g.drawString(s, plot.x - 7 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
        }
        g.setColor(AXIS);
        g.drawRect(plot.x, plot.y, plot.width, plot.height);

        // Axis labels.
        g.drawString(xLabel, plot.x + (plot.width - fm.stringWidth(xLabel)) / 2,
                plot.y + plot.height + 8 + fm.getHeight() + fm.getAscent());
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(plot.y + (plot.height + fm.stringWidth(yLabel)) / 2), area.x + 8 + fm.getAscent());
        g.setTransform(saved);

        // Lines.
        java.awt.Shape clip = g.getClip();
        g.clip(new Rectangle(plot.x, plot.y, plot.width + 1, plot.height + 1));
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(s.markers() ? 2f : 1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double path = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < s.size(); i++) {
                double x = s.xAt(i);
                double y = s.yAt(i);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    pen = false;
                    continue;
                }
                double px = toPixelD(x, xt.start(), xt.end(), plot.x, plot.x + plot.width);
                double py = toPixelD(y, yt.start(), yt.end(), plot.y + plot.height, plot.y);
                if (pen) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    pen = true;
                }
                if (s.markers()) {
                    g.fillOval((int) Math.round(px) - 3, (int) Math.round(py) - 3, 7, 7);
                }
            }
            g.draw(path);
        }
        g.setClip(clip);

        drawLegend(g, plot, fm, xt, yt);
    }

    private void drawLegend(Graphics2D g, Rectangle plot, FontMetrics fm, Ticks xt, Ticks yt) {
        if (series.isEmpty()) {
            return;
        }
        int width = 0;
        for (Series s : series) {
            width = Math.max(width, fm.stringWidth(s.name()));
        }
        int row = fm.getHeight() + 2;
        int boxW = width + 40;
        int boxH = row * series.size() + 8;
        // The corner that hides the fewest points (top right on a tie).
        int[][] corners = {
            {plot.x + plot.width - boxW - 8, plot.y + 8},
            {plot.x + 8, plot.y + 8},
            {plot.x + plot.width - boxW - 8, plot.y + plot.height - boxH - 8},
            {plot.x + 8, plot.y + plot.height - boxH - 8},
        };
        int bx = corners[0][0];
        int by = corners[0][1];
        int fewest = Integer.MAX_VALUE;
        for (int[] c : corners) {
            Rectangle box = new Rectangle(c[0] - 4, c[1] - 4, boxW + 8, boxH + 8);
            int hidden = 0;
            for (Series s : series) {
                for (int i = 0; i < s.size(); i++) {
                    double px = toPixelD(s.xAt(i), xt.start(), xt.end(), plot.x, plot.x + plot.width);
                    double py = toPixelD(s.yAt(i), yt.start(), yt.end(), plot.y + plot.height, plot.y);
                    hidden += box.contains(px, py) ? 1 : 0;
                }
            }
            if (hidden < fewest) {
                fewest = hidden;
                bx = c[0];
                by = c[1];
            }
        }
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(bx, by, boxW, boxH);
        g.setColor(GRID.darker());
        g.drawRect(bx, by, boxW, boxH);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int cy = by + 4 + row * i + row / 2;
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2f));
            g.drawLine(bx + 6, cy, bx + 28, cy);
            if (s.markers()) {
                g.fillOval(bx + 14, cy - 3, 7, 7);
            }
            g.setColor(AXIS);
            g.drawString(s.name(), bx + 34, cy + fm.getAscent() / 2 - 1);
        }
    }

    private double[] range(boolean xAxis) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.size(); i++) {
                double v = xAxis ? s.xAt(i) : s.yAt(i);
                double other = xAxis ? s.yAt(i) : s.xAt(i);
                if (Double.isFinite(v) && Double.isFinite(other)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return new double[] {min, max};
    }

    private static int toPixel(double v, double lo, double hi, int p0, int p1) {
        return (int) Math.round(toPixelD(v, lo, hi, p0, p1));
    }

    private static double toPixelD(double v, double lo, double hi, int p0, int p1) {
        return p0 + (v - lo) / (hi - lo) * (p1 - p0);
    }
}
