package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.runtime.model.Model;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lecture's layer derivations as tests: the generated reverse mode must reproduce each
 * closed form. A layer's input is declared as a parameter so that its gradient is
 * reported, and an upstream gradient G enters as {@code loss = sum(G * layer(X))}, so that
 * ∂loss/∂layer = G.
 */
class LayerDerivationTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final int N = 4;

    private static Model model(String body) {
        return FLUXION.compileModel("model layer {\n" + body + "\n}").newModel();
    }

    private static double[] random(Random r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 2 * r.nextDouble() - 1;
        }
        return a;
    }

    @Test
    void meanSubtractionGradientIsUpstreamMinusItsMean() {
        Model m = model("param X[4, 3]\n input G[4, 3]\n h = X - mean(X, axis=0)\n loss = sum(G * h)");
        Random r = new Random(1);
        System.arraycopy(random(r, 12), 0, m.parameters()[0], 0, 12);
        double[] g = random(r, 12);
        m.lossAndGradient(new double[][] {g}, 1);
        double[] dx = m.gradients()[0];
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            for (int i = 0; i < N; i++) {
                mean += g[i * 3 + j] / N;
            }
            for (int i = 0; i < N; i++) {
                assertEquals(g[i * 3 + j] - mean, dx[i * 3 + j], 1e-14);
            }
        }
    }

    @Test
    void euclideanLossGradientIsResidualOverN() {
        Model m = model("param Z[4, 2]\n input Y[4, 2]\n loss = euclidean(Z, Y) / 4");
        Random r = new Random(2);
        double[] z = random(r, 8);
        System.arraycopy(z, 0, m.parameters()[0], 0, 8);
        double[] y = random(r, 8);
        m.lossAndGradient(new double[][] {y}, 1);
        for (int i = 0; i < 8; i++) {
            assertEquals((z[i] - y[i]) / N, m.gradients()[0][i], 1e-15);
        }
    }

    @Test
    void softmaxCrossEntropyGradientIsProbabilitiesMinusTargetsOverN() {
        Model m = model("param S[4, 5]\n label y[4] of 5\n loss = mean(cross_entropy(S, y))");
        Random r = new Random(3);
        double[] s = random(r, 20);
        System.arraycopy(s, 0, m.parameters()[0], 0, 20);
        double[] y = {0, 3, 4, 3};
        m.lossAndGradient(new double[][] {y}, 1);
        for (int i = 0; i < N; i++) {
            double z = 0;
            for (int c = 0; c < 5; c++) {
                z += Math.exp(s[i * 5 + c]);
            }
            for (int c = 0; c < 5; c++) {
                double p = Math.exp(s[i * 5 + c]) / z;
                double t = c == (int) y[i] ? 1 : 0;
                assertEquals((p - t) / N, m.gradients()[0][i * 5 + c], 1e-15);
            }
        }
    }

    @Test
    void linearLayerGradients() {
        // Y = X·W (rows are examples): ∂C/∂X = ∂C/∂Y·Wᵀ and ∂C/∂W = Xᵀ·∂C/∂Y, the lecture's
        // ∂C/∂X = Wᵀ·∂C/∂Y and ∂C/∂W = ∂C/∂Y·Xᵀ written for examples in rows.
        Model m = model("param X[4, 3]\n param W[3, 2]\n input G[4, 2]\n Y = X @ W\n loss = sum(G * Y)");
        Random r = new Random(4);
        double[] x = random(r, 12);
        double[] w = random(r, 6);
        System.arraycopy(x, 0, m.parameters()[0], 0, 12);
        System.arraycopy(w, 0, m.parameters()[1], 0, 6);
        double[] g = random(r, 8);
        m.lossAndGradient(new double[][] {g}, 1);
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < 3; k++) {
                double e = 0;
                for (int j = 0; j < 2; j++) {
                    e += g[i * 2 + j] * w[k * 2 + j];
                }
                assertEquals(e, m.gradients()[0][i * 3 + k], 1e-15);
            }
        }
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 2; j++) {
                double e = 0;
                for (int i = 0; i < N; i++) {
                    e += x[i * 3 + k] * g[i * 2 + j];
                }
                assertEquals(e, m.gradients()[1][k * 2 + j], 1e-15);
            }
        }
    }

    @Test
    void softmaxFamilyIsStableOnLogitsOfPlusMinusAThousand() {
        Model m = model("param S[2, 3]\n label y[2] of 3\n"
                + " ce = mean(cross_entropy(S, y))\n"
                + " lse = sum(logsumexp(S))\n"
                + " p = sum(softmax(S) * S)\n"
                + " lp = sum(log_softmax(S))\n"
                + " loss = ce + 0.001 * lse + 0.001 * p + 0.001 * lp");
        double[] s = {1000, -1000, 0, -1000, 1000, 999};
        System.arraycopy(s, 0, m.parameters()[0], 0, 6);
        double[][] in = {{0, 2}};
        double loss = m.lossAndGradient(in, 1);
        assertTrue(Double.isFinite(loss), "loss " + loss);
        for (double d : m.gradients()[0]) {
            assertTrue(Double.isFinite(d), "gradient entry " + d);
        }
        // Row 0 is certain of its label: no loss; row 1 puts e/(1+e) on class 1, not 2.
        double ce = m.evaluate("ce", in, 1)[0];
        assertEquals((0 + (1000 - 999 + Math.log1p(Math.exp(-1)))) / 2, ce, 1e-12);
        assertEquals(1000 + 1000 + Math.log1p(Math.exp(-1)), m.evaluate("lse", in, 1)[0], 1e-9);
        // ∂ce/∂S[1,2] = (p − 1)/2 with p = 1/(1+e)
        double p12 = 1 / (1 + Math.E);
        double dlse = 0.001 * (1 - p12);
        assertTrue(Math.abs(m.gradients()[0][5] - ((p12 - 1) / 2 + dlse)) < 0.01);
    }
}
