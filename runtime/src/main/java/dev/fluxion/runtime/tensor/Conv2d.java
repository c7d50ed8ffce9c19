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

    /** The output extent of one spatial axis. */
    public static int outSize(int in, int k, int stride, int pad) {
        return (in + 2 * pad - k) / stride + 1;
    }

    /** y = conv(x, f). */
    public static void forward(double[] x, double[] f, double[] y, int n, int c, int h, int w, int o, int kh, int kw,
                               int stride, int pad) {
        int oh = outSize(h, kh, stride, pad);
        int ow = outSize(w, kw, stride, pad);
        int yi = 0;
        for (int b = 0; b < n; b++) {
            for (int q = 0; q < o; q++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double acc = 0.0;
                        for (int ch = 0; ch < c; ch++) {
                            int xBase = (b * c + ch) * h;
                            int fBase = (q * c + ch) * kh;
                            for (int u = 0; u < kh; u++) {
                                int r = i * stride - pad + u;
                                if (r < 0 || r >= h) {
                                    continue;
                                }
                                int xRow = (xBase + r) * w;
                                int fRow = (fBase + u) * kw;
                                for (int v = 0; v < kw; v++) {
                                    int s = j * stride - pad + v;
                                    if (s >= 0 && s < w) {
                                        acc += x[xRow + s] * f[fRow + v];
                                    }
                                }
                            }
                        }
                        y[yi++] = acc;
                    }
                }
            }
        }
    }

    /** dx = ∂⟨g, conv(x, f)⟩/∂x: g[n, o, oh, ow] spread back through the filters onto x[n, c, h, w]. */
    public static void backwardInput(double[] g, double[] f, double[] dx, int n, int c, int h, int w, int o, int kh,
                                     int kw, int stride, int pad) {
        int oh = outSize(h, kh, stride, pad);
        int ow = outSize(w, kw, stride, pad);
        Arrays.fill(dx, 0, n * c * h * w, 0.0);
        int gi = 0;
        for (int b = 0; b < n; b++) {
            for (int q = 0; q < o; q++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double gv = g[gi++];
                        if (gv == 0.0) {
                            continue;
                        }
                        for (int ch = 0; ch < c; ch++) {
                            int xBase = (b * c + ch) * h;
                            int fBase = (q * c + ch) * kh;
                            for (int u = 0; u < kh; u++) {
                                int r = i * stride - pad + u;
                                if (r < 0 || r >= h) {
                                    continue;
                                }
                                int xRow = (xBase + r) * w;
                                int fRow = (fBase + u) * kw;
                                for (int v = 0; v < kw; v++) {
                                    int s = j * stride - pad + v;
                                    if (s >= 0 && s < w) {
                                        dx[xRow + s] += gv * f[fRow + v];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** df = ∂⟨g, conv(x, f)⟩/∂f: the correlation of x with g, onto f[o, c, kh, kw]. */
    public static void backwardFilter(double[] x, double[] g, double[] df, int n, int c, int h, int w, int o, int kh,
                                      int kw, int stride, int pad) {
        int oh = outSize(h, kh, stride, pad);
        int ow = outSize(w, kw, stride, pad);
        Arrays.fill(df, 0, o * c * kh * kw, 0.0);
        int gi = 0;
        for (int b = 0; b < n; b++) {
            for (int q = 0; q < o; q++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double gv = g[gi++];
                        if (gv == 0.0) {
                            continue;
                        }
                        for (int ch = 0; ch < c; ch++) {
                            int xBase = (b * c + ch) * h;
                            int fBase = (q * c + ch) * kh;
                            for (int u = 0; u < kh; u++) {
                                int r = i * stride - pad + u;
                                if (r < 0 || r >= h) {
                                    continue;
                                }
                                int xRow = (xBase + r) * w;
                                int fRow = (fBase + u) * kw;
                                for (int v = 0; v < kw; v++) {
                                    int s = j * stride - pad + v;
                                    if (s >= 0 && s < w) {
                                        df[fRow + v] += gv * x[xRow + s];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
