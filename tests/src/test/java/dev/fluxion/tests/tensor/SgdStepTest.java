package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.Idx;
import dev.fluxion.runtime.data.Normalizer;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.optim.Optimizer;
import dev.fluxion.runtime.optim.OptimizerSpec;
import dev.fluxion.runtime.optim.Sgd;
import dev.fluxion.runtime.tensor.Precision;
import dev.fluxion.runtime.train.History;
import dev.fluxion.runtime.train.Progress;
import dev.fluxion.runtime.train.Trainer;
import dev.fluxion.runtime.train.TrainingConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code sgdStep}: which parameters it updates inside their gradients' products,
 * and that every parameter ends as after the gradient and the runtime's SGD, bit for bit (the
 * per-op table runs the same comparison in {@link TensorOpTest}).
 */
class SgdStepTest {

    /** The MLP of issue 3. */
    private static final String MLP = MlpStepTiming.MLP;

    private static final Fluxion FLUXION = Fluxion.create();

    @Test
    void theMlpUpdatesBothWeightMatricesInsideTheirProductsAndTheBiasesAfterwards() {
        String source = FLUXION.compileModel(MLP).javaSource();
        assertTrue(source.contains("        update_W1(batch, scale);\n"), source);
        assertTrue(source.contains("        update_W2(batch, scale);\n"), source);
        assertTrue(source.contains("MatMul.multiplyAdd(x, true, bv7, false, W1, 784, 128, batch, scale, Precision.FLOAT64);"),
                source);
        assertFalse(source.contains("update_b1"), source);
        assertTrue(source.contains("b1[i] -= learningRate * grad_b1[i];"), source);
    }

    @Test
    void aParameterReadAfterItsGradientIsUpdatedAtTheEnd() {
        // dA = G·Cᵀ is computed before dC = Aᵀ·G, which reads A: A cannot change in between.
        String source = FLUXION.compileModel("model t {\n input x[B, 2]\n param A[2, 3]\n param C[3, 2]\n"
                + " loss = sum(tanh(x @ (A @ C)))\n}\n").javaSource();
        assertFalse(source.contains("update_A("), source);
        assertTrue(source.contains("A[i] -= learningRate * grad_A[i];"), source);
        assertTrue(source.contains("update_C(batch, scale);"), source);
    }

    @Test
    void theMlpOnMnistImagesStepsAsTheGradientAndSgdDoInBothPrecisions() throws IOException {
        double[][] images = mnist(32);
        for (Precision precision : Precision.values()) {
            CompiledModel cm = FLUXION.compileModel(MLP, Options.defaults().withMatmulPrecision(precision));
            for (int batch : new int[] {1, 32}) {
                Model fused = cm.newModel();
                Model reference = cm.newModel();
                Initializers.initialize(fused, 3);
                Initializers.initialize(reference, 3);
                double[][] in = {java.util.Arrays.copyOf(images[0], batch * 784), java.util.Arrays.copyOf(images[1], batch)};
                Optimizer sgd = Sgd.of(0.1).bind(reference);
                for (int step = 0; step < 3; step++) {
                    double expected = reference.lossAndGradient(in, batch);
                    sgd.step();
                    assertEquals(expected, fused.sgdStep(in, batch, 0.1), 0.0);
                }
                for (int p = 0; p < 4; p++) {
                    assertArrayEquals(reference.parameters()[p], fused.parameters()[p], 0.0,
                            precision + ", batch " + batch + ", " + fused.parameterNames()[p]);
                }
            }
        }
    }

    @Test
    void theTrainerTakesTheFusedStepForPlainSgdWithTheSameResult() throws IOException {
        Dataset all = Idx.dataset(Path.of("..", "examples", "data", "mnist10k-images-idx3-ubyte.gz"),
                Path.of("..", "examples", "data", "mnist10k-labels-idx1-ubyte.gz"));
        Dataset train = Normalizer.scale(1.0 / 255).apply(all.head(300));
        CompiledModel cm = FLUXION.compileModel(MLP);
        Model fused = cm.newModel();
        Model reference = cm.newModel();
        Initializers.initialize(fused, 5);
        Initializers.initialize(reference, 5);
        Trainer trainer = new Trainer(TrainingConfig.of(2, 32).withSeed(4),
                Progress.epochsOnly(new PrintStream(OutputStream.nullOutputStream())));
        History a = trainer.fit(fused, Sgd.of(0.1), train, null);
        History b = trainer.fit(reference, gradientThenStep(Sgd.of(0.1), reference), train, null);
        assertArrayEquals(b.stepLosses(), a.stepLosses(), 0.0);
        for (int p = 0; p < 4; p++) {
            assertArrayEquals(reference.parameters()[p], fused.parameters()[p], 0.0, fused.parameterNames()[p]);
        }
    }

    @Test
    void sgdRefusesToStepAModelItIsNotBoundTo() {
        CompiledModel cm = FLUXION.compileModel(MLP);
        Model bound = cm.newModel();
        Model other = cm.newModel();
        Optimizer sgd = Sgd.of(0.1).bind(bound);
        double[][] in = {new double[784], new double[1]};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sgd.step(other, in, 1));
        assertEquals("this optimizer is bound to other buffers than model mlp's: bind it with OptimizerSpec.bind(model)",
                e.getMessage());
        assertEquals(0, sgd.steps());
    }

    /** An optimizer that always takes the gradient and then {@code spec}'s step: the path without fusion. */
    private static Optimizer gradientThenStep(OptimizerSpec spec, Model model) {
        Optimizer inner = spec.bind(model);
        return new Optimizer() {
            @Override
            public void step() {
                inner.step();
            }

            @Override
            public long steps() {
                return inner.steps();
            }

            @Override
            public double learningRate() {
                return inner.learningRate();
            }

            @Override
            public OptimizerSpec spec() {
                return inner.spec();
            }
        };
    }

    /** The first {@code n} MNIST images (scaled to [0, 1]) and their labels. */
    private static double[][] mnist(int n) throws IOException {
        Dataset d = Idx.dataset(Path.of("..", "examples", "data", "mnist10k-images-idx3-ubyte.gz"),
                Path.of("..", "examples", "data", "mnist10k-labels-idx1-ubyte.gz")).head(n);
        double[] x = d.features();
        for (int i = 0; i < x.length; i++) {
            x[i] /= 255.0;
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = d.labels()[i];
        }
        return new double[][] {x, y};
    }
}
