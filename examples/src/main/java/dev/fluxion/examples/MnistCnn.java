package dev.fluxion.examples;

import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.tensor.MatMul;
import dev.fluxion.runtime.tensor.Precision;
import dev.fluxion.runtime.train.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The CNN of issue 3 ({@code fluxion/cnn.flx}: conv 8@5×5, ReLU, maxpool 2, conv 16@5×5,
 * ReLU, maxpool 2, linear 256→10) on the MNIST split as [1, 28, 28] images: plain SGD,
 * lr 0.05, batch 32, 5 epochs; target test accuracy 96.5% (PyTorch: 96.9%).
 * Initialization: PyTorch's defaults ({@link TorchInit}), as the reference used, or with
 * {@code --init declared} the program's declared initializers (He uniform weights, zero biases).
 * Writes parameters, history and the curves' PNG to {@code --out}; exits with status 2 when
 * the target is missed on the full run.
 */
public final class MnistCnn {

    /** The setup. */
    public static final Recipe RECIPE = new Recipe(5, 32, 0.05, 7, 0);
    /** The target test accuracy. */
    public static final double TARGET = 0.965;
    /** Each parameter's fan-in: 1·5·5 and 8·5·5 for the convolutions, 256 for the linear layer. */
    public static final Map<String, Integer> FAN_IN = Map.of("K1", 25, "c1", 25, "K2", 200, "c2", 200, "W", 256, "b", 256);

    private MnistCnn() {
    }

    /** The split with images shaped [1, 28, 28], the input the program declares. */
    public static Dataset.Split images(Path dataDir) throws IOException {
        Dataset.Split flat = Mnist.load(dataDir);
        return new Dataset.Split(flat.train().reshape(1, 28, 28), flat.test().reshape(1, 28, 28));
    }

    /** The compiled model with PyTorch's default initialization from {@code seed}. */
    public static Model model(long seed) {
        return model(seed, true);
    }

    /** The compiled model initialized from {@code seed}: PyTorch's defaults, or the program's declared initializers. */
    public static Model model(long seed, boolean torch) {
        return model(seed, torch, Precision.FLOAT64);
    }

    /** The same with the model's matrix products in {@code precision}. */
    public static Model model(long seed, boolean torch, Precision precision) {
        Model model = Classifier.compile("cnn.flx", precision);
        if (torch) {
            TorchInit.apply(model, seed, FAN_IN);
        } else {
            Initializers.initialize(model, seed);
        }
        return model;
    }

    /** Runs the example; see {@link Options} for the arguments. */
    public static void main(String[] args) throws IOException {
        Options options = Options.parseOrExit("cnn", args);
        Recipe recipe = options.apply(RECIPE);
        Dataset.Split split = images(options.data());
        System.out.println("CNN conv8@5x5-pool-conv16@5x5-pool-linear256x10 on MNIST (" + Mnist.TRAIN + " train, "
                + Mnist.TEST + " test), " + recipe.describe() + ", matrix products in " + options.precisionOrDefault()
                + (MatMul.simd() ? " with explicit SIMD" : ""));
        long t0 = System.nanoTime();
        boolean torch = !"declared".equals(options.init());
        System.out.println("initialization: " + (torch ? "PyTorch defaults, uniform(+-1/sqrt(fan_in))"
                : "as declared in cnn.flx (he_uniform weights, zero biases)"));
        Model model = model(recipe.initSeed(), torch, options.precisionOrDefault());
        double compile = (System.nanoTime() - t0) * 1e-9;
        long t1 = System.nanoTime();
        History history = Classifier.train(model, recipe, split.train(), split.test(), Classifier.progress(options));
        double train = (System.nanoTime() - t1) * 1e-9;
        List<Path> files = RunOutputs.write(model, history, "CNN, MNIST", options.out());
        boolean met = Report.print("cnn", history, TARGET, compile, train, files);
        if (!met && recipe.epochs() == RECIPE.epochs()) {
            System.exit(2);
        }
    }
}
