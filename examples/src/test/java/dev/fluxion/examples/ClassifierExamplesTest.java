package dev.fluxion.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.runtime.check.GradientCheck;
import dev.fluxion.runtime.check.GradientCheckReport;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.io.ParameterFile;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.tensor.Precision;
import dev.fluxion.runtime.train.History;
import dev.fluxion.runtime.train.Progress;
import dev.fluxion.runtime.train.Trainer;
import dev.fluxion.runtime.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short runs of the classifier examples through their own code: the MLP trains for one epoch
 * (250 steps) and its loss falls; the CNN builds and one SGD step lowers the loss on its batch;
 * softmax regression on the digits trains fully (it takes a second). The full MNIST runs stay
 * out of the default run (examples/README.md has their figures).
 */
class ClassifierExamplesTest {

    private static final Path DATA = Path.of("data");
    private static Dataset.Split mnist;

    @BeforeAll
    static void loadMnist() throws IOException {
        mnist = Mnist.load(DATA);
    }

    @Test
    void mnistSplitIsTheIssues() {
        assertEquals(8000, mnist.train().size());
        assertEquals(2000, mnist.test().size());
        assertEquals(784, mnist.train().featureSize());
        double max = 0;
        for (double v : mnist.train().features()) {
            max = Math.max(max, v);
        }
        assertEquals(1.0, max, 1e-12, "pixels scaled to [0, 1]");
    }

    @Test
    void mlpLossFallsOverOneEpochOfTheExamplesRecipe(@TempDir Path out) throws IOException {
        Model model = Classifier.compile("mlp.flx", Precision.FLOAT64);
        assertArrayEquals(new String[] {"W1", "b1", "W2", "b2"}, model.parameterNames());
        Initializers.initialize(model, MnistMlp.RECIPE.initSeed());
        History h = Classifier.train(model, MnistMlp.RECIPE.withEpochs(1), mnist.train(), mnist.test(), Progress.silent());
        double[] steps = h.stepLosses();
        assertEquals(250, steps.length);
        double first = h.meanStepLoss(0, 25);
        double last = h.meanStepLoss(225, 25);
        assertTrue(last < 0.3 * first, "loss fell from " + first + " to " + last);
        assertTrue(h.last().testAccuracy() > 0.85, "test accuracy after one epoch " + h.last().testAccuracy());

        List<Path> files = RunOutputs.write(model, h, "MLP", out);
        for (Path f : files) {
            assertTrue(Files.size(f) > 0, f + " is empty");
        }
        Model reloaded = Classifier.compile("mlp.flx", Precision.FLOAT64);
        ParameterFile.load(reloaded, files.get(0));
        for (int i = 0; i < model.parameters().length; i++) {
            assertArrayEquals(model.parameters()[i], reloaded.parameters()[i], 0.0);
        }
    }

    @Test
    void cnnBuildsWithTorchInitPassesAGradientCheckAndOneStepLowersItsBatchLoss() throws IOException {
        Dataset.Split split = MnistCnn.images(DATA);
        Model model = MnistCnn.model(MnistCnn.RECIPE.initSeed());
        assertArrayEquals(new int[] {-1, 1, 28, 28}, model.inputShapes()[0]);
        // PyTorch's default bounds: 1/sqrt(fan_in).
        String[] names = model.parameterNames();
        for (int p = 0; p < names.length; p++) {
            double bound = 1 / Math.sqrt(MnistCnn.FAN_IN.get(names[p]));
            double max = 0;
            for (double v : model.parameters()[p]) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max <= bound && max > 0.5 * bound, names[p] + ": max |w| " + max + ", bound " + bound);
        }
        double[][] batch = new Trainer(TrainingConfig.of(1, 32), Progress.silent()).inputs(model, split.train(), 32);
        double[][] two = new Trainer(TrainingConfig.of(1, 2), Progress.silent()).inputs(model, split.train(), 2);
        GradientCheckReport check = GradientCheck.defaults(3).run(model, two, 2);
        assertTrue(check.passes(1e-5), check.format());
        double before = model.lossAndGradient(batch, 32);
        assertTrue(Math.abs(before - Math.log(10)) < 0.5, "initial loss " + before + " near ln 10");
        double[][] p = model.parameters();
        double[][] g = model.gradients();
        for (int k = 0; k < p.length; k++) {
            for (int i = 0; i < p[k].length; i++) {
                p[k][i] -= MnistCnn.RECIPE.learningRate() * g[k][i];
            }
        }
        double after = model.loss(batch, 32);
        assertTrue(after < before, "one step: " + before + " -> " + after);
        double[] logits = model.evaluate("logits", batch, 32);
        assertEquals(320, logits.length);
    }

    @Test
    void softmaxRegressionOnTheDigitsLearns() throws IOException {
        Dataset.Split split = DigitsSoftmax.load(DATA);
        assertEquals(1797, split.train().size() + split.test().size());
        assertArrayEquals(new int[] {64}, split.train().featureShape());
        Model model = Classifier.compile("digits_softmax.flx", Precision.FLOAT64);
        Initializers.initialize(model, DigitsSoftmax.RECIPE.initSeed());
        History h = Classifier.train(model, DigitsSoftmax.RECIPE, split.train(), split.test(), Progress.silent());
        assertTrue(h.last().testAccuracy() > 0.90, "test accuracy " + h.last().testAccuracy());
    }
}
