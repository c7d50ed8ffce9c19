package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.ir.ModelProgram;
import dev.fluxion.compiler.ir.TensorInterpreter;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.compiler.ir.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A model's forward mode (issue 14, "one pipeline": models get JVPs and Hessian-vector
 * products): the generated {@code jvp} against the reverse-mode gradient, the generated
 * {@code hessianVector} against central differences of the generated gradient and against the
 * reference interpreter on the same graph, for every example model and a few ops with kinks
 * and choices.
 */
class ModelTangentsTest {

    private static final Options HESSIAN = Options.defaults().withCapability(Capability.HESSIAN);

    private static final String CHOICES = """
            model choices {
              input x[B, 4]
              label y[B] of 3
              param W[4, 6]
              param V[6, 3]
              param a[6]
              z = x @ W
              h = where(z > 0, z, a * z) + 0.1 * tanh(z) * sigmoid(z)
              loss = mean(cross_entropy(h @ V, y)) + 0.01 * sum(W * W) + sum(exp(-a * a))
            }
            """;

    private static final String EUCLIDEAN = """
            model regression {
              input x[B, 3]
              input t[B, 2]
              param W[3, 5]
              param b[5]
              param U[5, 2]
              r = sigmoid(x @ W + b) @ U - t
              loss = 0.5 * mean(sum(r * r, axis=1))
            }
            """;

    static String example(String file) throws IOException {
        return Files.readString(Path.of("../examples/src/main/fluxion/" + file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp.flx", "cnn.flx", "digits_softmax.flx", "logistic.flx", "CHOICES", "EUCLIDEAN"})
    void jvpAndHessianVectorAgreeWithTheGradient(String which) throws IOException {
        String text = which.equals("CHOICES") ? CHOICES : which.equals("EUCLIDEAN") ? EUCLIDEAN : example(which);
        CompiledModel cm = Fluxion.create().compileModel(text, HESSIAN);
        CompiledModel plain = Fluxion.create().compileModel(text, Options.defaults());
        Random r = new Random(which.hashCode());
        int batch = 3;
        Model m = cm.newModel();
        ModelHarness.randomize(m, r, 0.5);
        Model reference = plain.newModel();
        ModelHarness.copy(m.parameters(), reference.parameters());
        ModelProgram p = cm.compilation().program();
        double[][] in = ModelHarness.randomInputs(p, batch, r);
        double[][] v = new double[m.parameters().length][];
        for (int k = 0; k < v.length; k++) {
            v[k] = new double[m.parameters()[k].length];
            for (int i = 0; i < v[k].length; i++) {
                v[k][i] = 2 * r.nextDouble() - 1;
            }
        }

        // the class with forward mode computes the loss and gradient bit for bit as the plain one
        assertEquals(reference.lossAndGradient(in, batch), m.lossAndGradient(in, batch), 0.0, which);
        double[][] grad = ModelHarness.deepCopy(m.gradients());
        for (int k = 0; k < grad.length; k++) {
            assertArrayEquals(reference.gradients()[k], grad[k], 0.0, which + ": gradient " + k);
        }

        double expected = 0;
        for (int k = 0; k < v.length; k++) {
            for (int i = 0; i < v[k].length; i++) {
                expected += v[k][i] * grad[k][i];
            }
        }
        double jvp = m.jvp(in, batch, v);
        assertEquals(expected, jvp, 1e-10 * Math.max(1, Math.abs(expected)), which + ": jvp vs <gradient, v>");

        double[][] hv = m.hessianVector(in, batch, v);
        // the gradient buffers are left as they were
        for (int k = 0; k < grad.length; k++) {
            assertArrayEquals(grad[k], m.gradients()[k], 0.0, "hessianVector changed the gradient");
        }
        // against the reference interpreter on the same graph
        List<Tensor> interpreted = TensorInterpreter.evaluate(cm.compilation().gradient(), "d" + ModelProgram.GRAD,
                List.of(tensors(p.inputs(), in, batch), tensors(p.params(), m.parameters(), batch),
                        tensors(p.params(), v, batch)), batch);
        // against central differences of the generated gradient along v
        double h = 1e-6;
        double[][] w0 = ModelHarness.deepCopy(m.parameters());
        double[][] plus = gradientAt(m, w0, v, h, in, batch);
        double[][] minus = gradientAt(m, w0, v, -h, in, batch);
        ModelHarness.copy(w0, m.parameters());
        double scale = 0;
        for (double[] row : hv) {
            for (double x : row) {
                scale = Math.max(scale, Math.abs(x));
            }
        }
        for (int k = 0; k < hv.length; k++) {
            double[] refs = interpreted.get(k).data();
            for (int i = 0; i < hv[k].length; i++) {
                double central = (plus[k][i] - minus[k][i]) / (2 * h);
                double ref = refs[refs.length == 1 ? 0 : i];
                if (Math.abs(central - hv[k][i]) > 1e-6 * Math.max(1, scale)
                        || Math.abs(ref - hv[k][i]) > 1e-12 * Math.max(1, scale)) {
                    assertEquals(central, hv[k][i], 1e-6 * Math.max(1, scale), which + ": H·v[" + k + "][" + i + "] vs central differences");
                    assertEquals(ref, hv[k][i], 1e-12 * Math.max(1, scale), which + ": H·v[" + k + "][" + i + "] vs the interpreter");
                }
            }
        }
    }

    @Test
    void aSymmetricHessian() {
        // ⟨u, H v⟩ = ⟨v, H u⟩ for a smooth model
        CompiledModel cm = Fluxion.create().compileModel(EUCLIDEAN, HESSIAN);
        Random r = new Random(5);
        Model m = cm.newModel();
        ModelHarness.randomize(m, r, 0.7);
        double[][] in = ModelHarness.randomInputs(cm.compilation().program(), 4, r);
        double[][] u = randomLike(m.parameters(), r);
        double[][] v = randomLike(m.parameters(), r);
        double uHv = dot(u, m.hessianVector(in, 4, v));
        double vHu = dot(v, m.hessianVector(in, 4, u));
        assertEquals(uHv, vHu, 1e-12 * Math.max(1, Math.abs(uHv)));
    }

    @Test
    void withoutTheCapabilityTheMethodsSaySo() {
        Model plain = Fluxion.create().compileModel(EUCLIDEAN, Options.defaults()).newModel();
        double[][] in = ModelHarness.randomInputs(Fluxion.create().compileModel(EUCLIDEAN).compilation().program(), 2, new Random(1));
        double[][] v = randomLike(plain.parameters(), new Random(2));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> plain.jvp(in, 2, v));
        assertTrue(e.getMessage().contains("JVP or HESSIAN capability"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> plain.hessianVector(in, 2, v));

        CompiledModel jvpOnly = Fluxion.create().compileModel(EUCLIDEAN, Options.defaults().withCapability(Capability.JVP));
        assertTrue(jvpOnly.javaSource().contains("public double jvp("), "jvp generated");
        assertFalse(jvpOnly.javaSource().contains("hessianVector("), "no H·v without HESSIAN");
        Model m = jvpOnly.newModel();
        ModelHarness.copy(plain.parameters(), m.parameters());
        m.lossAndGradient(in, 2);
        assertEquals(dot(v, m.gradients()), m.jvp(in, 2, v), 1e-12);
        assertThrows(UnsupportedOperationException.class, () -> m.hessianVector(in, 2, v));
        assertFalse(Fluxion.create().compileModel(EUCLIDEAN).javaSource().contains("jvp("), "the default class is unchanged");
    }

    @Test
    void aDirectionOfTheWrongShapeIsRefusedByName() {
        Model m = Fluxion.create().compileModel(EUCLIDEAN, HESSIAN).newModel();
        double[][] in = ModelHarness.randomInputs(Fluxion.create().compileModel(EUCLIDEAN).compilation().program(), 2, new Random(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.jvp(in, 2, new double[][] {new double[15], new double[4], new double[10]}));
        assertEquals("the direction of b [5] needs 5 values", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.hessianVector(in, 2, new double[2][]));
        assertTrue(e.getMessage().startsWith("expected a direction of 3 parameters"), e.getMessage());
    }

    private static double[][] gradientAt(Model m, double[][] w0, double[][] v, double h, double[][] in, int batch) {
        double[][] w = m.parameters();
        for (int k = 0; k < w.length; k++) {
            for (int i = 0; i < w[k].length; i++) {
                w[k][i] = w0[k][i] + h * v[k][i];
            }
        }
        m.lossAndGradient(in, batch);
        return ModelHarness.deepCopy(m.gradients());
    }

    private static List<Tensor> tensors(List<ModelProgram.Declaration> decls, double[][] values, int batch) {
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            out.add(new Tensor(decls.get(k).shape().bind(batch), values[k]));
        }
        return out;
    }

    private static double[][] randomLike(double[][] a, Random r) {
        double[][] out = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            out[k] = new double[a[k].length];
            for (int i = 0; i < out[k].length; i++) {
                out[k][i] = 2 * r.nextDouble() - 1;
            }
        }
        return out;
    }

    private static double dot(double[][] a, double[][] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
                s += a[k][i] * b[k][i];
            }
        }
        return s;
    }
}
