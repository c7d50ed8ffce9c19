package dev.fluxion.runtime.train;

import dev.fluxion.runtime.check.ModelContract;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.Minibatches;
import dev.fluxion.runtime.data.OneHot;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.optim.Optimizer;
import dev.fluxion.runtime.optim.OptimizerSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The training loop: for each epoch, shuffled minibatches, each a training step
 * ({@link Optimizer#step(Model, double[][], int)}: the loss and gradient, then the update;
 * for plain SGD the model fuses them, {@link Model#sgdStep}); after each epoch, the test
 * loss and accuracy; a {@link History} at the end.
 *
 * <p>The loop allocates nothing per step: minibatch buffers, the input array handed to
 * the model and the step-loss record are made before the first epoch, the optimizer's
 * state when it is bound, and the model owns its buffers. (Evaluation reads logits with
 * {@link Model#evaluate}, which returns a copy per batch; it runs once per epoch.)
 *
 * <p>Before the first step the model is checked against the {@link Model} contract
 * ({@link ModelContract}) and the data against its inputs ({@link InputLayout}).
 *
 * <p>The loss is taken to be a mean over the batch, as {@code mean(cross_entropy(..))}
 * is, so epoch losses are batch means weighted by batch size. A non-finite loss stops the
 * run with the epoch and step where it appeared (after that step's update), since every
 * later step would be meaningless.
 */
public final class Trainer {

    private final TrainingConfig config;
    private final Progress progress;

    /**
     * A trainer for one configuration; it holds no model state, so it can train several
     * models one after another.
     *
     * @param config epochs, batch size, seed and the inputs to use
     * @param progress where progress is reported
     */
    public Trainer(TrainingConfig config, Progress progress) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.progress = java.util.Objects.requireNonNull(progress, "progress");
    }

    /**
     * Trains {@code model} in place with a fresh optimizer from {@code optimizer}.
     *
     * @param model the model, initialized
     * @param optimizer the optimizer's description
     * @param train the training set
     * @param test the test set evaluated after every epoch, or null
     * @return per-epoch metrics and every step's loss
     */
    public History fit(Model model, OptimizerSpec optimizer, Dataset train, Dataset test) {
        return fit(model, optimizer.bind(model), train, test);
    }

    /**
     * Trains {@code model} in place with {@code optimizer}, which must be bound to the
     * model's buffers; {@code test} may be null (no test metrics).
     *
     * @param model the model, initialized
     * @param optimizer an optimizer bound to the model's buffers (its state carries over)
     * @param train the training set
     * @param test the test set, or null
     * @return per-epoch metrics and every step's loss
     * @throws IllegalArgumentException if the data do not fit the model's inputs (reported before the first step)
     * @throws IllegalStateException if the model breaks the {@link dev.fluxion.runtime.model.Model} contract, or
     *         the loss stops being finite
     */
    public History fit(Model model, Optimizer optimizer, Dataset train, Dataset test) {
        ModelContract.require(model);
        InputLayout layout = InputLayout.resolve(model, train, config);
        if (test != null) {
            InputLayout.resolve(model, test, config);
        }
        Minibatches batches = Minibatches.shuffled(train, config.batchSize(), layout.encoding(), config.seed());
        int stepsPerEpoch = batches.batchesPerEpoch();
        double[] stepLosses = new double[Math.multiplyExact(stepsPerEpoch, config.epochs())];
        double[][] inputs = new double[2][];
        List<EpochMetrics> epochs = new ArrayList<>();
        int step = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            batches.startEpoch(epoch);
            long start = System.nanoTime();
            double lossSum = 0;
            long seen = 0;
            int inEpoch = 0;
            double lr = optimizer.learningRate();
            while (batches.next()) {
                int b = batches.size();
                inputs[layout.features()] = batches.features();
                inputs[layout.labels()] = batches.labels();
                lr = optimizer.learningRate();
                double loss = optimizer.step(model, inputs, b);
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("loss became " + loss + " at epoch " + (epoch + 1) + ", step "
                            + (inEpoch + 1) + " (learning rate " + lr + ")");
                }
                stepLosses[step++] = loss;
                lossSum += loss * b;
                seen += b;
                inEpoch++;
                double elapsed = (System.nanoTime() - start) * 1e-9;
                progress.step(epoch + 1, config.epochs(), inEpoch, stepsPerEpoch, lossSum / seen,
                        elapsed > 0 ? seen / elapsed : 0);
            }
            double seconds = (System.nanoTime() - start) * 1e-9;
            Evaluation eval = test == null ? new Evaluation(Double.NaN, Double.NaN, 0) : evaluate(model, test, layout);
            EpochMetrics m = new EpochMetrics(epoch + 1, optimizer.steps(), lossSum / seen, eval.loss(),
                    eval.accuracy(), lr, seconds, seconds > 0 ? seen / seconds : 0);
            epochs.add(m);
            progress.epochEnd(m, config.epochs(), stepsPerEpoch);
        }
        return new History(epochs, stepLosses, stepsPerEpoch);
    }

    /**
     * Fresh model inputs holding the first {@code n} examples of {@code data}, in the
     * layout {@link #fit} uses: for a {@link dev.fluxion.runtime.check.GradientCheck} on
     * real data, or to read a model's outputs.
     *
     * @param model the model whose inputs are filled
     * @param data the examples
     * @param n how many, from the first
     * @return one buffer per model input
     * @throws IllegalArgumentException if {@code n} is not between 1 and the data set's size
     */
    public double[][] inputs(Model model, Dataset data, int n) {
        InputLayout layout = InputLayout.resolve(model, data, config);
        if (n <= 0 || n > data.size()) {
            throw new IllegalArgumentException("need 1 to " + data.size() + " examples, got " + n);
        }
        Minibatches batches = Minibatches.inOrder(data.head(n), n, layout.encoding());
        batches.next();
        double[][] inputs = new double[2][];
        inputs[layout.features()] = batches.features().clone();
        inputs[layout.labels()] = batches.labels().clone();
        return inputs;
    }

    /**
     * The mean loss and the accuracy of {@code model} on {@code data}, in order, without
     * training.
     *
     * @param model the model
     * @param data the examples
     * @return the loss and the accuracy
     */
    public Evaluation evaluate(Model model, Dataset data) {
        return evaluate(model, data, InputLayout.resolve(model, data, config));
    }

    private Evaluation evaluate(Model model, Dataset data, InputLayout layout) {
        Minibatches batches = Minibatches.inOrder(data, config.evalBatchSize(), layout.encoding());
        double[][] inputs = new double[2][];
        double lossSum = 0;
        long correct = 0;
        int[] labels = new int[batches.batchSize()];
        while (batches.next()) {
            int b = batches.size();
            inputs[layout.features()] = batches.features();
            inputs[layout.labels()] = batches.labels();
            lossSum += model.loss(inputs, b) * b;
            if (layout.logits() != null) {
                double[] logits = model.evaluate(layout.logits(), inputs, b);
                // One row of class scores per example; a model may score more classes than the data uses.
                if (logits.length % b != 0 || logits.length / b < data.classCount()) {
                    throw new IllegalStateException("output '" + layout.logits() + "' has " + logits.length
                            + " values for a batch of " + b + "; expected " + b + " rows of at least "
                            + data.classCount() + " class scores");
                }
                int classes = logits.length / b;
                for (int k = 0; k < b; k++) {
                    labels[k] = batches.label(k);
                }
                correct += OneHot.countCorrect(logits, b, classes, labels, 0);
            }
        }
        int n = data.size();
        return new Evaluation(lossSum / n, layout.logits() == null ? Double.NaN : (double) correct / n, n);
    }
}
