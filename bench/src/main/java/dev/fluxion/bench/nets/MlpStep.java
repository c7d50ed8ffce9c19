package dev.fluxion.bench.nets;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.check.GradientCheck;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.Idx;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.optim.Optimizer;
import dev.fluxion.runtime.optim.Sgd;
import dev.fluxion.runtime.tensor.Precision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One MLP 784-128-10 training step, the work {@code shared/peers/mnist_peers.py} times in
 * JAX and PyTorch: forward, backward and a plain SGD update (lr 0.1) on the first
 * {@code batch} MNIST training images, grey levels scaled to [0, 1]. Like the peers, it
 * steps repeatedly on the same batch, so the parameters keep moving during timing.
 *
 * <p>The model is the text compiled by {@link Fluxion#compileModel}; its
 * parameters are filled by the runtime's seeded initializers and updated by the
 * runtime's {@link Sgd}, the path a training program takes: plain SGD lets the generated
 * step update W1 and W2 inside the products that compute their gradients.
 */
public final class MlpStep {

    /** The model of issue 3, as written there. */
    public static final String PROGRAM = """
            model mlp {
              input  x[B, 784]          # B: batch size, bound when called
              label  y[B] of 10         # integer class labels
              param  W1[784, 128] init he_uniform
              param  b1[128]      init zeros
              param  W2[128, 10]  init he_uniform
              param  b2[10]       init zeros
              h    = relu(x @ W1 + b1)  # broadcasting add
              s    = h @ W2 + b2
              loss = mean(cross_entropy(s, y))
            }
            """;

    /** The peers' learning rate. */
    public static final double LEARNING_RATE = 0.1;

    private final Model model;
    private final Optimizer optimizer;
    private final double[][] inputs;
    private final int batch;

    private MlpStep(Model model, double[][] inputs, int batch) {
        this.model = model;
        this.optimizer = Sgd.of(LEARNING_RATE).bind(model.parameters(), model.gradients());
        this.inputs = inputs;
        this.batch = batch;
    }

    /** A freshly compiled and initialized (seed 0) model on the first {@code batch} images of {@code mnistDir}. */
    public static MlpStep create(Path mnistDir, int batch) {
        return create(mnistDir, batch, Precision.FLOAT64);
    }

    /** The same with the model's matrix products in {@code precision}. */
    public static MlpStep create(Path mnistDir, int batch, Precision precision) {
        Model model = Fluxion.create().compileModel(PROGRAM, Options.defaults().withMatmulPrecision(precision)).newModel();
        Initializers.initialize(model, 0);
        return new MlpStep(model, firstImages(mnistDir, batch), batch);
    }

    /** The same at the default data location (see {@link Locations}). */
    public static MlpStep create(int batch) {
        return create(Locations.mnistDirectory(), batch);
    }

    /** The same in {@code precision}. */
    public static MlpStep create(int batch, Precision precision) {
        return create(Locations.mnistDirectory(), batch, precision);
    }

    /**
     * One training step, as the runtime's {@link dev.fluxion.runtime.train.Trainer} takes it
     * ({@link Optimizer#step(Model, double[][], int)}: for plain SGD, the model's fused
     * {@link Model#sgdStep}); returns the loss before the update.
     */
    public double step() {
        return optimizer.step(model, inputs, batch);
    }

    /**
     * The largest difference between {@code other}'s gradient and this model's, both at this
     * model's parameters and batch, relative to this gradient's largest entry (see
     * {@link GradientCheck#relativeDifference}). Copies the parameters into {@code other}.
     */
    public double gradientDifference(MlpStep other) {
        return GradientCheck.relativeDifference(other.model, model, inputs, batch);
    }

    /** The loss at the current parameters, without a step. */
    public double loss() {
        return model.loss(inputs, batch);
    }

    public Model model() {
        return model;
    }

    public double[][] inputs() {
        return inputs;
    }

    public int batch() {
        return batch;
    }

    /** Inputs {x, y} of the model: the first {@code batch} images (scaled by 1/255) and their labels. */
    static double[][] firstImages(Path mnistDir, int batch) {
        Dataset all;
        try {
            all = Idx.dataset(mnistDir.resolve("mnist10k-images-idx3-ubyte.gz"),
                    mnistDir.resolve("mnist10k-labels-idx1-ubyte.gz"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MNIST from " + mnistDir, e);
        }
        if (batch < 1 || batch > all.size()) {
            throw new IllegalArgumentException("batch must be in [1, " + all.size() + "], got " + batch);
        }
        Dataset head = all.head(batch);
        double[] x = head.features();
        for (int i = 0; i < x.length; i++) {
            x[i] /= 255.0;
        }
        int[] labels = head.labels();
        double[] y = new double[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = labels[i];
        }
        return new double[][] {x, y};
    }
}
