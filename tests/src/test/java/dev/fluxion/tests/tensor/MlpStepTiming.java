package dev.fluxion.tests.tensor;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.runtime.model.Model;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Not a test: times one MLP 784-128-10 training step (forward, backward, SGD update) on
 * MNIST images at batch 1, 32 and 256, the work the JAX and PyTorch peers time in
 * ../shared/peers/mnist_peers.py, then trains one epoch on the first 8,000 images and
 * reports test accuracy on the last 2,000. Usage: MlpStepTiming DATA_DIR.
 */
public final class MlpStepTiming {

    private MlpStepTiming() {
    }

    static final String MLP = """
            model mlp {
              input  x[B, 784]
              label  y[B] of 10
              param  W1[784, 128] init he_uniform
              param  b1[128]      init zeros
              param  W2[128, 10]  init he_uniform
              param  b2[10]       init zeros
              h    = relu(x @ W1 + b1)
              s    = h @ W2 + b2
              loss = mean(cross_entropy(s, y))
            }
            """;

    public static void main(String[] args) throws IOException {
        String dir = args[0];
        double[] images = images(dir + "/mnist10k-images-idx3-ubyte.gz");
        double[] labels = labels(dir + "/mnist10k-labels-idx1-ubyte.gz");
        Model m = Fluxion.create().compileModel(MLP).newModel();
        Random r = new Random(0);
        he(m.parameters()[0], 784, r);
        he(m.parameters()[2], 128, r);
        for (int batch : new int[] {1, 32, 256}) {
            double[] x = java.util.Arrays.copyOf(images, batch * 784);
            double[] y = java.util.Arrays.copyOf(labels, batch);
            double[][] in = {x, y};
            int reps = Math.max(200, 200_000 / batch);
            for (int i = 0; i < reps; i++) {
                step(m, in, batch, 0.0);
            }
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    step(m, in, batch, 0.0);
                }
                best = Math.min(best, (System.nanoTime() - t0) / reps);
            }
            System.out.printf("MLP step batch %d: %.1f us%n", batch, best / 1000.0);
        }
        // One epoch of SGD lr 0.1, batch 32, on the first 8,000 images; accuracy on the last 2,000.
        Model t = Fluxion.create().compileModel(MLP).newModel();
        he(t.parameters()[0], 784, r);
        he(t.parameters()[2], 128, r);
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int start = 0; start + 32 <= 8000; start += 32) {
                double[] x = java.util.Arrays.copyOfRange(images, start * 784, (start + 32) * 784);
                double[] y = java.util.Arrays.copyOfRange(labels, start, start + 32);
                step(t, new double[][] {x, y}, 32, 0.1);
            }
            double[] x = java.util.Arrays.copyOfRange(images, 8000 * 784, 10000 * 784);
            double[] y = java.util.Arrays.copyOfRange(labels, 8000, 10000);
            double[] s = t.evaluate("s", new double[][] {x, y}, 2000);
            int correct = 0;
            for (int i = 0; i < 2000; i++) {
                int best = 0;
                for (int c = 1; c < 10; c++) {
                    if (s[i * 10 + c] > s[i * 10 + best]) {
                        best = c;
                    }
                }
                correct += best == (int) y[i] ? 1 : 0;
            }
            System.out.printf("epoch %d: test accuracy %.2f%%%n", epoch + 1, correct / 20.0);
        }
    }

    static void step(Model m, double[][] in, int batch, double lr) {
        m.lossAndGradient(in, batch);
        double[][] p = m.parameters();
        double[][] g = m.gradients();
        for (int k = 0; k < p.length; k++) {
            double[] pk = p[k];
            double[] gk = g[k];
            for (int i = 0; i < pk.length; i++) {
                pk[i] -= lr * gk[i];
            }
        }
    }

    static void he(double[] w, int fanIn, Random r) {
        double limit = Math.sqrt(6.0 / fanIn);
        for (int i = 0; i < w.length; i++) {
            w[i] = (2 * r.nextDouble() - 1) * limit;
        }
    }

    static double[] images(String path) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new FileInputStream(path)))) {
            in.readInt();
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            byte[] raw = in.readNBytes(n * rows * cols);
            double[] d = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                d[i] = (raw[i] & 0xff) / 255.0;
            }
            return d;
        }
    }

    static double[] labels(String path) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new FileInputStream(path)))) {
            in.readInt();
            int n = in.readInt();
            byte[] raw = in.readNBytes(n);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = raw[i];
            }
            return d;
        }
    }
}
