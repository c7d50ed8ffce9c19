package dev.fluxion.runtime.testing;

import dev.fluxion.runtime.model.Model;

/**
 * A hand-written {@link Model}: logits = x·W + b, loss = mean softmax cross-entropy on
 * integer labels. Its gradient is the textbook one, (p − t)/B through a linear layer.
 */
public class SoftmaxRegression implements Model {

    private final int in;
    private final int classes;
    private final double[] w;
    private final double[] b;
    private final double[] gw;
    private final double[] gb;
    private double[] logits = new double[0];
    private double[] gLogits = new double[0];

    public SoftmaxRegression(int in, int classes) {
        this.in = in;
        this.classes = classes;
        this.w = new double[in * classes];
        this.b = new double[classes];
        this.gw = new double[w.length];
        this.gb = new double[classes];
    }

    @Override
    public String name() {
        return "softmax_regression";
    }

    @Override
    public String[] parameterNames() {
        return new String[] {"W", "b"};
    }

    @Override
    public int[][] parameterShapes() {
        return new int[][] {{in, classes}, {classes}};
    }

    @Override
    public String[] parameterInitializers() {
        return new String[] {"xavier_uniform", "zeros"};
    }

    @Override
    public double[][] parameters() {
        return new double[][] {w, b};
    }

    @Override
    public double[][] gradients() {
        return new double[][] {gw, gb};
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
        return Dense.crossEntropy(logits, inputs[1], batch, classes, null);
    }

    @Override
    public double lossAndGradient(double[][] inputs, int batch) {
        forward(inputs[0], batch);
        double loss = Dense.crossEntropy(logits, inputs[1], batch, classes, gLogits);
        Dense.backwardParams(inputs[0], batch, in, gLogits, classes, gw, gb);
        return loss;
    }

    @Override
    public String[] outputNames() {
        return new String[] {"logits"};
    }

    @Override
    public double[] evaluate(String output, double[][] inputs, int batch) {
        if (!"logits".equals(output)) {
            throw new IllegalArgumentException("no output " + output);
        }
        forward(inputs[0], batch);
        return java.util.Arrays.copyOf(logits, batch * classes);
    }

    private void forward(double[] x, int batch) {
        if (logits.length < batch * classes) {
            logits = new double[batch * classes];
            gLogits = new double[batch * classes];
        }
        Dense.forward(x, batch, in, w, b, classes, logits);
    }
}
