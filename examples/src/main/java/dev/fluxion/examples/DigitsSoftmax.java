package dev.fluxion.examples;

import dev.fluxion.runtime.data.Csv;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.Normalizer;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.train.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Softmax regression ({@code fluxion/digits_softmax.flx}) on the 1,797 8×8 digits: a seeded
 * random 80/20 split (1,438 train, 359 test), counts scaled to [0, 1] by 1/16, plain SGD
 * lr 0.1, batch 32, 30 epochs, parameters starting at zero. The issue sets no target; the
 * example reports the test accuracy and writes parameters, history and curves to {@code --out}.
 */
public final class DigitsSoftmax {

    /** The setup used for the recorded figures. */
    public static final Recipe RECIPE = new Recipe(30, 32, 0.1, 7, 0);
    /** The seed of the train/test split. */
    public static final long SPLIT_SEED = 1;

    private DigitsSoftmax() {
    }

    /** The split, features scaled to [0, 1]. */
    public static Dataset.Split load(Path dataDir) throws IOException {
        Dataset all = Normalizer.scale(1.0 / 16).apply(Csv.read(dataDir.resolve("digits8x8.csv.gz")));
        return all.split(0.8, SPLIT_SEED);
    }

    /** Runs the example; see {@link Options} for the arguments. */
    public static void main(String[] args) throws IOException {
        Options options = Options.parseOrExit("digits", args).withoutInit("digits");
        Recipe recipe = options.apply(RECIPE);
        Dataset.Split split = load(options.data());
        System.out.println("Softmax regression on the 8x8 digits (" + split.train().size() + " train, "
                + split.test().size() + " test), " + recipe.describe());
        long t0 = System.nanoTime();
        Model model = Classifier.compile("digits_softmax.flx", options.precisionOrDefault());
        double compile = (System.nanoTime() - t0) * 1e-9;
        Initializers.initialize(model, recipe.initSeed());
        long t1 = System.nanoTime();
        History history = Classifier.train(model, recipe, split.train(), split.test(), Classifier.progress(options));
        double train = (System.nanoTime() - t1) * 1e-9;
        List<Path> files = RunOutputs.write(model, history, "Softmax regression, 8x8 digits", options.out());
        Report.print("digits", history, Double.NaN, compile, train, files);
    }
}
