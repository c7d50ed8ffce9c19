package dev.fluxion.runtime.testing;

import dev.fluxion.runtime.model.Model;

/**
 * A hand-written two-layer {@link Model}: h = relu(x·W1 + b1), logits = h·W2 + b2,
 * loss = mean softmax cross-entropy, with its gradient by hand (reverse mode).
 * Intermediate buffers are allocated once per largest batch size seen.
 */
public final class TinyMlp implements Model {

    private final int in;
    private final int hidden;
    private final int classes;
    private final double[] w1;
    private final double[] b1;
    private final double[] w2;
    private final double[] b2;
    private final double[] gw1;
    private final double[] gb1;
    private final double[] gw2;
    private final double[] gb2;
    private double[] h = new double[0];
    private double[] z = new double[0];
    private double[] gz = new double[0];
    private double[] gh = new double[0];

    public TinyMlp(int in, int hidden, int classes) {
        this.in = in;
        this.hidden = hidden;
        this.classes = classes;
        w1 = new double[in * hidden];
        b1 = new double[hidden];
        w2 = new double[hidden * classes];
        b2 = new double[classes];
        gw1 = new double[w1.length];
        gb1 = new double[hidden];
        gw2 = new double[w2.length];
        gb2 = new double[classes];
    }

    @Override
    public String name() {
        return "tiny_mlp";
    }

    @Override
    public String[] parameterNames() {
        return new String[] {"W1", "b1", "W2", "b2"};
    }

    @Override
    public int[][] parameterShapes() {
        return new int[][] {{in, hidden}, {hidden}, {hidden, classes}, {classes}};
    }

    @Override
    public String[] parameterInitializers() {
        return new String[] {"he_uniform", "zeros", "he_uniform", "zeros"};
    }

    @Override
    public double[][] parameters() {
        return new double[][] {w1, b1, w2, b2};
    }

    @Override
    public double[][] gradients() {
        return new double[][] {gw1, gb1, gw2, gb2};
    }

    @Override
    public String[] inputNames() {
        return new String[] {"x", "y"};
    }

    @Override
    public int[][] inputShapes() {
        return new int[][] {{-1, in}, {-1}};
    }

    @Override
    public double loss(double[][] inputs, int batch) {
        forward(inputs[0], batch);
        return Dense.crossEntropy(z, inputs[1], batch, classes, null);
    }

    @Override
    public double lossAndGradient(double[][] inputs, int batch) {
        double[] x = inputs[0];
        forward(x, batch);
        double loss = Dense.crossEntropy(z, inputs[1], batch, classes, gz);
        Dense.backwardParams(h, batch, hidden, gz, classes, gw2, gb2);
        Dense.backwardInput(gz, batch, classes, w2, hidden, gh);
        for (int k = 0; k < batch * hidden; k++) {
            if (h[k] <= 0) {
                gh[k] = 0;
            }
        }
        Dense.backwardParams(x, batch, in, gh, hidden, gw1, gb1);
        return loss;
    }

    @Override
    public String[] outputNames() {
        return new String[] {"h", "logits"};
    }

    @Override
    public double[] evaluate(String output, double[][] inputs, int batch) {
        forward(inputs[0], batch);
        return switch (output) {
            case "h" -> java.util.Arrays.copyOf(h, batch * hidden);
            case "logits" -> java.util.Arrays.copyOf(z, batch * classes);
            default -> throw new IllegalArgumentException("no output " + output);
        };
    }

    private void forward(double[] x, int batch) {
        if (z.length < batch * classes) {
            h = new double[batch * hidden];
            gh = new double[batch * hidden];
            z = new double[batch * classes];
            gz = new double[batch * classes];
        }
        Dense.forward(x, batch, in, w1, b1, hidden, h);
        for (int k = 0; k < batch * hidden; k++) {
            if (h[k] < 0) {
                h[k] = 0;
            }
        }
        Dense.forward(h, batch, hidden, w2, b2, classes, z);
    }
}
