package dev.fluxion.runtime.testing;

/** Loops the hand-written test models share: dense layers and softmax cross-entropy over flat arrays. */
final class Dense {

    private Dense() {
    }

    /** out[b, o] = Σ_i x[b, i] · w[i, o] + bias[o]. */
    static void forward(double[] x, int batch, int in, double[] w, double[] bias, int out, double[] y) {
        for (int b = 0; b < batch; b++) {
            int yr = b * out;
            System.arraycopy(bias, 0, y, yr, out);
            int xr = b * in;
            for (int i = 0; i < in; i++) {
                double xi = x[xr + i];
                if (xi == 0) {
                    continue;
                }
                int wr = i * out;
                for (int o = 0; o < out; o++) {
                    y[yr + o] += xi * w[wr + o];
                }
            }
        }
    }

    /** gw = xᵀ·gy, gb = Σ_b gy[b, ·] (overwritten). */
    static void backwardParams(double[] x, int batch, int in, double[] gy, int out, double[] gw, double[] gb) {
        java.util.Arrays.fill(gw, 0.0);
        java.util.Arrays.fill(gb, 0.0);
        for (int b = 0; b < batch; b++) {
            int xr = b * in;
            int yr = b * out;
            for (int o = 0; o < out; o++) {
                gb[o] += gy[yr + o];
            }
            for (int i = 0; i < in; i++) {
                double xi = x[xr + i];
                if (xi == 0) {
                    continue;
                }
                int wr = i * out;
                for (int o = 0; o < out; o++) {
                    gw[wr + o] += xi * gy[yr + o];
                }
            }
        }
    }

    /** gx = gy·wᵀ. */
    static void backwardInput(double[] gy, int batch, int out, double[] w, int in, double[] gx) {
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < in; i++) {
                double s = 0;
                int wr = i * out;
                for (int o = 0; o < out; o++) {
                    s += gy[b * out + o] * w[wr + o];
                }
                gx[b * in + i] = s;
            }
        }
    }

    /**
     * Mean softmax cross-entropy of logits z against integer labels; if {@code gz} is not
     * null, writes (softmax(z) − onehot(y)) / batch into it.
     */
    static double crossEntropy(double[] z, double[] labels, int batch, int classes, double[] gz) {
        double total = 0;
        for (int b = 0; b < batch; b++) {
            int r = b * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z[r + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z[r + c] - max);
            }
            double logSum = max + Math.log(sum);
            int y = (int) labels[b];
            total += logSum - z[r + y];
            if (gz != null) {
                for (int c = 0; c < classes; c++) {
                    gz[r + c] = (Math.exp(z[r + c] - logSum) - (c == y ? 1 : 0)) / batch;
                }
            }
        }
        return total / batch;
    }
}
