package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.ModelCompilation;
import dev.fluxion.compiler.diff.Forward;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.ModelProgram;
import dev.fluxion.compiler.simplify.RuleSet;
import dev.fluxion.compiler.ir.Tensor;
import dev.fluxion.compiler.ir.TensorInterpreter;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.optim.Optimizer;
import dev.fluxion.runtime.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Shared checks for generated models: random parameters and inputs, the generated loss
 * and gradient against the reference interpreter, and the gradient against central
 * finite differences of the generated loss.
 */
final class ModelHarness {

    private ModelHarness() {
    }

    /** Fills every parameter with uniform values in [-scale, scale]. */
    static void randomize(Model m, Random r, double scale) {
        for (double[] p : m.parameters()) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (2 * r.nextDouble() - 1) * scale;
            }
        }
    }

    /** Random inputs for a batch: features uniform in [-1, 1], labels uniform over their classes. */
    static double[][] randomInputs(ModelProgram program, int batch, Random r) {
        double[][] in = new double[program.inputs().size()][];
        for (int k = 0; k < in.length; k++) {
            ModelProgram.Declaration d = program.inputs().get(k);
            in[k] = new double[(int) d.shape().bind(batch).size()];
            for (int i = 0; i < in[k].length; i++) {
                in[k][i] = d.classes() > 0 ? r.nextInt(d.classes()) : 2 * r.nextDouble() - 1;
            }
        }
        return in;
    }

    /** The loss and then each parameter's gradient, by the reference interpreter over the gradient graph. */
    static List<Tensor> interpret(ModelCompilation c, Model m, double[][] inputs, int batch) {
        ModelProgram p = c.program();
        List<Tensor> in = new ArrayList<>();
        for (int k = 0; k < inputs.length; k++) {
            in.add(new Tensor(p.inputs().get(k).shape().bind(batch), inputs[k]));
        }
        List<Tensor> params = new ArrayList<>();
        double[][] live = m.parameters();
        for (int k = 0; k < live.length; k++) {
            params.add(new Tensor(p.params().get(k).shape(), live[k]));
        }
        List<Tensor> out = new ArrayList<>(TensorInterpreter.evaluate(c.gradient(), ModelProgram.LOSS, List.of(in, params), batch));
        out.addAll(TensorInterpreter.evaluate(c.gradient(), ModelProgram.GRAD, List.of(in, params), batch));
        return out;
    }

    /**
     * Three steps of {@link Model#sgdStep} (the generated step, which may update parameters
     * inside their gradients' products) against {@link Model#lossAndGradient} followed by the
     * runtime's plain {@link Sgd}, on two copies of the model: the same losses and parameters,
     * bit for bit.
     */
    static void checkSgdStep(CompiledModel cm, int batch, long seed) {
        Model fused = cm.newModel();
        Model reference = cm.newModel();
        randomize(fused, new Random(seed), 0.5);
        randomize(reference, new Random(seed), 0.5);
        double[][] in = randomInputs(cm.compilation().program(), batch, new Random(seed + 1));
        Optimizer sgd = Sgd.of(0.05).bind(reference);
        for (int step = 0; step < 3; step++) {
            double expected = reference.lossAndGradient(in, batch);
            sgd.step();
            double loss = fused.sgdStep(in, batch, 0.05);
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(loss), "loss at step " + step);
            for (int p = 0; p < fused.parameters().length; p++) {
                double[] w = fused.parameters()[p];
                double[] e = reference.parameters()[p];
                for (int i = 0; i < w.length; i++) {
                    if (Double.doubleToLongBits(w[i]) != Double.doubleToLongBits(e[i])) {
                        throw new AssertionError(fused.parameterNames()[p] + "[" + i + "] after step " + step + " at batch "
                                + batch + ": " + w[i] + " by sgdStep, " + e[i] + " by the gradient and Sgd");
                    }
                }
            }
        }
    }

    /** Asserts generated == interpreter for loss and gradient, and gradient == central differences. */
    static void check(CompiledModel cm, int batch, long seed, double fdTolerance) {
        Random r = new Random(seed);
        Model m = cm.newModel();
        randomize(m, r, 0.5);
        double[][] in = randomInputs(cm.compilation().program(), batch, r);
        double loss = m.lossAndGradient(in, batch);
        double[][] grads = m.gradients();
        List<Tensor> ref = interpret(cm.compilation(), m, in, batch);
        assertEquals(ref.get(0).get(0), loss, 1e-10 * Math.max(1, Math.abs(loss)), "loss vs interpreter");
        for (int p = 0; p < grads.length; p++) {
            Tensor g = ref.get(p + 1);
            for (int i = 0; i < grads[p].length; i++) {
                double expected = g.shape().isScalar() ? g.get(0) : g.get(i);
                assertEquals(expected, grads[p][i], 1e-9 * Math.max(1, Math.abs(expected)),
                        "gradient of " + m.parameterNames()[p] + "[" + i + "] vs interpreter");
            }
        }
        double[][] params = m.parameters();
        double h = 1e-6;
        for (int p = 0; p < params.length; p++) {
            for (int i = 0; i < params[p].length; i++) {
                double saved = params[p][i];
                params[p][i] = saved + h;
                double up = m.loss(in, batch);
                params[p][i] = saved - h;
                double down = m.loss(in, batch);
                params[p][i] = saved;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, grads[p][i], fdTolerance * Math.max(1, Math.abs(fd)),
                        "gradient of " + m.parameterNames()[p] + "[" + i + "] vs central differences at batch " + batch);
            }
        }
    }

    /**
     * Forward mode on the model graph: the JVP of the loss in a random parameter direction
     * v, by the interpreter, must equal ⟨generated gradient, v⟩ (reverse mode).
     */
    static void checkForward(CompiledModel cm, int batch, long seed) {
        Random r = new Random(seed);
        Model m = cm.newModel();
        randomize(m, r, 0.5);
        ModelProgram p = cm.compilation().program();
        double[][] in = randomInputs(p, batch, r);
        m.lossAndGradient(in, batch);
        double[][] grads = m.gradients();
        double[][] live = m.parameters();
        List<Tensor> inputs = new ArrayList<>();
        for (int k = 0; k < in.length; k++) {
            inputs.add(new Tensor(p.inputs().get(k).shape().bind(batch), in[k]));
        }
        List<Tensor> params = new ArrayList<>();
        List<Tensor> direction = new ArrayList<>();
        double expected = 0;
        for (int k = 0; k < live.length; k++) {
            params.add(new Tensor(p.params().get(k).shape(), live[k]));
            double[] v = new double[live[k].length];
            for (int i = 0; i < v.length; i++) {
                v[i] = 2 * r.nextDouble() - 1;
                expected += v[i] * grads[k][i];
            }
            direction.add(new Tensor(p.params().get(k).shape(), v));
        }
        Graph jvp = Forward.jvp(p.graph(), RuleSet.standard().newBuilder(), ModelProgram.PARAM_ARRAY, "pdot");
        Tensor dloss = TensorInterpreter.evaluate(jvp, "d" + ModelProgram.LOSS, List.of(inputs, params, direction), batch).get(0);
        assertEquals(expected, dloss.get(0), 1e-9 * Math.max(1, Math.abs(expected)), "forward-mode JVP vs reverse-mode gradient");
    }

    /** A copy of every parameter (or gradient) array. */
    static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            out[k] = a[k].clone();
        }
        return out;
    }

    /** Copies every array of {@code from} into the array of {@code to} at the same index. */
    static void copy(double[][] from, double[][] to) {
        for (int k = 0; k < from.length; k++) {
            System.arraycopy(from[k], 0, to[k], 0, from[k].length);
        }
    }
}
