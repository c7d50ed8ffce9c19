package dev.fluxion.compiler;

import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.List;

/**
 * A compiled function f: R^m -> R^n and its derivatives, with arrays and Java-friendly
 * shapes. Wraps the generated {@link DifferentiableFunction}.
 *
 * <p>Thread safety: every method may be called from several threads at once. The one
 * piece of mutable state is the set of classes compiled on first use: a call that needs a
 * capability the function was compiled without (the Hessian, by default) compiles a class
 * with it once, atomically, and later calls reuse it.
 *
 * <p>Numbers follow IEEE 754: ln of a negative number is NaN, 1/0 is Infinity, and NaN
 * propagates through value and derivatives. At the points where relu, abs, max and min
 * have no derivative, relu'(0) = 0, abs'(0) = 0 and ties go to the first argument.
 */
public final class CompiledFunction {

    private final Fluxion owner;
    private final String text;
    private final Compilation compilation;
    private final DifferentiableFunction f;
    /** Classes compiled later for capabilities {@code f} lacks, by capability. */
    private final java.util.concurrent.ConcurrentHashMap<Capability, DifferentiableFunction> variants =
            new java.util.concurrent.ConcurrentHashMap<>();

    CompiledFunction(Fluxion owner, String text, Compilation compilation, DifferentiableFunction f) {
        this.owner = owner;
        this.text = text;
        this.compilation = compilation;
        this.f = f;
    }

    /** Input names in order. */
    public List<String> inputs() {
        return compilation.primal().inputNames();
    }

    /** Output names in order. */
    public List<String> outputs() {
        return compilation.primal().outputNames();
    }

    public int inputCount() {
        return f.inputCount();
    }

    public int outputCount() {
        return f.outputCount();
    }

    /** The value of a function with one output. */
    public double value(double... x) {
        requireScalar("value");
        double[] y = new double[1];
        f.value(x, y);
        return y[0];
    }

    /** All outputs. */
    public double[] values(double... x) {
        double[] y = new double[f.outputCount()];
        f.value(x, y);
        return y;
    }

    /** The gradient of a function with one output, by reverse mode. */
    public double[] gradient(double... x) {
        return gradient(Mode.REVERSE, x);
    }

    /** The gradient by reverse mode (one adjoint sweep) or forward mode (one tangent sweep per input). */
    public double[] gradient(Mode mode, double... x) {
        requireScalar("gradient");
        double[] g = new double[f.inputCount()];
        if (mode == Mode.FORWARD) {
            with(Capability.JACOBIAN).jacobianForward(x, new double[1], g);
        } else {
            with(Capability.GRADIENT).gradient(x, g);
        }
        return g;
    }

    /** Forward mode: J(x) v. */
    public double[] jvp(double[] x, double[] v) {
        double[] y = new double[f.outputCount()];
        double[] ydot = new double[f.outputCount()];
        with(Capability.JVP).jvp(x, v, y, ydot);
        return ydot;
    }

    /** Forward mode, K directions at once (sharing one primal evaluation): row k is J(x) directions[k]. */
    public double[][] jvp(double[] x, double[][] directions) {
        int m = f.inputCount();
        int n = f.outputCount();
        int k = directions.length;
        double[] flat = new double[k * m];
        for (int d = 0; d < k; d++) {
            if (directions[d].length != m) {
                throw new IllegalArgumentException("direction " + d + " must have " + m + " elements, got "
                        + directions[d].length);
            }
            System.arraycopy(directions[d], 0, flat, d * m, m);
        }
        double[] out = new double[k * n];
        with(Capability.JVP).jvpMany(x, flat, k, new double[n], out);
        return rows(out, k, n);
    }

    /** Reverse mode: u^T J(x). */
    public double[] vjp(double[] x, double[] u) {
        double[] xbar = new double[f.inputCount()];
        with(Capability.GRADIENT).vjp(x, u, new double[f.outputCount()], xbar);
        return xbar;
    }

    /** The Jacobian (n rows of m), by the mode of the options (AUTO: chosen from the shape). */
    public double[][] jacobian(double... x) {
        return jacobian(compilation.options().jacobianMode(), x);
    }

    /** The Jacobian (n rows of m) by the given mode; AUTO picks forward when m < n, else reverse. */
    public double[][] jacobian(Mode mode, double... x) {
        int m = f.inputCount();
        int n = f.outputCount();
        Mode resolved = mode == Mode.AUTO ? Mode.forShape(m, n) : mode;
        double[] jac = new double[n * m];
        if (resolved == Mode.FORWARD) {
            with(Capability.JACOBIAN).jacobianForward(x, new double[n], jac);
        } else {
            with(Capability.JACOBIAN).jacobianReverse(x, new double[n], jac);
        }
        return rows(jac, n, m);
    }

    /** The Hessian of a function with one output (forward over reverse). */
    public double[][] hessian(double... x) {
        requireScalar("hessian");
        int m = f.inputCount();
        double[] h = new double[m * m];
        with(Capability.HESSIAN).hessian(x, h);
        return rows(h, m, m);
    }

    /** A Hessian-vector product H(x) v of a function with one output, without forming H. */
    public double[] hessianVector(double[] x, double[] v) {
        requireScalar("hessianVector");
        double[] hv = new double[f.inputCount()];
        with(Capability.HESSIAN).hessianVector(x, v, hv);
        return hv;
    }

    /** The simplified symbolic derivative of a one-output function with respect to {@code input}. */
    public String derivative(String input) {
        requireScalar("derivative");
        return derivative(outputs().get(0), input);
    }

    /** The simplified symbolic partial derivative of {@code output} with respect to {@code input}. */
    public String derivative(String output, String input) {
        int i = inputs().indexOf(input);
        int o = outputs().indexOf(output);
        if (i < 0) {
            throw new IllegalArgumentException("no input '" + input + "'; the inputs are " + inputs());
        }
        if (o < 0) {
            throw new IllegalArgumentException("no output '" + output + "'; the outputs are " + outputs());
        }
        return compilation.derivative(o, i);
    }

    /** The generated Java source. */
    public String javaSource() {
        return compilation.javaSource();
    }

    /** The generated object itself, for calls over arrays without copies. */
    public DifferentiableFunction generated() {
        return f;
    }

    /** The stages the pipeline went through. */
    public Compilation compilation() {
        return compilation;
    }

    /** The generated class if it has {@code c}, else one compiled with it on first use. */
    private DifferentiableFunction with(Capability c) {
        if (f.supports(c)) {
            return f;
        }
        return variants.computeIfAbsent(c, cap ->
                owner.load(Compilation.of(text, compilation.options().withCapability(cap))));
    }

    private void requireScalar(String what) {
        if (f.outputCount() != 1) {
            throw new UnsupportedOperationException(what + " needs a function with one output; this one has "
                    + f.outputCount() + " " + outputs() + " (use values, jacobian, jvp or vjp)");
        }
    }

    private static double[][] rows(double[] flat, int rows, int cols) {
        double[][] r = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, r[i], 0, cols);
        }
        return r;
    }
}
