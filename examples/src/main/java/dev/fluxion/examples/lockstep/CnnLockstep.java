package dev.fluxion.examples.lockstep;

import dev.fluxion.examples.Classifier;
import dev.fluxion.examples.MnistCnn;
import dev.fluxion.examples.Options;
import dev.fluxion.examples.Recipe;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.LabelEncoding;
import dev.fluxion.runtime.data.Minibatches;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.train.EpochMetrics;
import dev.fluxion.runtime.train.History;
import dev.fluxion.runtime.train.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Exports what a step-by-step comparison of {@code MnistCnn} with PyTorch needs, then trains
 * exactly as the example does and records every step's loss. With
 * {@code examples/tools/cnn_lockstep.py} on the other side, both systems start from the same
 * weights and see the same minibatches in the same order, in float64, so their trajectories
 * must agree to rounding unless the two compute different things.
 *
 * <p>Writes to {@code --out} (default {@code examples/target/runs/lockstep}), as {@code .npy}:
 * {@code init_NAME} (each parameter before training, in Fluxion's layout), {@code order}
 * ([epochs, 8000] training-example indices in the order the runtime's {@link Minibatches}
 * visits them), {@code grad1_NAME} and {@code logits1} (gradient and logits on the first
 * minibatch at the initial weights), {@code losses} (every step's loss) and {@code accuracy}
 * (test accuracy after each epoch). Options as for the examples; {@code --epochs} defaults to 1.
 */
public final class CnnLockstep {

    /** The steps whose losses are printed (1-based), when the run has them. */
    static final int[] REPORTED_STEPS = {1, 2, 5, 10, 50, 100, 250, 500, 750, 1000, 1250};

    private CnnLockstep() {
    }

    /** Runs the export and the training; see the class comment. */
    public static void main(String[] args) throws IOException {
        Options options = Options.parseOrExit("lockstep", args).withoutPrecision("lockstep");
        Recipe recipe = options.apply(MnistCnn.RECIPE.withEpochs(1));
        boolean torch = !"declared".equals(options.init());
        Path out = options.out();
        Dataset.Split split = MnistCnn.images(options.data());
        System.out.println("lockstep export: " + recipe.describe() + ", init " + (torch ? "torch" : "declared")
                + " -> " + out);

        Model model = MnistCnn.model(recipe.initSeed(), torch);
        String[] names = model.parameterNames();
        int[][] shapes = model.parameterShapes();
        for (int i = 0; i < names.length; i++) {
            Npy.write(out.resolve("init_" + names[i] + ".npy"), model.parameters()[i].clone(), shapes[i]);
        }
        writeOrder(out.resolve("order.npy"), split.train().size(), recipe);
        writeFirstStep(out, recipe, split.train(), torch);

        History history = Classifier.train(model, recipe, split.train(), split.test(), Progress.epochsOnly(System.out));
        double[] losses = history.stepLosses();
        Npy.write(out.resolve("losses.npy"), losses, losses.length);
        List<EpochMetrics> epochs = history.epochs();
        double[] accuracy = epochs.stream().mapToDouble(EpochMetrics::testAccuracy).toArray();
        Npy.write(out.resolve("accuracy.npy"), accuracy, accuracy.length);
        for (int s : REPORTED_STEPS) {
            if (s <= losses.length) {
                System.out.printf(Locale.ROOT, "fluxion step %5d loss %.15f%n", s, losses[s - 1]);
            }
        }
        for (EpochMetrics m : epochs) {
            System.out.printf(Locale.ROOT, "fluxion epoch %d test accuracy %.4f%n", m.epoch(), m.testAccuracy());
        }
    }

    /**
     * The runtime's own minibatch order, read back through a data set whose only feature is
     * each example's index: the same {@link Minibatches} class, size, batch size and seed as
     * the trainer, so the order cannot drift from the one training uses.
     */
    private static void writeOrder(Path file, int n, Recipe recipe) throws IOException {
        double[] index = new double[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        Dataset indices = Dataset.of(index, new int[n], new int[] {1}, 1);
        Minibatches batches = Minibatches.shuffled(indices, recipe.batchSize(), LabelEncoding.INDEX, recipe.shuffleSeed());
        long[] order = new long[recipe.epochs() * n];
        int k = 0;
        for (int e = 0; e < recipe.epochs(); e++) {
            batches.startEpoch(e);
            while (batches.next()) {
                double[] f = batches.features();
                for (int j = 0; j < batches.size(); j++) {
                    order[k++] = (long) f[j];
                }
            }
        }
        Npy.write(file, order, recipe.epochs(), n);
    }

    /** Loss, gradients and logits of a fresh, identically initialized model on the first minibatch. */
    private static void writeFirstStep(Path out, Recipe recipe, Dataset train, boolean torch) throws IOException {
        Model probe = MnistCnn.model(recipe.initSeed(), torch);
        Minibatches batches = Minibatches.shuffled(train, recipe.batchSize(), LabelEncoding.INDEX, recipe.shuffleSeed());
        batches.next();
        List<String> inputNames = Arrays.asList(probe.inputNames());
        double[][] inputs = new double[2][];
        inputs[inputNames.indexOf("x")] = batches.features();
        inputs[inputNames.indexOf("y")] = batches.labels();
        int b = batches.size();
        double loss = probe.lossAndGradient(inputs, b);
        String[] names = probe.parameterNames();
        int[][] shapes = probe.parameterShapes();
        for (int i = 0; i < names.length; i++) {
            Npy.write(out.resolve("grad1_" + names[i] + ".npy"), probe.gradients()[i].clone(), shapes[i]);
        }
        double[] logits = probe.evaluate("logits", inputs, b);
        Npy.write(out.resolve("logits1.npy"), logits, b, logits.length / b);
        Npy.write(out.resolve("loss1.npy"), new double[] {loss}, 1);
    }
}
