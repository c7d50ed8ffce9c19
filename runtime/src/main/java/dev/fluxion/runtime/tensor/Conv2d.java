package dev.fluxion.runtime.tensor;

import java.util.Arrays;

/**
 * Two-dimensional convolution (cross-correlation, as in the lecture and in every framework)
 * over flat row-major NCHW buffers, and its two transposes. Generated code calls these
 * loops, and the compiler's reference interpreter runs the same ones, so they are written
 * once. The geometry: input {@code x[n, c, h, w]}, filters {@code f[o, c, kh, kw]}, zero
 * padding {@code pad} on every side, {@code stride} in both directions, output
 * {@code y[n, o, oh, ow]} with {@code oh = (h + 2·pad − kh) / stride + 1}.
 *
 * <p>The three are the bilinear map y = conv(x, f) and its partial transposes, so each is
 * the vector-Jacobian product of another: ∂/∂x of ⟨g, conv(x, f)⟩ is
 * {@link #backwardInput}, ∂/∂f is {@link #backwardFilter}.
 */
public final class Conv2d {

    private Conv2d() {
    }

    /**
     * The output extent of one spatial axis.
     *
     * @param in the input extent
     * @param k the kernel extent
     * @param stride the step between windows
     * @param pad zeros added on each side
     * @return {@code (in + 2·pad − k) / stride + 1}
     */
    public static int outSize(int in, int k, int stride, int pad) {
        return (in + 2 * pad - k) / stride + 1;
    }

    /** The first output index whose input index {@code o·stride − pad + k} is ≥ 0. */
    private static int first(int k, int stride, int pad) {
        int d = pad - k;
        return d <= 0 ? 0 : (d + stride - 1) / stride;
    }

    /** One past the last output index whose input index is &lt; {@code in}, capped at {@code out}. */
    private static int last(int k, int stride, int pad, int in, int out) {
        int d = in - 1 + pad - k;
        return d < 0 ? 0 : Math.min(out, d / stride + 1);
    }

    /*
     * All three loop over (example, output channel, input channel, kernel row u, kernel
     * column v) and then over the output positions that read a real (unpadded) input,
     * computed once per (u, v): the innermost loop runs along an output row and an input
     * row at once, with no bounds test, which the JIT can vectorize.
     */

    /**
     * y = conv(x, f).
     *
     * @param x the input, [n, c, h, w]
     * @param f the filters, [o, c, kh, kw]
     * @param y receives the output, [n, o, oh, ow] (overwritten)
     * @param n the batch size
     * @param c input channels
     * @param h input height
     * @param w input width
     * @param o output channels
     * @param kh kernel height
     * @param kw kernel width
     * @param stride the step between windows
     * @param pad zeros added on each side of both spatial axes
     */
    public static void forward(double[] x, double[] f, double[] y, int n, int c, int h, int w, int o, int kh, int kw,
                               int stride, int pad) {
        int oh = outSize(h, kh, stride, pad);
        int ow = outSize(w, kw, stride, pad);
        Arrays.fill(y, 0, n * o * oh * ow, 0.0);
        for (int b = 0; b < n; b++) {
            for (int q = 0; q < o; q++) {
                int yBase = (b * o + q) * oh;
                for (int ch = 0; ch < c; ch++) {
                    int xBase = (b * c + ch) * h;
                    int fBase = (q * c + ch) * kh;
                    for (int u = 0; u < kh; u++) {
                        int i0 = first(u, stride, pad);
                        int i1 = last(u, stride, pad, h, oh);
                        for (int v = 0; v < kw; v++) {
                            double fv = f[(fBase + u) * kw + v];
                            int j0 = first(v, stride, pad);
                            int j1 = last(v, stride, pad, w, ow);
                            for (int i = i0; i < i1; i++) {
                                int yRow = (yBase + i) * ow;
                                int xRow = (xBase + i * stride - pad + u) * w - pad + v;
                                for (int j = j0; j < j1; j++) {
                                    y[yRow + j] += fv * x[xRow + j * stride];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * dx = ∂⟨g, conv(x, f)⟩/∂x: g[n, o, oh, ow] spread back through the filters onto x[n, c, h, w].
     *
     * @param g the output gradient, [n, o, oh, ow]
     * @param f the filters, [o, c, kh, kw]
     * @param dx receives the input gradient, [n, c, h, w] (overwritten)
     * @param n the batch size
     * @param c input channels
     * @param h input height
     * @param w input width
     * @param o output channels
     * @param kh kernel height
     * @param kw kernel width
     * @param stride the step between windows
     * @param pad zeros added on each side of both spatial axes
     */
    public static void backwardInput(double[] g, double[] f, double[] dx, int n, int c, int h, int w, int o, int kh,
                                     int kw, int stride, int pad) {
        int oh = outSize(h, kh, stride, pad);
        int ow = outSize(w, kw, stride, pad);
        Arrays.fill(dx, 0, n * c * h * w, 0.0);
        for (int b = 0; b < n; b++) {
            for (int q = 0; q < o; q++) {
                int gBase = (b * o + q) * oh;
                for (int ch = 0; ch < c; ch++) {
                    int xBase = (b * c + ch) * h;
                    int fBase = (q * c + ch) * kh;
                    for (int u = 0; u < kh; u++) {
                        int i0 = first(u, stride, pad);
                        int i1 = last(u, stride, pad, h, oh);
                        for (int v = 0; v < kw; v++) {
                            double fv = f[(fBase + u) * kw + v];
                            int j0 = first(v, stride, pad);
                            int j1 = last(v, stride, pad, w, ow);
                            for (int i = i0; i < i1; i++) {
                                int gRow = (gBase + i) * ow;
                                int xRow = (xBase + i * stride - pad + u) * w - pad + v;
                                for (int j = j0; j < j1; j++) {
                                    dx[xRow + j * stride] += fv * g[gRow + j];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * df = ∂⟨g, conv(x, f)⟩/∂f: the correlation of x with g, onto f[o, c, kh, kw].
     *
     * @param x the input, [n, c, h, w]
     * @param g the output gradient, [n, o, oh, ow]
     * @param df receives the filter gradient, [o, c, kh, kw] (overwritten)
     * @param n the batch size
     * @param c input channels
     * @param h input height
     * @param w input width
     * @param o output channels
     * @param kh kernel height
     * @param kw kernel width
     * @param stride the step between windows
     * @param pad zeros added on each side of both spatial axes
     */
    public static void backwardFilter(double[] x, double[] g, double[] df, int n, int c, int h, int w, int o, int kh,
                                      int kw, int stride, int pad) {
        int oh = outSize(h, kh, stride, pad);
        int ow = outSize(w, kw, stride, pad);
        Arrays.fill(df, 0, o * c * kh * kw, 0.0);
        for (int b = 0; b < n; b++) {
            for (int q = 0; q < o; q++) {
                int gBase = (b * o + q) * oh;
                for (int ch = 0; ch < c; ch++) {
                    int xBase = (b * c + ch) * h;
                    int fBase = (q * c + ch) * kh;
                    for (int u = 0; u < kh; u++) {
                        int i0 = first(u, stride, pad);
                        int i1 = last(u, stride, pad, h, oh);
                        for (int v = 0; v < kw; v++) {
                            int j0 = first(v, stride, pad);
                            int j1 = last(v, stride, pad, w, ow);
                            double acc = 0.0;
                            for (int i = i0; i < i1; i++) {
                                int gRow = (gBase + i) * ow;
                                int xRow = (xBase + i * stride - pad + u) * w - pad + v;
                                for (int j = j0; j < j1; j++) {
                                    acc += g[gRow + j] * x[xRow + j * stride];
                                }
                            }
                            df[(fBase + u) * kw + v] += acc;
                        }
                    }
                }
            }
        }
    }
}
