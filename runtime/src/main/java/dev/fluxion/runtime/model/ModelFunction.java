package dev.fluxion.runtime.model;

import dev.fluxion.runtime.Checks;
import dev.fluxion.runtime.Names;
import dev.fluxion.runtime.DifferentiableFunction;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A model's class seen as a {@link DifferentiableFunction} of its parameters: what a {@code fn}
 * that uses tensor ops compiles to ({@code fn g(W[2, 2], v[2]) { return sum(W @ v) }}). The
 * function's array parameters are the model's parameters, flattened one after another in
 * declaration order, each row-major, so x is the function's inputs in the order its labels give
 * ({@code W[0, 0], W[0, 1], ..., v[1]}); its data parameters are the model's inputs, bound with
 * {@link #withData} and never differentiated; its one output is the model's loss.
 *
 * <p>The value is {@link Model#loss}, the gradient {@link Model#lossAndGradient}, a JVP
 * {@link Model#jvp} and a Hessian-vector product {@link Model#hessianVector} (the model compiled
 * with the JVP or HESSIAN capability). A Jacobian (one row) is the gradient in reverse mode and
 * m JVPs in forward mode, the Hessian m Hessian-vector products.
 *
 * <p>Thread safety: a model instance owns buffers, so each thread computes with its own instance,
 * made by the factory on its first call; the data arrays are kept without copying, as the
 * generated functions keep theirs. Nothing else is mutable, so one object may be shared.
 */
public final class ModelFunction implements DifferentiableFunction {

    private final Supplier<Model> factory;
    private final ThreadLocal<Model> models;
    private final Set<Capability> capabilities;
    private final String[] inputNames;
    private final int[][] shapes;
    private final String[] dataNames;
    private final int[] dataSizes;
    private final int m;
    /** The bound data, one array per data parameter; null: none bound. */
    private final double[][] data;

    private ModelFunction(Supplier<Model> factory, ThreadLocal<Model> models, Set<Capability> capabilities,
                          double[][] data) {
        this.factory = factory;
        this.models = models;
        this.capabilities = capabilities;
        this.data = data;
        Model sample = models.get();
        this.shapes = sample.parameterShapes();
        this.inputNames = labels(sample.parameterNames(), shapes);
        this.m = inputNames.length;
        this.dataNames = sample.inputNames();
        int[][] in = sample.inputShapes();
        this.dataSizes = new int[in.length];
        for (int k = 0; k < in.length; k++) {
            dataSizes[k] = (int) size(in[k]);
        }
    }

    /**
     * The model made by {@code factory} as a function of its parameters.
     *
     * @param factory      makes a new instance of the generated model class (one per thread)
     * @param capabilities what the class was generated with: JVP or HESSIAN when it has
     *                     {@code jvp} and {@code hessianVector}
     * @return the function, its data not yet bound
     */
    public static ModelFunction of(Supplier<Model> factory, Set<Capability> capabilities) {
        Set<Capability> caps = EnumSet.of(Capability.VALUE, Capability.GRADIENT);
        if (capabilities.contains(Capability.JVP) || capabilities.contains(Capability.HESSIAN)
                || capabilities.contains(Capability.JACOBIAN)) {
            caps.add(Capability.JVP);
            caps.add(Capability.JACOBIAN);
        }
        if (capabilities.contains(Capability.HESSIAN)) {
            caps.add(Capability.HESSIAN);
        }
        return new ModelFunction(factory, ThreadLocal.withInitial(factory), java.util.Collections.unmodifiableSet(caps),
                null);
    }

    /**
     * The element labels of parameters with these names and shapes: {@code b} for a scalar,
     * {@code W[0, 1]} for an element of an array, row-major.
     */
    static String[] labels(String[] names, int[][] shapes) {
        long total = 0;
        for (int[] s : shapes) {
            total += size(s);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the parameters have " + total + " elements, more than one array holds");
        }
        String[] out = new String[(int) total];
        int at = 0;
        for (int k = 0; k < names.length; k++) {
            int[] s = shapes[k];
            long n = size(s);
            for (int i = 0; i < n; i++) {
                out[at++] = s.length == 0 ? names[k] : Names.element(names[k], s, i);
            }
        }
        return out;
    }

    private static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public int inputCount() {
        return m;
    }

    @Override
    public int outputCount() {
        return 1;
    }

    @Override
    public String[] inputNames() {
        return inputNames.clone();
    }

    @Override
    public String[] outputNames() {
        return new String[] {"y"};
    }

    @Override
    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    @Override
    public int dataCount() {
        return dataNames.length;
    }

    @Override
    public String[] dataNames() {
        return dataNames.clone();
    }

    @Override
    public int[] dataSizes() {
        return dataSizes.clone();
    }

    @Override
    public DifferentiableFunction withData(double[]... data) {
        Checks.data(data, dataNames, dataSizes);
        return new ModelFunction(factory, models, capabilities, data.clone());
    }

    @Override
    public void value(double[] x, double[] y) {
        Checks.length(y, 1, "y");
        y[0] = at(x).loss(inputs(), 1);
    }

    @Override
    public double gradient(double[] x, double[] grad) {
        Checks.length(grad, m, "grad");
        Model model = at(x);
        double loss = model.lossAndGradient(inputs(), 1);
        flatten(model.gradients(), grad, 1);
        return loss;
    }

    @Override
    public void vjp(double[] x, double[] ybar, double[] y, double[] xbar) {
        Checks.length(ybar, 1, "ybar");
        Checks.length(y, 1, "y");
        Checks.length(xbar, m, "xbar");
        Model model = at(x);
        y[0] = model.lossAndGradient(inputs(), 1);
        flatten(model.gradients(), xbar, ybar[0]);
    }

    @Override
    public void jvp(double[] x, double[] xdot, double[] y, double[] ydot) {
        require(Capability.JVP, "jvp");
        Checks.length(xdot, m, "xdot");
        Checks.length(y, 1, "y");
        Checks.length(ydot, 1, "ydot");
        Model model = at(x);
        y[0] = model.loss(inputs(), 1);
        ydot[0] = model.jvp(inputs(), 1, split(xdot, 0));
    }

    @Override
    public void jvpMany(double[] x, double[] xdots, int k, double[] y, double[] ydots) {
        require(Capability.JVP, "jvpMany");
        Checks.count(k, "k");
        Checks.length(xdots, k * m, "xdots");
        Checks.length(y, 1, "y");
        Checks.length(ydots, k, "ydots");
        Model model = at(x);
        y[0] = model.loss(inputs(), 1);
        for (int d = 0; d < k; d++) {
            ydots[d] = model.jvp(inputs(), 1, split(xdots, d * m));
        }
    }

    @Override
    public void jacobianForward(double[] x, double[] y, double[] jacobian) {
        require(Capability.JVP, "jacobianForward");
        Checks.length(y, 1, "y");
        Checks.length(jacobian, m, "jacobian");
        Model model = at(x);
        y[0] = model.loss(inputs(), 1);
        double[][] e = split(new double[m], 0);
        int column = 0;
        for (double[] part : e) {
            for (int i = 0; i < part.length; i++, column++) {
                part[i] = 1;
                jacobian[column] = model.jvp(inputs(), 1, e);
                part[i] = 0;
            }
        }
    }

    @Override
    public void jacobianReverse(double[] x, double[] y, double[] jacobian) {
        Checks.length(y, 1, "y");
        y[0] = gradient(x, jacobian);
    }

    @Override
    public double hessianVector(double[] x, double[] v, double[] hv) {
        require(Capability.HESSIAN, "hessianVector");
        Checks.length(v, m, "v");
        Checks.length(hv, m, "hv");
        Model model = at(x);
        double loss = model.loss(inputs(), 1);
        flatten(model.hessianVector(inputs(), 1, split(v, 0)), hv, 1);
        return loss;
    }

    @Override
    public double hessian(double[] x, double[] hessian) {
        require(Capability.HESSIAN, "hessian");
        Checks.length(hessian, m * m, "hessian");
        Model model = at(x);
        double loss = model.loss(inputs(), 1);
        double[][] e = split(new double[m], 0);
        double[] column = new double[m];
        int k = 0;
        for (double[] part : e) {
            for (int j = 0; j < part.length; j++, k++) {
                part[j] = 1;
                flatten(model.hessianVector(inputs(), 1, e), column, 1);
                part[j] = 0;
                for (int i = 0; i < m; i++) {
                    hessian[i * m + k] = column[i];
                }
            }
        }
        return loss;
    }

    /** This thread's model with its parameters set to {@code x}. */
    private Model at(double[] x) {
        Checks.length(x, m, "x");
        Model model = models.get();
        double[][] params = model.parameters();
        int at = 0;
        for (double[] p : params) {
            System.arraycopy(x, at, p, 0, p.length);
            at += p.length;
        }
        return model;
    }

    private double[][] inputs() {
        if (data == null && dataNames.length > 0) {
            throw new IllegalStateException("the function has data parameters " + String.join(", ", dataNames)
                    + ": bind them first with withData(...)");
        }
        return data == null ? new double[0][] : data;
    }

    /** {@code m} values of {@code flat} from {@code from}, as one array per parameter. */
    private double[][] split(double[] flat, int from) {
        double[][] out = new double[shapes.length][];
        int at = from;
        for (int k = 0; k < shapes.length; k++) {
            out[k] = new double[(int) size(shapes[k])];
            System.arraycopy(flat, at, out[k], 0, out[k].length);
            at += out[k].length;
        }
        return out;
    }

    /** {@code scale} times the per-parameter arrays {@code parts}, one after another, into {@code into}. */
    private static void flatten(double[][] parts, double[] into, double scale) {
        int at = 0;
        for (double[] p : parts) {
            for (int i = 0; i < p.length; i++) {
                into[at++] = scale * p[i];
            }
        }
    }

    private void require(Capability c, String method) {
        if (!capabilities.contains(c)) {
            throw new UnsupportedOperationException(method + " needs a model class generated with the "
                    + (c == Capability.HESSIAN ? "HESSIAN" : "JVP or HESSIAN") + " capability");
        }
    }
}
