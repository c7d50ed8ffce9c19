package dev.fluxion.examples;

import dev.fluxion.runtime.check.GradientCheck;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.tensor.MatMul;
import dev.fluxion.runtime.tensor.Precision;
import dev.fluxion.runtime.train.History;
import dev.fluxion.runtime.train.Progress;
import dev.fluxion.runtime.train.Trainer;
import dev.fluxion.runtime.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The MLP 784-128-10 of issue 3 ({@code fluxion/mlp.flx}) on the MNIST split: plain SGD,
 * lr 0.1, batch 32, 10 epochs; target test accuracy 93.5% (PyTorch: 93.7%). Initialization
 * as declared in the program (He uniform weights, zero biases). Before training, the
 * generated gradient is checked against central differences on 8 training examples (with
 * {@code --precision float32}: the double model is, and the float32 gradient against it).
 * Writes parameters, history and the curves' PNG to {@code --out}; exits with status 2 when
 * the target is missed on the full run.
 */
public final class MnistMlp {

    /** The setup. */
    public static final Recipe RECIPE = new Recipe(10, 32, 0.1, 7, 0);
    /** The target test accuracy. */
    public static final double TARGET = 0.935;

    private MnistMlp() {
    }

    /**
     * The run's first line (docs/tutorial.md shows it; TutorialTest checks it against this).
     *
     * @param recipe the training recipe
     * @param precision the matrix products' arithmetic
     * @param simd whether the Vector API kernels run (the JVM resolved jdk.incubator.vector)
     * @return the line
     */
    public static String header(Recipe recipe, Precision precision, boolean simd) {
        return "MLP 784-128-10 on MNIST (" + Mnist.TRAIN + " train, " + Mnist.TEST + " test), "
                + recipe.describe() + ", matrix products in " + precision + (simd ? " with explicit SIMD" : "");
    }

    /** Runs the example; see {@link Options} for the arguments. */
    public static void main(String[] args) throws IOException {
        Options options = Options.parseOrExit("mlp", args).withoutInit("mlp");
        Recipe recipe = options.apply(RECIPE);
        Dataset.Split split = Mnist.load(options.data());
        System.out.println(header(recipe, options.precisionOrDefault(), MatMul.simd()));
        long t0 = System.nanoTime();
        Model model = Classifier.compile("mlp.flx", options.precisionOrDefault());
        double compile = (System.nanoTime() - t0) * 1e-9;
        Initializers.initialize(model, recipe.initSeed());
        double[][] sample = new Trainer(TrainingConfig.of(1, 8), Progress.silent()).inputs(model, split.train(), 8);
        if (options.precisionOrDefault() == Precision.FLOAT64) {
            System.out.println(GradientCheck.defaults(1).run(model, sample, 8).format());
        } else {
            // Central differences of a float-rounded loss are mostly rounding noise: check the double
            // model against them, and this model against the double one.
            Model reference = Classifier.compile("mlp.flx", Precision.FLOAT64);
            Initializers.initialize(reference, recipe.initSeed());
            System.out.println(GradientCheck.defaults(1).run(reference, sample, 8).format());
            System.out.printf(Locale.ROOT, "%s gradient against the FLOAT64 one: largest difference %.2e of its largest entry%n%n",
                    options.precisionOrDefault(), GradientCheck.relativeDifference(model, reference, sample, 8));
        }
        long t1 = System.nanoTime();
        History history = Classifier.train(model, recipe, split.train(), split.test(), Classifier.progress(options));
        double train = (System.nanoTime() - t1) * 1e-9;
        List<Path> files = RunOutputs.write(model, history, "MLP 784-128-10, MNIST", options.out());
        boolean met = Report.print("mlp", history, TARGET, compile, train, files);
        if (!met && recipe.epochs() == RECIPE.epochs()) {
            System.exit(2);
        }
    }
}
