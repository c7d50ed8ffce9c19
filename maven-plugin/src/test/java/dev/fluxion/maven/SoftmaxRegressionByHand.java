package dev.fluxion.maven;

/**
 * Softmax regression computed by hand, independently of Fluxion: logits {@code z = xW + b},
 * loss the mean over the batch of {@code -log softmax(z)[y]}, and its gradient
 * {@code dz = (softmax(z) - onehot(y)) / B}, {@code dW = xᵀ dz}, {@code db = Σ_rows dz}.
 * Row-major flat arrays, as a generated {@code Model} holds them.
 */
final class SoftmaxRegressionByHand {

    private final double loss;
    private final double[] gradientW;
    private final double[] gradientB;

    /**
     * @param w      W[features, classes]
     * @param b      b[classes]
     * @param x      x[batch, features]
     * @param labels y[batch], class indices
     */
    SoftmaxRegressionByHand(double[] w, double[] b, double[] x, int[] labels) {
        int classes = b.length;
        int features = w.length / classes;
        int batch = labels.length;
        double total = 0;
        gradientW = new double[w.length];
        gradientB = new double[classes];
        for (int r = 0; r < batch; r++) {
            double[] z = new double[classes];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                z[c] = b[c];
                for (int f = 0; f < features; f++) {
                    z[c] += x[r * features + f] * w[f * classes + c];
                }
                max = Math.max(max, z[c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z[c] - max);
            }
            total += max + Math.log(sum) - z[labels[r]];
            for (int c = 0; c < classes; c++) {
                double dz = (Math.exp(z[c] - max) / sum - (c == labels[r] ? 1 : 0)) / batch;
                gradientB[c] += dz;
                for (int f = 0; f < features; f++) {
                    gradientW[f * classes + c] += x[r * features + f] * dz;
                }
            }
        }
        loss = total / batch;
    }

    double loss() {
        return loss;
    }

    double[] gradientW() {
        return gradientW.clone();
    }

    double[] gradientB() {
        return gradientB.clone();
    }
}
