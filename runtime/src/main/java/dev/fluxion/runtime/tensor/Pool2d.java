package dev.fluxion.runtime.tensor;

import java.util.Arrays;

/**
 * Max and average pooling over flat row-major NCHW buffers, windows of {@code size} with
 * {@code stride}, no padding: input {@code x[n, c, h, w]}, output
 * {@code y[n, c, (h − size)/stride + 1, (w − size)/stride + 1]}. Max pooling routes
 * derivatives to the first maximum of each window (ties go to the first, in row-major
 * order), in both modes: {@link #maxSelect} is its JVP, {@link #maxScatter} its VJP, and
 * the two are each other's transpose. Average pooling is linear; {@link #avgBackward}
 * is its transpose.
 */
public final class Pool2d {

    private Pool2d() {
    }

    /**
     * The output extent of one spatial axis.
     *
     * @param in the input extent
     * @param size the window's side
     * @param stride the step between windows
     * @return {@code (in − size) / stride + 1}
     */
    public static int outSize(int in, int size, int stride) {
        return (in - size) / stride + 1;
    }

    /** Flat index into x of the first maximum of window (b·c + ch, i, j). */
    private static int argmax(double[] x, int plane, int h, int w, int i, int j, int size, int stride) {
        int best = -1;
        double m = Double.NEGATIVE_INFINITY;
        for (int u = 0; u < size; u++) {
            int row = (plane * h + i * stride + u) * w + j * stride;
            for (int v = 0; v < size; v++) {
                if (best < 0 || x[row + v] > m) {
                    m = x[row + v];
                    best = row + v;
                }
            }
        }
        return best;
    }

    /**
     * y = the maximum of each window of x.
     *
     * @param x the input, [n, c, h, w]
     * @param y receives the output, [n, c, oh, ow]
     * @param n the batch size
     * @param c channels
     * @param h input height
     * @param w input width
     * @param size the window's side
     * @param stride the step between windows
     */
    public static void maxForward(double[] x, double[] y, int n, int c, int h, int w, int size, int stride) {
        maxSelect(x, x, y, n, c, h, w, size, stride);
    }

    /**
     * y = t at the first maximum of x in each window (t has x's shape).
     *
     * @param x the input, which decides the maxima
     * @param t the values picked, with x's shape (a tangent, for the JVP)
     * @param y receives the picked values, [n, c, oh, ow]
     * @param n the batch size
     * @param c channels
     * @param h input height
     * @param w input width
     * @param size the window's side
     * @param stride the step between windows
     */
    public static void maxSelect(double[] x, double[] t, double[] y, int n, int c, int h, int w, int size, int stride) {
        int oh = outSize(h, size, stride);
        int ow = outSize(w, size, stride);
        int yi = 0;
        for (int p = 0; p < n * c; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    y[yi++] = t[argmax(x, p, h, w, i, j, size, stride)];
                }
            }
        }
    }

    /**
     * dx = g sent to the first maximum of x in each window, zero elsewhere (dx has x's shape).
     *
     * @param x the input, which decides the maxima
     * @param g the output gradient, [n, c, oh, ow]
     * @param dx receives the input gradient, x's shape (overwritten)
     * @param n the batch size
     * @param c channels
     * @param h input height
     * @param w input width
     * @param size the window's side
     * @param stride the step between windows
     */
    public static void maxScatter(double[] x, double[] g, double[] dx, int n, int c, int h, int w, int size, int stride) {
        int oh = outSize(h, size, stride);
        int ow = outSize(w, size, stride);
        Arrays.fill(dx, 0, n * c * h * w, 0.0);
        int gi = 0;
        for (int p = 0; p < n * c; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    dx[argmax(x, p, h, w, i, j, size, stride)] += g[gi++];
                }
            }
        }
    }

    /**
     * y = the mean of each window of x.
     *
     * @param x the input, [n, c, h, w]
     * @param y receives the output, [n, c, oh, ow]
     * @param n the batch size
     * @param c channels
     * @param h input height
     * @param w input width
     * @param size the window's side
     * @param stride the step between windows
     */
    public static void avgForward(double[] x, double[] y, int n, int c, int h, int w, int size, int stride) {
        int oh = outSize(h, size, stride);
        int ow = outSize(w, size, stride);
        double scale = 1.0 / (size * size);
        int yi = 0;
        for (int p = 0; p < n * c; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double acc = 0.0;
                    for (int u = 0; u < size; u++) {
                        int row = (p * h + i * stride + u) * w + j * stride;
                        for (int v = 0; v < size; v++) {
                            acc += x[row + v];
                        }
                    }
                    y[yi++] = acc * scale;
                }
            }
        }
    }

    /**
     * dx = the transpose of average pooling applied to g: each g spread evenly over its window.
     *
     * @param g the output gradient, [n, c, oh, ow]
     * @param dx receives the input gradient, [n, c, h, w] (overwritten)
     * @param n the batch size
     * @param c channels
     * @param h input height
     * @param w input width
     * @param size the window's side
     * @param stride the step between windows
     */
    public static void avgBackward(double[] g, double[] dx, int n, int c, int h, int w, int size, int stride) {
        int oh = outSize(h, size, stride);
        int ow = outSize(w, size, stride);
        double scale = 1.0 / (size * size);
        Arrays.fill(dx, 0, n * c * h * w, 0.0);
        int gi = 0;
        for (int p = 0; p < n * c; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double gv = g[gi++] * scale;
                    for (int u = 0; u < size; u++) {
                        int row = (p * h + i * stride + u) * w + j * stride;
                        for (int v = 0; v < size; v++) {
                            dx[row + v] += gv;
                        }
                    }
                }
            }
        }
    }
}
