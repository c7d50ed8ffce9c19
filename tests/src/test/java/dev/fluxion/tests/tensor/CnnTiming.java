package dev.fluxion.tests.tensor;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.runtime.model.Model;
import java.util.Arrays;
import java.util.Random;

/**
 * Not a test: the CNN of issue 3 (conv 8@5×5, relu, maxpool 2, conv 16@5×5, relu, maxpool 2,
 * linear 256→10) trained with SGD lr 0.05, batch 32 on the first 8,000 MNIST images; prints
 * the step time and the test accuracy on the last 2,000 after each epoch.
 * Usage: CnnTiming DATA_DIR [EPOCHS].
 */
public final class CnnTiming {

    private CnnTiming() {
    }

    static final String CNN = """
            model cnn {
              input  x[B, 1, 28, 28]
              label  y[B] of 10
              param  K1[8, 1, 5, 5]  init he_uniform
              param  c1[8, 1, 1]     init zeros
              param  K2[16, 8, 5, 5] init he_uniform
              param  c2[16, 1, 1]    init zeros
              param  W[256, 10]      init he_uniform
              param  b[10]           init zeros
              h1 = maxpool2d(relu(conv2d(x, K1) + c1))
              h2 = maxpool2d(relu(conv2d(h1, K2) + c2))
              s  = flatten(h2) @ W + b
              loss = mean(cross_entropy(s, y))
            }
            """;

    public static void main(String[] args) throws Exception {
        double[] images = MlpStepTiming.images(args[0] + "/mnist10k-images-idx3-ubyte.gz");
        double[] labels = MlpStepTiming.labels(args[0] + "/mnist10k-labels-idx1-ubyte.gz");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Model m = Fluxion.create().compileModel(CNN).newModel();
        Random r = new Random(0);
        MlpStepTiming.he(m.parameters()[0], 25, r);
        MlpStepTiming.he(m.parameters()[2], 200, r);
        MlpStepTiming.he(m.parameters()[4], 256, r);
        for (int epoch = 0; epoch < epochs; epoch++) {
            long t0 = System.nanoTime();
            int steps = 0;
            for (int start = 0; start + 32 <= 8000; start += 32) {
                double[] x = Arrays.copyOfRange(images, start * 784, (start + 32) * 784);
                double[] y = Arrays.copyOfRange(labels, start, start + 32);
                MlpStepTiming.step(m, new double[][] {x, y}, 32, 0.05);
                steps++;
            }
            long perStep = (System.nanoTime() - t0) / steps;
            double[] x = Arrays.copyOfRange(images, 8000 * 784, 10000 * 784);
            double[] y = Arrays.copyOfRange(labels, 8000, 10000);
            double[] s = m.evaluate("s", new double[][] {x, y}, 2000);
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
            System.out.printf("epoch %d: %.0f us per step (batch 32), test accuracy %.2f%%%n", epoch + 1, perStep / 1e3,
                    correct / 20.0);
        }
    }
}
