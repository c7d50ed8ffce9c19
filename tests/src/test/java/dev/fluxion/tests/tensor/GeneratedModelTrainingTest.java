package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.runtime.check.ModelContract;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.Idx;
import dev.fluxion.runtime.data.Normalizer;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.optim.Sgd;
import dev.fluxion.runtime.train.History;
import dev.fluxion.runtime.train.Progress;
import dev.fluxion.runtime.train.Trainer;
import dev.fluxion.runtime.train.TrainingConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A generated model keeps the runtime's contract and trains with the runtime's Trainer. */
class GeneratedModelTrainingTest {

    static final String MLP = """
            model mlp {
              input  x[B, 784]
              label  y[B] of 10
              param  W1[784, 32] init he_uniform
              param  b1[32]      init zeros
              param  W2[32, 10]  init xavier_uniform(1.0)
              param  b2[10]      init constant(0.01)
              h      = relu(x @ W1 + b1)
              logits = h @ W2 + b2
              loss   = mean(cross_entropy(logits, y))
            }
            """;

    @Test
    void keepsTheContractAndTrainsOnMnist() throws IOException {
        Model m = Fluxion.create().compileModel(MLP).newModel();
        assertEquals(java.util.List.of(), ModelContract.problems(m));
        assertArrayEquals(new String[] {"he_uniform", "zeros", "xavier_uniform(1.0)", "constant(0.01)"},
                m.parameterInitializers());
        Initializers.initialize(m, 7);
        Dataset all = Idx.dataset(Path.of("..", "examples", "data", "mnist10k-images-idx3-ubyte.gz"),
                Path.of("..", "examples", "data", "mnist10k-labels-idx1-ubyte.gz"));
        Normalizer scale = Normalizer.scale(1.0 / 255);
        Dataset train = scale.apply(all.head(2000));
        Dataset test = scale.apply(all.tail(500));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        History h = new Trainer(TrainingConfig.of(2, 32).withSeed(1), Progress.epochsOnly(quiet))
                .fit(m, Sgd.of(0.1), train, test);
        assertTrue(h.last().testAccuracy() > 0.8, "test accuracy " + h.last().testAccuracy());
        assertTrue(h.last().trainLoss() < h.epochs().get(0).trainLoss() || h.last().trainLoss() < 0.5, h.format());
    }

    @Test
    void unknownInitializerIsACompileError() {
        CompileException e = assertThrows(CompileException.class, () -> Fluxion.create().compileModel(
                "model m {\n input x[B, 2]\n param w[2] init he_unifrom\n loss = sum(x * w)\n}"));
        assertEquals(3, e.diagnostics().get(0).line());
        assertTrue(e.diagnostics().get(0).message().contains("he_unifrom"), e.getMessage());
    }
}
