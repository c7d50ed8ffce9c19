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
     * All three are matrix products (MatMul, whose rows C2 vectorizes) over windows laid out
     * as columns, "im2col": the forward pass and the filter gradient over the input's windows
     * (columns), the input gradient over the output gradient's (gradientColumns). Each sums
     * every element in the order the direct loops they replaced did, so results are the same
     * up to the sign of a zero (a padding term adds ±0; a zero multiplier is skipped) for
     * finite values: a model trains along the same trajectory, bit for bit.
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
        int p = oh * ow;
        int ckk = c * kh * kw;
        if (n * o * p == 0) {
            return;
        }
        double[] cols = scratch(COLUMNS, ckk * p);
        double[] out = scratch(OUT, o * p);
        for (int b = 0; b < n; b++) {
            columns(x, b, c, h, w, kh, kw, stride, pad, oh, ow, cols);
            MatMul.multiply(f, false, cols, false, out, o, p, ckk, false);
            System.arraycopy(out, 0, y, b * o * p, o * p);
        }
    }

    /**
     * Per-thread scratch of the three passes: one example's columns, its output (or output
     * gradient, or input gradient), and the filters rearranged for {@link #backwardInput}.
     */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[][] {
        new double[0], new double[0], new double[0]});

    /** Slots of {@link #SCRATCH}. */
    private static final int COLUMNS = 0;
    private static final int OUT = 1;
    private static final int FILTERS = 2;

    /** This thread's scratch buffer {@code slot}, grown to at least {@code size} elements. */
    private static double[] scratch(int slot, int size) {
        double[][] s = SCRATCH.get();
        if (s[slot].length < size) {
            s[slot] = new double[size];
        }
        return s[slot];
    }

    /**
     * The input windows of example b as the columns of a [c·kh·kw, oh·ow] matrix ("im2col"):
     * row (ch·kh + u)·kw + v, column i·ow + j holds x[b, ch, i·stride − pad + u, j·stride −
     * pad + v], or 0 where that is padding. Then y[b] = f·cols, f read as [o, c·kh·kw], is one
     * call to {@link MatMul}, whose rows C2 vectorizes, where the direct loop over the output
     * (two arrays at two offsets) is not: each output element is still summed from zero over
     * (ch, u, v) in increasing order, as the direct loop did, so the values are the same, up
     * to the sign of a zero (a padding term adds f·0, and a zero filter weight is skipped) for
     * finite values.
     */
    private static void columns(double[] x, int b, int c, int h, int w, int kh, int kw, int stride, int pad, int oh,
                                int ow, double[] cols) {
        int p = oh * ow;
        for (int ch = 0; ch < c; ch++) {
            int xBase = (b * c + ch) * h;
            for (int u = 0; u < kh; u++) {
                int i0 = first(u, stride, pad);
                int i1 = last(u, stride, pad, h, oh);
                for (int v = 0; v < kw; v++) {
                    int row = ((ch * kh + u) * kw + v) * p;
                    int j0 = first(v, stride, pad);
                    int j1 = last(v, stride, pad, w, ow);
                    if (i0 >= i1 || j0 >= j1) {
                        Arrays.fill(cols, row, row + p, 0.0);
                        continue;
                    }
                    Arrays.fill(cols, row, row + i0 * ow, 0.0);
                    for (int i = i0; i < i1; i++) {
                        int at = row + i * ow;
                        int xRow = (xBase + i * stride - pad + u) * w - pad + v;
                        Arrays.fill(cols, at, at + j0, 0.0);
                        if (stride == 1) {
                            System.arraycopy(x, xRow + j0, cols, at + j0, j1 - j0);
                        } else {
                            for (int j = j0; j < j1; j++) {
                                cols[at + j] = x[xRow + j * stride];
                            }
                        }
                        Arrays.fill(cols, at + j1, at + ow, 0.0);
                    }
                    Arrays.fill(cols, row + i1 * ow, row + p, 0.0);
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
        int hw = h * w;
        int okk = o * kh * kw;
        if (n * c * hw == 0) {
            return;
        }
        double[] cols = scratch(COLUMNS, okk * hw);
        double[] out = scratch(OUT, c * hw);
        double[] ft = filtersByChannel(f, c, o, kh * kw);
        for (int b = 0; b < n; b++) {
            // dx[b] = fᵀ·cols: per input element, from zero over (q, u, v) in increasing order,
            // the order in which the direct loop (output channel outermost) added its terms.
            gradientColumns(g, b, o, h, w, kh, kw, stride, pad, oh, ow, cols);
            MatMul.multiply(ft, false, cols, false, out, c, hw, okk, false);
            System.arraycopy(out, 0, dx, b * c * hw, c * hw);
        }
    }

    /**
     * The filters f[o, c, kh, kw] as [c, o·kh·kw] in this thread's scratch: row ch holds
     * f[q, ch, u, v] at (q·kh + u)·kw + v.
     */
    private static double[] filtersByChannel(double[] f, int c, int o, int kk) {
        double[] ft = scratch(FILTERS, c * o * kk);
        for (int q = 0; q < o; q++) {
            for (int ch = 0; ch < c; ch++) {
                System.arraycopy(f, (q * c + ch) * kk, ft, (ch * o + q) * kk, kk);
            }
        }
        return ft;
    }

    /**
     * The output gradient's windows for example b as a [o·kh·kw, h·w] matrix: row
     * (q·kh + u)·kw + v, column r·w + s holds g[b, q, i, j] for the output position (i, j)
     * whose window puts kernel element (u, v) on input (r, s), that is i·stride − pad + u = r
     * and j·stride − pad + v = s, or 0 where there is none.
     */
    private static void gradientColumns(double[] g, int b, int o, int h, int w, int kh, int kw, int stride, int pad,
                                        int oh, int ow, double[] cols) {
        int hw = h * w;
        for (int q = 0; q < o; q++) {
            int gBase = (b * o + q) * oh;
            for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                    int row = ((q * kh + u) * kw + v) * hw;
                    Arrays.fill(cols, row, row + hw, 0.0);
                    int i0 = first(u, stride, pad);
                    int i1 = last(u, stride, pad, h, oh);
                    int j0 = first(v, stride, pad);
                    int j1 = last(v, stride, pad, w, ow);
                    for (int i = i0; i < i1; i++) {
                        int at = row + (i * stride - pad + u) * w - pad + v;
                        int gRow = (gBase + i) * ow;
                        if (stride == 1) {
                            System.arraycopy(g, gRow + j0, cols, at + j0, j1 - j0);
                        } else {
                            for (int j = j0; j < j1; j++) {
                                cols[at + j * stride] = g[gRow + j];
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
        int p = oh * ow;
        int ckk = c * kh * kw;
        Arrays.fill(df, 0, o * ckk, 0.0);
        if (n * o * p * ckk == 0) {
            return;
        }
        double[] cols = scratch(COLUMNS, ckk * p);
        double[] gb = scratch(OUT, o * p);
        for (int b = 0; b < n; b++) {
            // df += g[b]·colsᵀ: per filter element, the example's sum over the output positions
            // from zero, then added to df, example after example, as the direct loop did.
            columns(x, b, c, h, w, kh, kw, stride, pad, oh, ow, cols);
            System.arraycopy(g, b * o * p, gb, 0, o * p);
            MatMul.multiply(gb, false, cols, true, df, o, ckk, p, true);
        }
    }
}
