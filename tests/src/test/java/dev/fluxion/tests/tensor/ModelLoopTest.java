package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.model.Model;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code for} loops in models (issue 14: loops with carried state in {@code fn} and
 * {@code model} alike): a recurrent network over the time axis of its input, written as a loop,
 * computes what the same network written out step by step computes, bit for bit; its gradient
 * agrees with the reference interpreter and central differences, its JVP with the gradient; a
 * statement the loop carries is read after the loop; and the loop's errors name the place.
 */
class ModelLoopTest {

    /** An Elman network over 5 steps of x, classifying the last state. */
    static final String RNN = """
            model rnn {
              input x[B, 5, 3]
              label y[B] of 2
              param Wx[3, 4] init uniform(-0.5, 0.5)
              param Wh[4, 4] init uniform(-0.5, 0.5)
              param b[4]
              param V[4, 2] init uniform(-0.5, 0.5)
              h = tanh(x[:, 0, :] @ Wx + b)
              for t in 1..4 {
                z = x[:, t, :] @ Wx + h @ Wh + b
                h = tanh(z)
              }
              loss = mean(cross_entropy(h @ V, y))
            }
            """;

    /** {@link #RNN} written out by hand, one statement per step. */
    static final String RNN_WRITTEN_OUT = """
            model rnn {
              input x[B, 5, 3]
              label y[B] of 2
              param Wx[3, 4] init uniform(-0.5, 0.5)
              param Wh[4, 4] init uniform(-0.5, 0.5)
              param b[4]
              param V[4, 2] init uniform(-0.5, 0.5)
              h0 = tanh(x[:, 0, :] @ Wx + b)
              h1 = tanh(x[:, 1, :] @ Wx + h0 @ Wh + b)
              h2 = tanh(x[:, 2, :] @ Wx + h1 @ Wh + b)
              h3 = tanh(x[:, 3, :] @ Wx + h2 @ Wh + b)
              h = tanh(x[:, 4, :] @ Wx + h3 @ Wh + b)
              loss = mean(cross_entropy(h @ V, y))
            }
            """;

    /** A loss accumulated over the steps of a loop: the carried statement is the loss itself. */
    static final String ACCUMULATED = """
            model unrolled_regression {
              input x[B, 3]
              input target[B, 3]
              param W[3, 3] init uniform(-0.5, 0.5)
              param c[3]
              z = x
              loss = 0
              for k in 0..2 {
                z = tanh(z @ W + c)
                loss = loss + 0.5 * mean(sum((z - target) * (z - target), axis=1)) / (k + 1)
              }
            }
            """;

    private final Fluxion fluxion = Fluxion.create();

    @Test
    void aLoopComputesWhatTheWrittenOutStepsCompute() {
        Model loop = fluxion.compileModel(RNN).newModel();
        Model written = fluxion.compileModel(RNN_WRITTEN_OUT).newModel();
        Random r = new Random(7);
        ModelHarness.randomize(loop, r, 0.5);
        ModelHarness.copy(loop.parameters(), written.parameters());
        int batch = 3;
        double[][] in = ModelHarness.randomInputs(fluxion.compileModel(RNN).compilation().program(), batch, r);
        assertEquals(written.lossAndGradient(in, batch), loop.lossAndGradient(in, batch), 0.0);
        for (int p = 0; p < loop.gradients().length; p++) {
            assertArrayEquals(written.gradients()[p], loop.gradients()[p], 0.0, loop.parameterNames()[p]);
        }
        // h is the state after the last step, as in the written-out model.
        assertArrayEquals(written.evaluate("h", in, batch), loop.evaluate("h", in, batch), 0.0);
    }

    @Test
    void gradientsAgreeWithTheInterpreterAndCentralDifferences() {
        for (String text : new String[] {RNN, ACCUMULATED}) {
            CompiledModel cm = fluxion.compileModel(text);
            ModelHarness.check(cm, 3, 11, 1e-6);
            ModelHarness.checkForward(cm, 2, 12);
            ModelHarness.checkSgdStep(cm, 2, 13);
        }
    }

    @Test
    void jvpAndHessianVectorOfALoop() {
        CompiledModel cm = fluxion.compileModel(RNN, Options.defaults().withCapability(Capability.HESSIAN));
        Model m = cm.newModel();
        Random r = new Random(5);
        ModelHarness.randomize(m, r, 0.5);
        int batch = 2;
        double[][] in = ModelHarness.randomInputs(cm.compilation().program(), batch, r);
        m.lossAndGradient(in, batch);
        double[][] g = ModelHarness.deepCopy(m.gradients());
        double[][] v = new double[g.length][];
        double expected = 0;
        for (int p = 0; p < g.length; p++) {
            v[p] = new double[g[p].length];
            for (int i = 0; i < v[p].length; i++) {
                v[p][i] = 2 * r.nextDouble() - 1;
                expected += v[p][i] * g[p][i];
            }
        }
        assertEquals(expected, m.jvp(in, batch, v), 1e-10 * Math.max(1, Math.abs(expected)), "jvp = <gradient, v>");
        // H·v against central differences of the gradient along v.
        double[][] hv = ModelHarness.deepCopy(m.hessianVector(in, batch, v));
        double h = 1e-5;
        double[][] up = gradientAt(m, in, batch, v, h);
        double[][] down = gradientAt(m, in, batch, v, -h);
        for (int p = 0; p < hv.length; p++) {
            for (int i = 0; i < hv[p].length; i++) {
                double fd = (up[p][i] - down[p][i]) / (2 * h);
                assertEquals(fd, hv[p][i], 1e-6 * Math.max(1, Math.abs(fd)), m.parameterNames()[p] + "[" + i + "]");
            }
        }
    }

    @Test
    void theLoopsErrorsNameThePlace() {
        assertError("W = W * 2", "6:19", "'W' is a parameter and cannot be assigned");
        assertError("h = h @ V", "6:19", "keeps its shape");
        assertError("h = h @ W", "0..2.5", "6:15", "whole number");
    }

    /** A model whose loop (line 6) is {@code for t in 0..2 { body }} fails at {@code place}, saying {@code what}. */
    private void assertError(String body, String place, String what) {
        assertError(body, "0..2", place, what);
    }

    private void assertError(String body, String range, String place, String what) {
        String text = "model m {\n  input x[B, 2]\n  param W[2, 2]\n  param V[2, 3]\n  h = x\n  for t in " + range + " { "
                + body + " }\n  loss = sum(h @ W) + sum(V)\n}\n";
        CompileException e = assertThrows(CompileException.class, () -> fluxion.compileModel(text));
        assertTrue(e.getMessage().contains(place) && e.getMessage().contains(what), e.getMessage());
    }

    private static double[][] gradientAt(Model m, double[][] in, int batch, double[][] v, double step) {
        double[][] live = m.parameters();
        double[][] saved = ModelHarness.deepCopy(live);
        for (int p = 0; p < live.length; p++) {
            for (int i = 0; i < live[p].length; i++) {
                live[p][i] = saved[p][i] + step * v[p][i];
            }
        }
        m.lossAndGradient(in, batch);
        double[][] g = ModelHarness.deepCopy(m.gradients());
        ModelHarness.copy(saved, live);
        return g;
    }
}
