package dev.fluxion.compiler;

import dev.fluxion.compiler.diff.DerivativeKind;
import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Interpreter;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.runtime.DifferentiableFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The methods of a class compiled on first use (or, above {@link #FIRST_CLASS_AT_MOST}, of the
 * function's own class), run as graphs by the reference interpreter
 * ({@link Interpreter}) instead of compiled: what {@link CompiledFunction} does when that
 * class's straight-line code would exceed {@link #COMPILE_AT_MOST} operations (a 10,000-deep
 * power tower's Hessian-vector code is 11 MB of Java, which takes tens of seconds and
 * gigabytes to emit and compile; a 40,000-deep one ran out of memory). The first call costs
 * building the derivative graph alone; each call then evaluates it node by node, the same
 * operations in the same order as the generated code would, at about a tenth of its speed.
 * The methods of the other capabilities throw, like the missing methods of a generated class.
 * Stateless, so thread-safe.
 */
final class GraphFunction implements DifferentiableFunction {

    /**
     * Straight-line operations above which a class compiled on first use is run as graphs:
     * about 1.2 MB of Java, which takes JavaPoet and Janino about two seconds on an idle
     * 2-core machine.
     */
    static final long COMPILE_AT_MOST = 10_000;

    private final Compilation compilation;
    private final Set<Capability> capabilities;
    private final int m;
    private final int n;

    GraphFunction(Compilation compilation) {
        if (compilation.rolling() != null) {
            throw new IllegalArgumentException("a re-rolled function loops; it is compiled, not interpreted");
        }
        this.compilation = compilation;
        this.capabilities = compilation.capabilities();
        this.m = compilation.primal().inputCount();
        this.n = compilation.primal().outputCount();
    }

    /**
     * Straight-line operations above which even the function's own class (value and
     * gradient) is run as graphs: about 12 MB of Java, which would take Janino half a minute
     * and gigabytes of memory (a 100,000-deep chain is 45 MB). {@code fluxion gen} and the
     * Maven plugin still write such a class.
     */
    static final long FIRST_CLASS_AT_MOST = 100_000;

    /** Whether the class compiled on first use of {@code c} is run as graphs rather than compiled. */
    static boolean runs(Compilation c) {
        return graphsOverX(c) && c.straightLineOperations() > COMPILE_AT_MOST;
    }

    /** Whether the function's own class {@code c} is run as graphs rather than compiled. */
    static boolean runsFirst(Compilation c) {
        return graphsOverX(c) && c.straightLineOperations() > FIRST_CLASS_AT_MOST;
    }

    /**
     * Straight-line graphs over x alone: no loops, no data parameters (the interpreter is given x,
     * not data), no tensor back end.
     */
    private static boolean graphsOverX(Compilation c) {
        return c.tensor() == null && c.rolling() == null && c.primalWithLoops().dataPorts().isEmpty();
    }

    @Override
    public int inputCount() {
        return m;
    }

    @Override
    public int outputCount() {
        return n;
    }

    @Override
    public String[] inputNames() {
        return compilation.primal().inputNames().toArray(String[]::new);
    }

    @Override
    public String[] outputNames() {
        return compilation.primal().outputNames().toArray(String[]::new);
    }

    @Override
    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    @Override
    public void value(double[] x, double[] y) {
        require(Capability.VALUE, "value");
        Graph g = compilation.primal().graph();
        copy(Interpreter.evaluate(g, g.outputs().get(0).name(), List.of(length(x, m, "x"))), y, "y");
    }

    @Override
    public double gradient(double[] x, double[] grad) {
        if (!capabilities.contains(Capability.GRADIENT) && !capabilities.contains(Capability.JACOBIAN)) {
            require(Capability.GRADIENT, "gradient");
        }
        Map<String, double[]> out = run(DerivativeKind.GRADIENT, Map.of(Derivatives.X, length(x, m, "x")));
        copy(out.get(Derivatives.GRAD), grad, "grad");
        return out.get(Derivatives.Y)[0];
    }

    @Override
    public void vjp(double[] x, double[] ybar, double[] y, double[] xbar) {
        require(Capability.GRADIENT, "vjp");
        if (n == 1) {
            length(ybar, 1, "ybar");
            length(y, 1, "y");
            y[0] = gradient(x, xbar);
            for (int i = 0; i < m; i++) {
                xbar[i] = ybar[0] * xbar[i];
            }
            return;
        }
        Map<String, double[]> out = run(DerivativeKind.VJP, Map.of(Derivatives.X, length(x, m, "x"),
                Derivatives.YBAR, length(ybar, n, "ybar")));
        copy(out.get(Derivatives.Y), y, "y");
        copy(out.get(Derivatives.XBAR), xbar, "xbar");
    }

    @Override
    public void jvp(double[] x, double[] xdot, double[] y, double[] ydot) {
        require(Capability.JVP, "jvp");
        tangent(x, xdot, y, ydot);
    }

    private void tangent(double[] x, double[] xdot, double[] y, double[] ydot) {
        Map<String, double[]> out = run(DerivativeKind.JVP, Map.of(Derivatives.X, length(x, m, "x"),
                Derivatives.XDOT, length(xdot, m, "xdot")));
        copy(out.get(Derivatives.Y), y, "y");
        copy(out.get(Derivatives.DY), ydot, "ydot");
    }

    @Override
    public void jvpMany(double[] x, double[] xdots, int k, double[] y, double[] ydots) {
        require(Capability.JVP, "jvpMany");
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, got " + k);
        }
        length(xdots, k * m, "xdots");
        length(ydots, k * n, "ydots");
        double[] xdot = new double[m];
        double[] ydot = new double[n];
        tangent(x, xdot, y, ydot);
        for (int d = 0; d < k; d++) {
            System.arraycopy(xdots, d * m, xdot, 0, m);
            tangent(x, xdot, y, ydot);
            System.arraycopy(ydot, 0, ydots, d * n, n);
        }
    }

    @Override
    public void jacobianForward(double[] x, double[] y, double[] jacobian) {
        require(Capability.JACOBIAN, "jacobianForward");
        if ((long) n * m > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the Jacobian of " + n + " outputs and " + m + " inputs has "
                    + (long) n * m + " elements, more than a Java array holds; use jvp");
        }
        length(jacobian, n * m, "jacobian");
        double[] xdot = new double[m];
        double[] ydot = new double[n];
        tangent(x, xdot, y, ydot);
        for (int i = 0; i < m; i++) {
            xdot[i] = 1.0;
            tangent(x, xdot, y, ydot);
            xdot[i] = 0.0;
            for (int j = 0; j < n; j++) {
                jacobian[j * m + i] = ydot[j];
            }
        }
    }

    @Override
    public void jacobianReverse(double[] x, double[] y, double[] jacobian) {
        require(Capability.JACOBIAN, "jacobianReverse");
        if (n == 1 && compilation.emitted().get(DerivativeKind.GRADIENT) != null) {
            length(y, 1, "y");
            y[0] = gradient(x, jacobian);   // one output: the reverse Jacobian is the gradient
            return;
        }
        if (compilation.emitted().get(DerivativeKind.VJP) == null) {
            throw new UnsupportedOperationException("jacobianReverse was not built for this class (one output: "
                    + "the reverse Jacobian is the gradient)");
        }
        length(jacobian, n * m, "jacobian");
        double[] ybar = new double[n];
        for (int j = 0; j < n; j++) {
            ybar[j] = 1.0;
            Map<String, double[]> out = run(DerivativeKind.VJP, Map.of(Derivatives.X, length(x, m, "x"),
                    Derivatives.YBAR, ybar));
            ybar[j] = 0.0;
            copy(out.get(Derivatives.Y), y, "y");
            System.arraycopy(out.get(Derivatives.XBAR), 0, jacobian, j * m, m);
        }
    }

    @Override
    public double hessianVector(double[] x, double[] v, double[] hv) {
        require(Capability.HESSIAN, "hessianVector");
        Map<String, double[]> out = run(DerivativeKind.HVP, Map.of(Derivatives.X, length(x, m, "x"),
                Derivatives.V, length(v, m, "v")));
        copy(out.get(Derivatives.DGRAD), hv, "hv");
        return out.get(Derivatives.Y)[0];
    }

    @Override
    public double hessian(double[] x, double[] hessian) {
        require(Capability.HESSIAN, "hessian");
        if ((long) m * m > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the dense Hessian of " + m + " inputs has " + (long) m * m
                    + " elements, more than a Java array holds; use hessianVector");
        }
        length(hessian, m * m, "hessian");
        double[] v = new double[m];
        double[] hv = new double[m];
        double fx = hessianVector(x, v, hv);
        for (int i = 0; i < m; i++) {
            v[i] = 1.0;
            fx = hessianVector(x, v, hv);
            v[i] = 0.0;
            System.arraycopy(hv, 0, hessian, i * m, m);
        }
        return fx;
    }

    /** Evaluates the derivative graph of {@code name} with its input ports given by name; its output ports by name. */
    private Map<String, double[]> run(DerivativeKind name, Map<String, double[]> inputs) {
        Graph g = compilation.emitted().get(name);
        if (g == null) {
            throw new IllegalStateException("no " + name + " graph was built for " + capabilities);
        }
        List<double[]> in = new ArrayList<>();
        for (Port p : g.inputs()) {
            double[] a = inputs.get(p.name());
            if (a == null) {
                throw new IllegalStateException(name + ": no values for input port " + p.name());
            }
            in.add(a);
        }
        double[] all = Interpreter.evaluateAll(g, in);
        Map<String, double[]> out = new java.util.HashMap<>();
        for (Port p : g.outputs()) {
            double[] values = new double[p.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = all[p.node(i)];
            }
            out.put(p.name(), values);
        }
        return out;
    }

    private void require(Capability c, String method) {
        if (!capabilities.contains(c)) {
            throw new UnsupportedOperationException(method + " was not built for this class; it has " + capabilities);
        }
    }

    private static double[] length(double[] a, int expected, String name) {
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " must have " + expected + " elements, got " + a.length);
        }
        return a;
    }

    private static void copy(double[] from, double[] to, String name) {
        length(to, from.length, name);
        System.arraycopy(from, 0, to, 0, from.length);
    }
}
