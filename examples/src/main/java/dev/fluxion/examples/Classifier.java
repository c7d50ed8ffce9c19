package dev.fluxion.examples;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.optim.Sgd;
import dev.fluxion.runtime.tensor.Precision;
import dev.fluxion.runtime.train.History;
import dev.fluxion.runtime.train.Progress;
import dev.fluxion.runtime.train.Trainer;
import dev.fluxion.runtime.train.TrainingConfig;

/**
 * What the three classifier examples share: compile a program of the language into a model,
 * and train it with the runtime's {@link Trainer} by a {@link Recipe}. The model's output
 * {@code logits} gives the test accuracy after every epoch.
 */
public final class Classifier {

    private Classifier() {
    }

    /** A fresh model (parameters at zero) from the program resource {@code name}, its matrix products in {@code precision}. */
    public static Model compile(String name, Precision precision) {
        return Fluxion.create().compileModel(Programs.read(name),
                dev.fluxion.compiler.Options.defaults().withMatmulPrecision(precision)).newModel();
    }

    /** Trains the already initialized {@code model} in place; {@code test} is evaluated after every epoch. */
    public static History train(Model model, Recipe recipe, Dataset train, Dataset test, Progress progress) {
        TrainingConfig config = TrainingConfig.of(recipe.epochs(), recipe.batchSize())
                .withSeed(recipe.shuffleSeed()).withEvalBatchSize(500).withLogits("logits");
        return new Trainer(config, progress).fit(model, Sgd.of(recipe.learningRate()), train, test);
    }

    /**
     * The display the options ask for, on standard output: the line redrawn in place only on
     * a terminal; into a pipe or a log (no console), one line per epoch and no carriage returns.
     */
    public static Progress progress(Options options) {
        return options.quiet() || System.console() == null ? Progress.epochsOnly(System.out) : Progress.live(System.out);
    }
}
