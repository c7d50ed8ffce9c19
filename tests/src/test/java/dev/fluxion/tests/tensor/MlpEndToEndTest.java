package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.runtime.model.Model;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The MLP of issue 3, end to end: language → IR → reverse mode → generated class → training. */
class MlpEndToEndTest {

    static final String MLP = """
            model mlp {
              input  x[B, 6]          # B: batch size, bound when called
              label  y[B] of 3        # integer class labels
              param  W1[6, 5] init he_uniform
              param  b1[5]    init zeros
              param  W2[5, 3] init he_uniform
              param  b2[3]    init zeros
              h    = relu(x @ W1 + b1)  # broadcasting add
              s    = h @ W2 + b2
              loss = mean(cross_entropy(s, y))
            }
            """;

    private static final Fluxion FLUXION = Fluxion.create();

    @Test
    void declaresItsParametersAndInputs() {
        Model m = FLUXION.compileModel(MLP).newModel();
        assertEquals("mlp", m.name());
        assertArrayEquals(new String[] {"W1", "b1", "W2", "b2"}, m.parameterNames());
        assertArrayEquals(new String[] {"he_uniform", "zeros", "he_uniform", "zeros"}, m.parameterInitializers());
        assertArrayEquals(new int[] {6, 5}, m.parameterShapes()[0]);
        assertArrayEquals(new String[] {"x", "y"}, m.inputNames());
        assertArrayEquals(new int[] {-1, 6}, m.inputShapes()[0]);
        assertArrayEquals(new String[] {"h", "s", "loss"}, m.outputNames());
        assertEquals(30, m.parameters()[0].length);
    }

    @Test
    void gradientMatchesInterpreterAndFiniteDifferencesAtBatchOneAndSeveral() {
        CompiledModel cm = FLUXION.compileModel(MLP);
        ModelHarness.check(cm, 1, 1, 1e-6);
        ModelHarness.check(cm, 7, 2, 1e-6);
        // A smaller batch after a larger one reuses the larger buffers.
        ModelHarness.check(cm, 3, 3, 1e-6);
    }

    @Test
    void evaluateReturnsTheLogits() {
        CompiledModel cm = FLUXION.compileModel(MLP);
        Model m = cm.newModel();
        Random r = new Random(5);
        ModelHarness.randomize(m, r, 0.5);
        double[][] in = ModelHarness.randomInputs(cm.compilation().program(), 4, r);
        double[] s = m.evaluate("s", in, 4);
        assertEquals(12, s.length);
        double[] w1 = m.parameters()[0];
        double[] b1 = m.parameters()[1];
        double[] w2 = m.parameters()[2];
        double[] b2 = m.parameters()[3];
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                double acc = b2[c];
                for (int j = 0; j < 5; j++) {
                    double z = b1[j];
                    for (int k = 0; k < 6; k++) {
                        z += in[0][i * 6 + k] * w1[k * 5 + j];
                    }
                    acc += Math.max(0, z) * w2[j * 3 + c];
                }
                assertEquals(acc, s[i * 3 + c], 1e-12);
            }
        }
    }

    @Test
    void sgdTrainingLowersTheLoss() {
        CompiledModel cm = FLUXION.compileModel(MLP);
        Model m = cm.newModel();
        Random r = new Random(11);
        ModelHarness.randomize(m, r, 0.4);
        // Three classes separated by which of the first three features is largest.
        int n = 96;
        double[] x = new double[n * 6];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 0; k < 6; k++) {
                x[i * 6 + k] = 2 * r.nextDouble() - 1;
                if (k < 3 && x[i * 6 + k] > x[i * 6 + best]) {
                    best = k;
                }
            }
            y[i] = best;
        }
        double[][] in = {x, y};
        double first = m.loss(in, n);
        double last = first;
        for (int step = 0; step < 300; step++) {
            last = m.lossAndGradient(in, n);
            double[][] p = m.parameters();
            double[][] g = m.gradients();
            for (int k = 0; k < p.length; k++) {
                for (int i = 0; i < p[k].length; i++) {
                    p[k][i] -= 0.5 * g[k][i];
                }
            }
        }
        assertTrue(last < 0.6 * first, "loss fell from " + first + " to " + last);
    }
}
