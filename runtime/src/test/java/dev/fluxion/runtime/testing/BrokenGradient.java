package dev.fluxion.runtime.testing;

import dev.fluxion.runtime.model.Model;

/** Wraps a model and adds {@code delta} to one coordinate of one gradient: a deliberately wrong gradient. */
public final class BrokenGradient implements Model {

    private final Model inner;
    private final int parameter;
    private final int index;
    private final double delta;

    public BrokenGradient(Model inner, int parameter, int index, double delta) {
        this.inner = inner;
        this.parameter = parameter;
        this.index = index;
        this.delta = delta;
    }

    @Override public String name() { return "broken_" + inner.name(); }
    @Override public String[] parameterNames() { return inner.parameterNames(); }
    @Override public int[][] parameterShapes() { return inner.parameterShapes(); }
    @Override public String[] parameterInitializers() { return inner.parameterInitializers(); }
    @Override public double[][] parameters() { return inner.parameters(); }
    @Override public double[][] gradients() { return inner.gradients(); }
    @Override public String[] inputNames() { return inner.inputNames(); }
    @Override public int[][] inputShapes() { return inner.inputShapes(); }
    @Override public double loss(double[][] inputs, int batch) { return inner.loss(inputs, batch); }
    @Override public String[] outputNames() { return inner.outputNames(); }

    @Override
    public double[] evaluate(String output, double[][] inputs, int batch) {
        return inner.evaluate(output, inputs, batch);
    }

    @Override
    public double lossAndGradient(double[][] inputs, int batch) {
        double loss = inner.lossAndGradient(inputs, batch);
        inner.gradients()[parameter][index] += delta;
        return loss;
    }
}
