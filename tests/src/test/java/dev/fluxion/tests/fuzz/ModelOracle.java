package dev.fluxion.tests.fuzz;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.inspect.ModelModeComparison;
import dev.fluxion.compiler.ir.ModelProgram;
import dev.fluxion.compiler.ir.Tensor;
import dev.fluxion.compiler.ir.TensorInterpreter;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.optim.Optimizer;
import dev.fluxion.runtime.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The oracle for models. A model either fails to compile with a {@link CompileException}
 * whose positions lie inside the text (a generated model must compile, unless a shape holds
 * {@code B} twice, which the compiler may refuse), or at a seeded point (parameters from
 * their initializers, inputs and labels drawn as {@code fluxion compare} draws them), at
 * batch 3 and now and then batch 1:
 * <ul>
 *   <li>forward mode (one JVP per parameter coordinate, {@link ModelModeComparison}) equals
 *       the generated reverse-mode gradient;</li>
 *   <li>the generated loss and gradient equal the reference interpreter's
 *       ({@link TensorInterpreter} over the gradient graph), and {@code loss} equals
 *       {@code lossAndGradient}'s loss;</li>
 *   <li>each gradient coordinate where central differences are reliable (two steps agree and
 *       the one-sided slopes agree: no kink of relu, max, maxpool, abs within a step) equals
 *       them; coordinates near a kink are counted, not compared;</li>
 *   <li>one fused {@code sgdStep} leaves the parameters bit for bit as {@code lossAndGradient}
 *       followed by the runtime's {@link Sgd};</li>
 *   <li>every other model, compiled again with the HESSIAN capability: the generated {@code jvp}
 *       equals ⟨gradient, v⟩, {@code hessianVector} equals the reference interpreter's H·v over
 *       the same graph, and, where two step sizes agree, central differences of the gradient
 *       along v.</li>
 * </ul>
 * Any other exception is a failure. A failure of a model with {@code B} twice has its kind
 * prefixed with {@link #BATCH_TWICE}.
 */
final class ModelOracle {

    static final String BATCH_TWICE = "[B twice] ";
    static final double MODES = 1e-8;
    static final double FD = 1e-5;
    static final double REFERENCE = 1e-9;
    /** At most this many coordinates are compared with central differences, spread evenly. */
    static final int FD_COORDINATES = 120;

    private final Fluxion fluxion;
    private final Stats stats;

    ModelOracle(Fluxion fluxion, Stats stats) {
        this.fluxion = fluxion;
        this.stats = stats;
    }

    Finding check(ModelCase c, long seed) {
        Finding f;
        try {
            run(c, new Random(seed));
            return null;
        } catch (ScalarOracle.Failed e) {
            f = e.finding;
        } catch (StackOverflowError | OutOfMemoryError e) {
            f = new Finding(e.getClass().getSimpleName() + " " + ScalarOracle.origin(e), String.valueOf(e.getMessage()));
        } catch (RuntimeException | AssertionError e) {
            f = new Finding("unexpected " + e.getClass().getSimpleName() + " " + ScalarOracle.origin(e), String.valueOf(e.getMessage()));
        }
        return c.batchTwice() ? new Finding(BATCH_TWICE + f.kind(), f.detail()) : f;
    }

    private static void fail(String kind, String detail) {
        throw new ScalarOracle.Failed(new Finding(kind, detail));
    }

    private <T> T timed(String what, Supplier<T> call) {
        long start = ScalarOracle.cpuNanos();
        T result = call.get();
        stats.cpuNanos.merge(what, ScalarOracle.cpuNanos() - start, Long::sum);
        return result;
    }

    private void run(ModelCase c, Random r) {
        CompiledModel compiled;
        try {
            compiled = timed("compile model", () -> fluxion.compileModel(c.text()));
        } catch (CompileException e) {
            ScalarOracle.checkPositions(c.text(), e);
            if (!c.batchTwice()) {
                fail("well-formed model rejected", e.getMessage());
            }
            stats.rejected++;
            return;
        }
        stats.compiled++;
        boolean checked = false;
        String reason = "loss not finite at any point";
        for (int attempt = 0; attempt < 3 && !checked; attempt++) {
            int batch = attempt == 0 && r.nextInt(3) == 0 ? 1 : 3;
            long seed = r.nextLong();
            ModelModeComparison modes = timed("forward mode (interpreted JVPs)",
                    () -> ModelModeComparison.of(fluxion, c.text(), Options.defaults(), batch, seed, null));
            if (!Double.isFinite(modes.loss())) {
                continue;
            }
            String at = " at batch " + batch + ", seed " + seed;
            double[] reverse = modes.reverse();
            int[] coordinates = modes.coordinates();
            for (int i = 0; i < coordinates.length; i++) {
                compare("forward mode vs reverse mode", modes.forward()[i], reverse[coordinates[i]], MODES,
                        "coordinate " + coordinates[i] + at);
            }
            ModelProgram program = compiled.compilation().program();
            Model m = compiled.newModel();
            Initializers.initialize(m, seed);
            double[][] in = ModelModeComparison.inputs(program, batch, seed);
            double loss = timed("lossAndGradient", () -> m.lossAndGradient(in, batch));
            if (Double.doubleToLongBits(loss) != Double.doubleToLongBits(modes.loss())) {
                fail("lossAndGradient differs between two instances", loss + " vs " + modes.loss() + at);
            }
            double[][] grads = copy(m.gradients());
            double plain = m.loss(in, batch);
            compare("loss vs lossAndGradient", plain, loss, 1e-12, at);
            reference(compiled, m, in, batch, loss, grads, at);
            finiteDifferences(m, in, batch, grads, at);
            sgdStep(compiled, seed, in, batch, at);
            if (r.nextBoolean()) {
                tangents(c, seed, in, batch, grads, at);
            }
            checked = true;
        }
        if (checked) {
            stats.fdChecked++;
            stats.coverModelOps(c.text());
        } else {
            stats.notChecked.merge("model: " + reason, 1, Integer::sum);
        }
    }

    private void compare(String what, double got, double want, double tol, String where) {
        boolean fg = Double.isFinite(got);
        boolean fw = Double.isFinite(want);
        if (fg && fw) {
            if (!ScalarOracle.close(got, want, tol)) {
                fail(what + ": differ", where + ": " + got + " vs " + want);
            }
        } else if (fg != fw) {
            fail(what + ": one non-finite", where + ": " + got + " vs " + want);
        } else {
            stats.bothNonFinite++;
        }
    }

    /** The generated loss and gradient against the reference interpreter over the same gradient graph. */
    private void reference(CompiledModel compiled, Model m, double[][] inputs, int batch, double loss, double[][] grads,
                           String at) {
        ModelProgram p = compiled.compilation().program();
        List<Tensor> in = new ArrayList<>();
        for (int k = 0; k < inputs.length; k++) {
            in.add(new Tensor(p.inputs().get(k).shape().bind(batch), inputs[k]));
        }
        List<Tensor> params = new ArrayList<>();
        double[][] live = m.parameters();
        for (int k = 0; k < live.length; k++) {
            params.add(new Tensor(p.params().get(k).shape(), live[k].clone()));
        }
        List<List<Tensor>> args = List.of(in, params);
        Tensor refLoss = timed("reference interpreter",
                () -> TensorInterpreter.evaluate(compiled.compilation().gradient(), ModelProgram.LOSS, args, batch).get(0));
        compare("generated loss vs the reference interpreter", loss, refLoss.get(0), REFERENCE, at);
        stats.referenceChecked++;
        List<Tensor> refGrads = timed("reference interpreter",
                () -> TensorInterpreter.evaluate(compiled.compilation().gradient(), ModelProgram.GRAD, args, batch));
        for (int k = 0; k < grads.length; k++) {
            Tensor g = refGrads.get(k);
            for (int i = 0; i < grads[k].length; i++) {
                double want = g.shape().isScalar() ? g.get(0) : g.get(i);
                compare("generated gradient vs the reference interpreter", grads[k][i], want, REFERENCE,
                        m.parameterNames()[k] + "[" + i + "]" + at);
            }
        }
    }

    /** Central differences of the generated loss, on coordinates where they are reliable. */
    private void finiteDifferences(Model m, double[][] in, int batch, double[][] grads, String at) {
        double[][] params = m.parameters();
        int total = 0;
        for (double[] p : params) {
            total += p.length;
        }
        int stride = Math.max(1, total / FD_COORDINATES);
        int flat = 0;
        long start = ScalarOracle.cpuNanos();
        for (int k = 0; k < params.length; k++) {
            for (int i = 0; i < params[k].length; i++, flat++) {
                if (flat % stride != 0) {
                    continue;
                }
                double[] w = params[k];
                double x = w[i];
                double h = 1e-5 * Math.max(1, Math.abs(x));
                double l0 = m.loss(in, batch);
                double lp = at(m, in, batch, w, i, x + h);
                double lm = at(m, in, batch, w, i, x - h);
                double lp2 = at(m, in, batch, w, i, x + h / 2);
                double lm2 = at(m, in, batch, w, i, x - h / 2);
                w[i] = x;
                double central = (lp - lm) / ((x + h) - (x - h));
                double half = (lp2 - lm2) / ((x + h / 2) - (x - h / 2));
                double right = (lp - l0) / h;
                double left = (l0 - lm) / h;
                double scale = Math.max(1, Math.abs(central));
                boolean reliable = Double.isFinite(central) && Double.isFinite(right) && Double.isFinite(left)
                        && Math.abs(central - half) <= 1e-6 * scale && Math.abs(right - left) <= 1e-2 * scale;
                if (!reliable) {
                    stats.kinkCoordinates++;
                    continue;
                }
                if (Math.ulp(l0) / h > FD * Math.max(1, Math.abs(grads[k][i]))) {
                    // The loss is so large that one rounding of it outweighs the step's change.
                    stats.fdRounding++;
                    continue;
                }
                stats.fdCoordinates++;
                if (!Double.isFinite(grads[k][i]) || !ScalarOracle.close(grads[k][i], central, FD)) {
                    fail("gradient differs from central differences", m.parameterNames()[k] + "[" + i + "]" + at + ": "
                            + grads[k][i] + ", central differences " + central);
                }
            }
        }
        stats.cpuNanos.merge("central differences (model)", ScalarOracle.cpuNanos() - start, Long::sum);
    }

    /**
     * The class with forward mode: jvp against ⟨gradient, v⟩, hessianVector against the
     * interpreter over the same graph and against central differences of the generated gradient
     * along v where a step and half a step agree (no kink of relu, max or abs in between).
     */
    private void tangents(ModelCase c, long seed, double[][] in, int batch, double[][] grads, String at) {
        CompiledModel second = timed("compile model (HESSIAN)", () -> fluxion.compileModel(c.text(),
                Options.defaults().withCapability(dev.fluxion.runtime.DifferentiableFunction.Capability.HESSIAN)));
        Model m = second.newModel();
        Initializers.initialize(m, seed);
        Random r = new Random(seed ^ 0x5DEECE66DL);
        double[][] v = new double[grads.length][];
        double expected = 0;
        for (int k = 0; k < v.length; k++) {
            v[k] = new double[grads[k].length];
            for (int i = 0; i < v[k].length; i++) {
                v[k][i] = 2 * r.nextDouble() - 1;
                expected += v[k][i] * grads[k][i];
            }
        }
        double jvp = timed("jvp (model)", () -> m.jvp(in, batch, v));
        compare("generated jvp vs <gradient, v>", jvp, expected, MODES, at);
        double[][] hv = timed("hessianVector (model)", () -> m.hessianVector(in, batch, v));
        ModelProgram p = second.compilation().program();
        List<Tensor> inputs = new ArrayList<>();
        for (int k = 0; k < in.length; k++) {
            inputs.add(new Tensor(p.inputs().get(k).shape().bind(batch), in[k]));
        }
        List<Tensor> params = new ArrayList<>();
        List<Tensor> direction = new ArrayList<>();
        double[][] w0 = copy(m.parameters());
        for (int k = 0; k < w0.length; k++) {
            params.add(new Tensor(p.params().get(k).shape(), w0[k].clone()));
            direction.add(new Tensor(p.params().get(k).shape(), v[k]));
        }
        List<Tensor> ref = timed("reference interpreter", () -> TensorInterpreter.evaluate(second.compilation().gradient(),
                "d" + ModelProgram.GRAD, List.of(inputs, params, direction), batch));
        double[][][] steps = new double[4][][];
        double h = 1e-5;
        double[] offsets = {h, -h, h / 2, -h / 2};
        for (int s = 0; s < 4; s++) {
            double[][] w = m.parameters();
            for (int k = 0; k < w.length; k++) {
                for (int i = 0; i < w[k].length; i++) {
                    w[k][i] = w0[k][i] + offsets[s] * v[k][i];
                }
            }
            m.lossAndGradient(in, batch);
            steps[s] = copy(m.gradients());
        }
        for (int k = 0; k < hv.length; k++) {
            double[] want = ref.get(k).data();
            for (int i = 0; i < hv[k].length; i++) {
                String where = m.parameterNames()[k] + "[" + i + "]";
                compare("generated hessianVector vs the reference interpreter", hv[k][i], want[want.length == 1 ? 0 : i],
                        REFERENCE, where + at);
                double central = (steps[0][k][i] - steps[1][k][i]) / (2 * h);
                double half = (steps[2][k][i] - steps[3][k][i]) / h;
                double scale = Math.max(1, Math.abs(central));
                if (!Double.isFinite(central) || Math.abs(central - half) > 1e-6 * scale) {
                    stats.kinkCoordinates++;
                    continue;
                }
                stats.fdCoordinates++;
                if (!Double.isFinite(hv[k][i]) || !ScalarOracle.close(hv[k][i], central, FD)) {
                    fail("hessianVector differs from central differences of the gradient", where + at + ": " + hv[k][i]
                            + ", central differences " + central);
                }
            }
        }
        stats.hessianChecked++;
    }

    private static double at(Model m, double[][] in, int batch, double[] w, int i, double value) {
        w[i] = value;
        return m.loss(in, batch);
    }

    /** One fused SGD step against the gradient and the runtime's SGD, bit for bit. */
    private void sgdStep(CompiledModel compiled, long seed, double[][] in, int batch, String at) {
        Model fused = compiled.newModel();
        Model reference = compiled.newModel();
        Initializers.initialize(fused, seed);
        Initializers.initialize(reference, seed);
        Optimizer sgd = Sgd.of(0.05).bind(reference);
        double expected = reference.lossAndGradient(in, batch);
        sgd.step();
        double got = timed("sgdStep", () -> fused.sgdStep(in, batch, 0.05));
        if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(got)) {
            fail("sgdStep's loss differs from lossAndGradient's", got + " vs " + expected + at);
        }
        for (int p = 0; p < fused.parameters().length; p++) {
            double[] w = fused.parameters()[p];
            double[] e = reference.parameters()[p];
            for (int i = 0; i < w.length; i++) {
                if (Double.doubleToLongBits(w[i]) != Double.doubleToLongBits(e[i])) {
                    fail("sgdStep differs from lossAndGradient and Sgd", fused.parameterNames()[p] + "[" + i + "]" + at
                            + ": " + w[i] + " vs " + e[i]);
                }
            }
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
