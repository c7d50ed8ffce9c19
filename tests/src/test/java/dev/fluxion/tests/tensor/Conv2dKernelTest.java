package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fluxion.runtime.tensor.Conv2d;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The runtime convolution against the definition, written here independently with a bounds
 * test per element: y[b,q,i,j] = Σ x[b,ch,i·s−p+u, j·s−p+v]·f[q,ch,u,v] over in-range inputs,
 * summed from zero over (ch, u, v) in increasing order, which the runtime must match to the
 * last bit (the CNN example's trajectory depends on it).
 * (The derivative kernels are checked against finite differences in {@link TensorOpTest}.)
 */
class Conv2dKernelTest {

    @Test
    void forwardMatchesTheDefinitionWithStrideAndPadding() {
        Random r = new Random(3);
        int n = 2;
        int c = 3;
        int h = 7;
        int w = 6;
        int o = 2;
        int kh = 3;
        int kw = 2;
        for (int stride = 1; stride <= 3; stride++) {
            for (int pad = 0; pad <= 2; pad++) {
                double[] x = random(r, n * c * h * w, 0.0);
                double[] f = random(r, o * c * kh * kw, 0.0);
                int oh = Conv2d.outSize(h, kh, stride, pad);
                int ow = Conv2d.outSize(w, kw, stride, pad);
                double[] y = new double[n * o * oh * ow];
                Conv2d.forward(x, f, y, n, c, h, w, o, kh, kw, stride, pad);
                for (int b = 0; b < n; b++) {
                    for (int q = 0; q < o; q++) {
                        for (int i = 0; i < oh; i++) {
                            for (int j = 0; j < ow; j++) {
                                double e = 0;
                                for (int ch = 0; ch < c; ch++) {
                                    for (int u = 0; u < kh; u++) {
                                        for (int v = 0; v < kw; v++) {
                                            int rr = i * stride - pad + u;
                                            int ss = j * stride - pad + v;
                                            if (rr >= 0 && rr < h && ss >= 0 && ss < w) {
                                                e += x[((b * c + ch) * h + rr) * w + ss] * f[((q * c + ch) * kh + u) * kw + v];
                                            }
                                        }
                                    }
                                }
                                // The same sum in the same order: equal to the last bit (a zero's sign aside).
                                assertEquals(e + 0.0, y[((b * o + q) * oh + i) * ow + j] + 0.0, 0.0,
                                        "stride " + stride + " pad " + pad + " at " + b + "," + q + "," + i + "," + j);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void filterGradientMatchesItsDefinitionToTheLastBit() {
        // df[q,ch,u,v] = Σ_b (Σ_{i,j} g[b,q,i,j]·x[b,ch,i·s−p+u, j·s−p+v]), each example's sum from
        // zero over in-range positions, then added example after example.
        Random r = new Random(4);
        int n = 3;
        int c = 2;
        int h = 7;
        int w = 6;
        int o = 3;
        int kh = 3;
        int kw = 2;
        for (int stride = 1; stride <= 3; stride++) {
            for (int pad = 0; pad <= 2; pad++) {
                int oh = Conv2d.outSize(h, kh, stride, pad);
                int ow = Conv2d.outSize(w, kw, stride, pad);
                double[] x = random(r, n * c * h * w, 0.0);
                double[] g = random(r, n * o * oh * ow, 0.4); // zeros, as after ReLU and pooling
                double[] df = new double[o * c * kh * kw];
                Conv2d.backwardFilter(x, g, df, n, c, h, w, o, kh, kw, stride, pad);
                for (int q = 0; q < o; q++) {
                    for (int ch = 0; ch < c; ch++) {
                        for (int u = 0; u < kh; u++) {
                            for (int v = 0; v < kw; v++) {
                                double e = 0;
                                for (int b = 0; b < n; b++) {
                                    double acc = 0;
                                    for (int i = 0; i < oh; i++) {
                                        for (int j = 0; j < ow; j++) {
                                            int rr = i * stride - pad + u;
                                            int ss = j * stride - pad + v;
                                            if (rr >= 0 && rr < h && ss >= 0 && ss < w) {
                                                acc += g[((b * o + q) * oh + i) * ow + j] * x[((b * c + ch) * h + rr) * w + ss];
                                            }
                                        }
                                    }
                                    e += acc;
                                }
                                assertEquals(e + 0.0, df[((q * c + ch) * kh + u) * kw + v] + 0.0, 0.0,
                                        "stride " + stride + " pad " + pad + " at " + q + "," + ch + "," + u + "," + v);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void inputGradientMatchesItsDefinitionToTheLastBit() {
        // dx[b,ch,r,s] = Σ_q Σ_u Σ_v f[q,ch,u,v]·g[b,q,i,j] over the output positions (i, j) whose
        // window puts (u, v) on (r, s), from zero in increasing (q, u, v).
        Random r = new Random(5);
        int n = 2;
        int c = 3;
        int h = 7;
        int w = 6;
        int o = 3;
        int kh = 3;
        int kw = 2;
        for (int stride = 1; stride <= 3; stride++) {
            for (int pad = 0; pad <= 2; pad++) {
                int oh = Conv2d.outSize(h, kh, stride, pad);
                int ow = Conv2d.outSize(w, kw, stride, pad);
                double[] g = random(r, n * o * oh * ow, 0.4);
                double[] f = random(r, o * c * kh * kw, 0.0);
                double[] dx = new double[n * c * h * w];
                Conv2d.backwardInput(g, f, dx, n, c, h, w, o, kh, kw, stride, pad);
                for (int b = 0; b < n; b++) {
                    for (int ch = 0; ch < c; ch++) {
                        for (int rr = 0; rr < h; rr++) {
                            for (int ss = 0; ss < w; ss++) {
                                double e = 0;
                                for (int q = 0; q < o; q++) {
                                    for (int u = 0; u < kh; u++) {
                                        for (int v = 0; v < kw; v++) {
                                            int ti = rr + pad - u;
                                            int tj = ss + pad - v;
                                            if (ti >= 0 && tj >= 0 && ti % stride == 0 && tj % stride == 0
                                                    && ti / stride < oh && tj / stride < ow) {
                                                e += f[((q * c + ch) * kh + u) * kw + v]
                                                        * g[((b * o + q) * oh + ti / stride) * ow + tj / stride];
                                            }
                                        }
                                    }
                                }
                                assertEquals(e + 0.0, dx[((b * c + ch) * h + rr) * w + ss] + 0.0, 0.0,
                                        "stride " + stride + " pad " + pad + " at " + b + "," + ch + "," + rr + "," + ss);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Gaussian values, each zero with probability {@code zeros}. */
    private static double[] random(Random r, int size, double zeros) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = zeros > 0 && r.nextDouble() < zeros ? 0.0 : r.nextGaussian();
        }
        return a;
    }
}
