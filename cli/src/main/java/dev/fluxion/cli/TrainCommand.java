package dev.fluxion.cli;

import dev.fluxion.compiler.Compiled;
import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.Normalizer;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.optim.Adam;
import dev.fluxion.runtime.optim.OptimizerSpec;
import dev.fluxion.runtime.optim.Sgd;
import dev.fluxion.runtime.plot.TrainingPlot;
import dev.fluxion.runtime.train.EpochMetrics;
import dev.fluxion.runtime.train.History;
import dev.fluxion.runtime.train.Progress;
import dev.fluxion.runtime.train.Trainer;
import dev.fluxion.runtime.train.TrainingConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fluxion train}: compiles a {@code model} unit, initializes its parameters from
 * their declared initializers, and trains it with the runtime's {@link Trainer} on data
 * read by the runtime's loaders ({@link DataSource}); then writes the parameters
 * ({@link ParameterOutput}), the loss and accuracy curves ({@link TrainingPlot}) and the
 * per-epoch metrics as CSV, as asked. Everything is seeded by {@code --seed}: the same
 * command gives the same parameters.
 *
 * <p>The progress line is redrawn in place only on a terminal; into a pipe or a log each
 * epoch is one line, with no carriage returns.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model (model name { ... }) on a data set with the runtime's trainer: minibatch SGD or "
                + "Adam, the test loss and accuracy after every epoch, the parameters written at the end.",
                "DATA is FILE.csv[.gz] (label in the last column) or IMAGES,LABELS (two IDX files), optionally "
                        + "followed by [FROM:TO] to take examples FROM (inclusive) to TO (exclusive)."},
        footer = {"", "Example: fluxion train -f examples/src/main/fluxion/digits_softmax.flx"
                + " --train 'examples/data/digits8x8.csv.gz[:1500]' --test 'examples/data/digits8x8.csv.gz[1500:]'"
                + " --scale 0.0625 --epochs 20 --lr 0.5 --batch 32 --seed 1 -o digits.fxp --plot digits.png"})
public final class TrainCommand implements Callable<Integer> {

    /** The optimizers {@code --optimizer} names. */
    enum OptimizerName { SGD, ADAM }

    @Mixin
    SourceOptions program;

    @Option(names = "--train", required = true, paramLabel = "DATA", description = "The training set.")
    String train;

    @Option(names = "--test", paramLabel = "DATA", description = "The test set, evaluated after every epoch (optional).")
    String test;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Learning rate (default: 0.1 for sgd, 0.001 for adam).")
    Double learningRate;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "Examples per minibatch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd",
            description = "sgd (plain minibatch SGD) or adam (default: ${DEFAULT-VALUE}).")
    OptimizerName optimizer;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seeds the parameters' initialization and the minibatch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", paramLabel = "F",
            description = "Multiply every feature by F before training, e.g. 0.00392156862745098 (1/255) for pixels.")
    Double scale;

    @Option(names = "--standardize", description = "Standardize each feature with the training set's mean and deviation.")
    boolean standardize;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.fxp",
            description = "Write the trained parameters here; the format follows the extension: .fxp (Fluxion's own), "
                    + ".npz, .safetensors, or .npy for a model with one parameter.")
    Path output;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the loss and accuracy curves here.")
    Path plot;

    @Option(names = "--history", paramLabel = "FILE.csv", description = "Write the per-epoch metrics here as CSV.")
    Path history;

    @Spec
    CommandSpec spec;

    /** Whether the output is a terminal (redraw the progress line); tests replace it. */
    BooleanSupplier terminal = () -> System.console() != null;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (epochs < 1 || batch < 1) {
            throw new UserError("--epochs and --batch must be at least 1, got " + epochs + " and " + batch);
        }
        double lr = learningRate != null ? learningRate : optimizer == OptimizerName.SGD ? 0.1 : 1e-3;
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new UserError("--lr " + lr + ": expected a positive number");
        }
        if (scale != null && standardize) {
            throw new UserError("give either --scale or --standardize, not both");
        }
        if (scale != null && !Double.isFinite(scale)) {
            throw new UserError("--scale " + scale + ": expected a finite number");
        }
        // Every argument is checked before the (slower) compilation and training.
        ParameterOutput.Writer writer = output == null ? null : ParameterOutput.forFile("-o", output);
        DataSource trainSource = DataSource.parse("--train", train);
        DataSource testSource = test == null ? null : DataSource.parse("--test", test);
        String text = program.text();
        Model model = Fluxion.create().compileEntry(text, program.options(Options.defaults())).accept(
                new Compiled.Visitor<Model>() {
                    @Override
                    public Model function(CompiledFunction f) {
                        throw new UserError("train needs a model (model name { input ...; label ...; param ...; "
                                + "loss = ... }); " + program.sourceName() + " is a function");
                    }

                    @Override
                    public Model model(CompiledModel m) {
                        return m.newModel();
                    }
                });

        Dataset trainSet = trainSource.load("--train");
        Dataset testSet = testSource == null ? null : testSource.load("--test");
        Normalizer normalizer = scale != null ? Normalizer.scale(scale)
                : standardize ? Normalizer.standardizePerFeature(trainSet) : null;
        if (normalizer != null) {
            trainSet = normalizer.apply(trainSet);
            testSet = testSet == null ? null : normalizer.apply(testSet);
        }
        OptimizerSpec spec = optimizer == OptimizerName.SGD ? Sgd.of(lr) : Adam.of(lr);
        out.println("training model " + model.name() + " on " + describe(trainSet, trainSource)
                + (testSet == null ? "" : ", testing on " + describe(testSet, testSource)));
        out.println(spec.describe() + ", batch " + batch + ", " + epochs + " epoch" + (epochs == 1 ? "" : "s")
                + ", seed " + seed + (normalizer == null ? "" : ", features " + normalizer));
        out.flush();

        Initializers.initialize(model, seed);
        TrainingConfig config = TrainingConfig.of(epochs, batch).withSeed(seed).withEvalBatchSize(Math.max(batch, 500));
        PrintStream progressStream = WriterStream.of(out);
        Progress progress = terminal.getAsBoolean() ? Progress.live(progressStream) : Progress.epochsOnly(progressStream);
        History h;
        try {
            h = new Trainer(config, progress).fit(model, spec, trainSet, testSet);
        } catch (IllegalArgumentException e) {
            throw new UserError("the data do not fit model " + model.name() + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new UserError("training stopped: " + e.getMessage());
        } finally {
            progressStream.flush();
        }
        EpochMetrics last = h.last();
        if (testSet != null) {
            out.println(String.format(Locale.ROOT, "final test loss %.4f", last.testLoss())
                    + (Double.isNaN(last.testAccuracy()) ? ""
                    : String.format(Locale.ROOT, ", test accuracy %.2f%%", 100 * last.testAccuracy())));
        }
        if (writer != null) {
            writer.write(model, output);
            out.println("wrote " + output);
        }
        if (plot != null) {
            TrainingPlot.write(h, model.name(), plot, 1000, 400);
            out.println("wrote " + plot);
        }
        if (history != null) {
            Files.writeString(history, h.toCsv(), StandardCharsets.UTF_8);
            out.println("wrote " + history);
        }
        out.flush();
        return Main.OK;
    }

    private static String describe(Dataset d, DataSource source) {
        return d.size() + " examples of " + source.text();
    }
}
