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
 * with that capability's methods once, atomically, and later calls reuse it, as do the
 * function's data bindings ({@link #withData}: each binds the one class to its data). When that class's
 * straight-line code would be very large (more than 10,000 operations outside loops, such as
 * the Hessian of a 1,000-deep chain), its derivative graphs are run by the reference
 * interpreter instead, so the first call costs seconds, not minutes and gigabytes.
 *
 * <p>Numbers follow IEEE 754: ln of a negative number is NaN, 1/0 is Infinity, and NaN
 * propagates through value and derivatives, except that derivative code multiplies by zero
 * to zero ({@code 0 ⊙ Infinity = 0}): an input a direction does not move contributes nothing,
 * so an unused input's derivative is exactly 0 in every mode. At the points where relu, abs,
 * max and min have no derivative, relu'(0) = 0, abs'(0) = 0 and ties go to the first
 * argument; the edges of the other ops' domains are listed in the README.
 */
public final class CompiledFunction implements Compiled {

    private final Fluxion owner;
    private final Compilation compilation;
    private final DifferentiableFunction f;
    /**
     * Classes compiled later for capabilities {@code f} lacks, by capability, before binding any
     * data: shared by every data binding of this function ({@link #withData}), so each is
     * compiled once, not once per binding.
     */
    private final java.util.concurrent.ConcurrentHashMap<Capability, DifferentiableFunction> compiledLater;
    /** Those classes bound to this function's data (the same objects when it has none). */
    private final java.util.concurrent.ConcurrentHashMap<Capability, DifferentiableFunction> variants =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The sparse Jacobian's and Hessian's patterns and colorings, found on first use. */
    private final SparseDerivatives sparse;

    /** The data bound to every generated object of this function (null: none bound). */
    private final double[][] data;

    CompiledFunction(Fluxion owner, Compilation compilation, DifferentiableFunction f) {
        this(owner, compilation, f, null, new SparseDerivatives(compilation), new java.util.concurrent.ConcurrentHashMap<>());
    }

    /**
     * {@code sparse} is shared by every data binding, the patterns not depending on the data, except
     * in a function that gathers by data ({@link SparseDerivatives#boundTo}).
     */
    private CompiledFunction(Fluxion owner, Compilation compilation, DifferentiableFunction f, double[][] data,
                             SparseDerivatives sparse,
                             java.util.concurrent.ConcurrentHashMap<Capability, DifferentiableFunction> compiledLater) {
        this.owner = owner;
        this.compiledLater = compiledLater;
        this.compilation = compilation;
        this.f = f;
        this.sparse = sparse;
        this.data = data;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.function(this);
    }

    /**
     * The data parameters' names ({@code X}, {@code y} for {@code fn nll(w[d], b; X[m, d], y[m])}):
     * inputs given with {@link #withData} and never differentiated.
     *
     * @return the names, in declaration order; empty for a function without data
     */
    public List<String> dataNames() {
        return List.of(f.dataNames());
    }

    /**
     * This function computing with {@code data}: one array per data parameter, in declaration
     * order, row-major, each of the size its declaration gives. The arrays are not copied (a
     * change shows in the next call); this object is left as it is, so one compiled function can
     * be bound to several data sets at once.
     *
     * @param data the arrays
     * @return the bound function
     * @throws IllegalArgumentException if the count or a length is wrong, naming the parameter
     */
    public CompiledFunction withData(double[]... data) {
        double[][] d = data.clone();
        return new CompiledFunction(owner, compilation, f.withData(d), d, sparse.boundTo(d), compiledLater);
    }

    /**
     * The input names, in the order the {@code x} arrays of every other method use.
     *
     * @return the declared parameters, or for a bare expression its variables in order of
     *         first appearance (unless {@link Options#withVariables} fixed the order)
     */
    public List<String> inputs() {
        return compilation.inputNames();
    }

    /**
     * The output names, in the order of {@link #values} and of the Jacobian's rows.
     *
     * @return the names of the returned values ({@code y} for a bare expression)
     */
    public List<String> outputs() {
        return compilation.outputNames();
    }

    /**
     * The number of inputs m, the length every {@code x} must have.
     *
     * @return m
     */
    public int inputCount() {
        return f.inputCount();
    }

    /**
     * The number of outputs n; {@link #value}, {@link #gradient} and the Hessian need n = 1.
     *
     * @return n
     */
    public int outputCount() {
        return f.outputCount();
    }

    /**
     * The value of a function with one output.
     *
     * @param x the point, one value per input
     * @return f(x)
     * @throws UnsupportedOperationException if the function has several outputs (use {@link #values})
     */
    public double value(double... x) {
        requireScalar("value");
        double[] y = new double[1];
        with(Capability.VALUE).value(x, y);
        return y[0];
    }

    /**
     * Every output at a point.
     *
     * @param x the point, one value per input
     * @return a new array of n values, in the order of {@link #outputs()}
     */
    public double[] values(double... x) {
        double[] y = new double[f.outputCount()];
        with(Capability.VALUE).value(x, y);
        return y;
    }

    /**
     * The gradient of a function with one output, by reverse mode: one adjoint sweep gives
     * every partial derivative, however many inputs there are.
     *
     * @param x the point, one value per input
     * @return a new array of m partial derivatives, in the order of {@link #inputs()}
     * @throws UnsupportedOperationException if the function has several outputs
     */
    public double[] gradient(double... x) {
        return gradient(Mode.REVERSE, x);
    }

    /**
     * The gradient by the mode of your choice: the numbers agree to rounding, the costs differ.
     * Reverse mode makes one adjoint sweep; forward mode one tangent sweep per input, which is
     * cheaper only for very few inputs. {@link Mode#AUTO} means reverse here.
     *
     * @param mode {@link Mode#FORWARD} or {@link Mode#REVERSE}
     * @param x the point, one value per input
     * @return a new array of m partial derivatives
     * @throws UnsupportedOperationException if the function has several outputs
     */
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

    /**
     * A Jacobian-vector product J(x)·v by one forward (tangent) pass, without forming J: the
     * directional derivative of every output along {@code v}.
     *
     * @param x the point, one value per input
     * @param v the direction, one value per input (the tangent seed)
     * @return a new array of n values
     */
    public double[] jvp(double[] x, double[] v) {
        double[] y = new double[f.outputCount()];
        double[] ydot = new double[f.outputCount()];
        with(Capability.JVP).jvp(x, v, y, ydot);
        return ydot;
    }

    /**
     * Several Jacobian-vector products at one point: the primal values and the local
     * partials are computed once and shared by the K tangent passes, which is cheaper than
     * K calls of {@link #jvp(double[], double[])}.
     *
     * @param x the point, one value per input
     * @param directions K directions, each with one value per input
     * @return K rows; row k is J(x)·directions[k]
     * @throws IllegalArgumentException if a direction does not have m values
     */
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

    /**
     * A vector-Jacobian product uᵀ·J(x) by one reverse (adjoint) sweep seeded with {@code u}:
     * what backpropagation passes to the layer below when {@code u} is the upstream gradient.
     *
     * @param x the point, one value per input
     * @param u one weight per output (the output adjoints)
     * @return a new array of m values
     */
    public double[] vjp(double[] x, double[] u) {
        double[] xbar = new double[f.inputCount()];
        with(Capability.GRADIENT).vjp(x, u, new double[f.outputCount()], xbar);
        return xbar;
    }

    /**
     * The full Jacobian, by the mode the options chose ({@link Options#withJacobianMode};
     * by default {@link Mode#AUTO}, which picks the mode with fewer passes for the shape).
     *
     * @param x the point, one value per input
     * @return n rows of m entries; entry [j][i] is ∂y_j/∂x_i
     */
    public double[][] jacobian(double... x) {
        return jacobian(compilation.options().jacobianMode(), x);
    }

    /**
     * The full Jacobian by the given mode. Forward mode needs m tangent passes, reverse mode
     * n adjoint sweeps; {@link Mode#AUTO} picks forward when {@code m < n}, else reverse.
     *
     * @param mode the mode
     * @param x the point, one value per input
     * @return n rows of m entries; entry [j][i] is ∂y_j/∂x_i
     */
    public double[][] jacobian(Mode mode, double... x) {
        int m = f.inputCount();
        int n = f.outputCount();
        Mode resolved = mode == Mode.AUTO ? Mode.forShape(m, n) : mode;
        double[] jac = new double[n * m];
        if (resolved == Mode.FORWARD) {
            with(Capability.JACOBIAN).jacobianForward(x, new double[n], jac);
        } else if (n == 1 && !f.supports(Capability.JACOBIAN)) {
            with(Capability.GRADIENT).gradient(x, jac); // one output: the reverse Jacobian is the gradient
        } else {
            with(Capability.JACOBIAN).jacobianReverse(x, new double[n], jac);
        }
        return rows(jac, n, m);
    }

    /**
     * The Hessian of a function with one output, by forward mode over reverse mode: m
     * tangent passes through the generated gradient code, one per column. The class that
     * computes it is compiled on the first call.
     *
     * @param x the point, one value per input
     * @return m rows of m second derivatives; entry [i][k] is ∂²f/∂x_i∂x_k
     * @throws UnsupportedOperationException if the function has several outputs
     */
    public double[][] hessian(double... x) {
        requireScalar("hessian");
        int m = f.inputCount();
        if ((long) m * m > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the dense Hessian of " + m + " inputs has " + (long) m * m
                    + " elements, more than a Java array holds; use hessianVector or hessianSparse");
        }
        double[] h = new double[m * m];
        with(Capability.HESSIAN).hessian(x, h);
        return rows(h, m, m);
    }

    /**
     * A Hessian-vector product H(x)·v of a function with one output, by one tangent pass
     * through the gradient code: it costs a small multiple of one gradient, whatever m is,
     * where forming H would cost m of them (what Newton-type methods with many inputs need).
     *
     * @param x the point, one value per input
     * @param v the direction, one value per input
     * @return a new array of m values
     * @throws UnsupportedOperationException if the function has several outputs
     */
    public double[] hessianVector(double[] x, double[] v) {
        requireScalar("hessianVector");
        double[] hv = new double[f.inputCount()];
        with(Capability.HESSIAN).hessianVector(x, v, hv);
        return hv;
    }

    /**
     * The Jacobian in compressed sparse rows, computed with as few derivative passes as its
     * sparsity allows: the pattern is read from the program, the columns (or rows) that never
     * share a row (a column) are grouped by a distance-2 coloring, and one compressed
     * Jacobian-vector product per column color (or vector-Jacobian product per row color) gives
     * every entry. A banded Jacobian of bandwidth w costs w passes however many inputs there are.
     * The mode is the options' ({@link Options#withJacobianMode}); {@link Mode#AUTO}, the default,
     * takes the one with fewer colors. The pattern and colorings are found on the first call and
     * kept; {@link #sparsity()} reports them.
     *
     * @param x the point, one value per input
     * @return the n × m Jacobian, every entry of the pattern stored (some may be 0 at this point)
     */
    public dev.fluxion.runtime.sparse.CsrMatrix jacobianSparse(double... x) {
        return jacobianSparse(compilation.options().jacobianMode(), x);
    }

    /**
     * The sparse Jacobian by the given mode: {@link Mode#FORWARD} groups columns (one JVP per
     * color, all in one {@code jvpMany}), {@link Mode#REVERSE} groups rows (one VJP per color),
     * {@link Mode#AUTO} takes the one with fewer colors (forward on a tie).
     *
     * @param mode the mode
     * @param x the point, one value per input
     * @return the n × m Jacobian in compressed sparse rows
     */
    public dev.fluxion.runtime.sparse.CsrMatrix jacobianSparse(Mode mode, double... x) {
        dev.fluxion.compiler.sparse.JacobianPlan.Direction d = sparse.direction(mode);
        Capability needs = d == dev.fluxion.compiler.sparse.JacobianPlan.Direction.COLUMNS ? Capability.JVP
                : Capability.GRADIENT;
        return sparse.jacobian().evaluate(with(needs), x, d);
    }

    /**
     * What {@link #jacobianSparse(double...)} does: the pattern's size and non-zeros, the mode
     * and the number of colors (passes), with both colorings' counts.
     *
     * @return the report, computed once
     */
    public Sparsity sparsity() {
        return sparsity(compilation.options().jacobianMode());
    }

    /**
     * What {@link #jacobianSparse(Mode, double...)} does with the given mode.
     *
     * @param mode the mode ({@link Mode#AUTO}: the one with fewer colors)
     * @return the report
     */
    public Sparsity sparsity(Mode mode) {
        return sparse.jacobianReport(mode);
    }

    /**
     * The Hessian of a function with one output in compressed sparse rows, by star coloring:
     * the pattern is that of the gradient's dependencies, the columns are colored so that every
     * entry can be read directly from one Hessian-vector product per color (Gebremedhin et al.
     * 2007), and both triangles are stored. A tridiagonal Hessian (Rosenbrock's) takes 3
     * products whatever m is. The pattern and the coloring are found on the first call and kept;
     * {@link #hessianSparsity()} reports them.
     *
     * @param x the point, one value per input
     * @return the m × m Hessian, exactly symmetric
     * @throws UnsupportedOperationException if the function has several outputs
     */
    public dev.fluxion.runtime.sparse.CsrMatrix hessianSparse(double... x) {
        requireScalar("hessianSparse");
        return sparse.hessian().evaluate(with(Capability.HESSIAN), x);
    }

    /**
     * What {@link #hessianSparse} does: the pattern's size and non-zeros and the star coloring's
     * number of colors, beside what a distance-2 column coloring would need.
     *
     * @return the report, computed once
     * @throws UnsupportedOperationException if the function has several outputs
     */
    public Sparsity hessianSparsity() {
        requireScalar("hessianSparsity");
        return sparse.hessianReport();
    }

    /**
     * This function as the item function of a per-item map over {@code items} items: the same
     * function applied to independent items, each with its inputs gathered from global blocks
     * and its own data, and the whole Jacobian assembled, in compressed sparse rows, from each
     * item's dense Jacobian (docs/sparse.md, "Per-item maps"). Give each differentiated parameter
     * a source in declaration order ({@code gather(count, index)} or {@code own()}), each data
     * parameter its items' values ({@code data}), optionally the row groups, then {@code build()}.
     *
     * <p>Each output stores every element of each parameter the program reads for it (found
     * from the program, as {@link #sparsity()} is), so a row's entries are whole parameter
     * blocks: for bundle adjustment, 15 per reprojection row and the weight alone for the weight
     * error, ADBench's layout. The sweep is the one with fewer passes per item, reverse on a tie
     * ({@link Mode#forShape}); {@code sweep(...)} overrides it.
     *
     * @param items the number of items
     * @return the builder, its function, parameter sizes and stored entries set
     */
    public dev.fluxion.runtime.sparse.ItemMap.Builder itemMap(int items) {
        List<String> names = inputs();
        int[] sizes = dev.fluxion.compiler.ir.Labels.parameterSizes(names);
        int[] parameterOf = new int[names.size()];
        for (int k = 0, i = 0; k < sizes.length; k++) {
            for (int e = 0; e < sizes[k]; e++) {
                parameterOf[i++] = k;
            }
        }
        dev.fluxion.compiler.sparse.Pattern pattern = sparse.jacobian().pattern();
        int n = outputCount();
        boolean[][] reads = new boolean[n][sizes.length];
        for (int o = 0; o < n; o++) {
            for (int k = pattern.start(o); k < pattern.end(o); k++) {
                reads[o][parameterOf[pattern.column(k)]] = true;
            }
        }
        boolean[][] stored = new boolean[n][names.size()];
        for (int o = 0; o < n; o++) {
            for (int i = 0; i < names.size(); i++) {
                stored[o][i] = reads[o][parameterOf[i]];
            }
        }
        Mode mode = Mode.forShape(names.size(), n);
        return dev.fluxion.runtime.sparse.ItemMap.builder(loaded(Capability.VALUE), items, sizes, stored)
                .derivatives(loaded(Capability.JACOBIAN))
                .sweep(mode == Mode.FORWARD ? dev.fluxion.runtime.sparse.ItemMap.Sweep.FORWARD
                        : dev.fluxion.runtime.sparse.ItemMap.Sweep.REVERSE);
    }

    /**
     * The symbolic partial derivative of a function with one output, simplified, as text in
     * the language's own syntax, e.g. {@code 1/x1 + x2} for ∂/∂x1 of the lecture's function.
     *
     * @param input the name of an input
     * @return the derivative's expression
     * @throws IllegalArgumentException if there is no such input
     * @throws UnsupportedOperationException if the function has several outputs
     */
    public String derivative(String input) {
        requireScalar("derivative");
        return derivative(outputs().get(0), input);
    }

    /**
     * The symbolic partial derivative of one output with respect to one input, simplified,
     * as text in the language's own syntax.
     *
     * @param output the name of an output
     * @param input the name of an input
     * @return the derivative's expression
     * @throws IllegalArgumentException if there is no such output or input (the message lists them)
     */
    public String derivative(String output, String input) {
        int i = inputs().indexOf(input);
        int o = outputs().indexOf(output);
        if (i < 0 && dataNames().stream().anyMatch(d -> input.equals(d) || input.startsWith(d + "["))) {
            throw new IllegalArgumentException("'" + input + "' is data: a function is not differentiated with respect to "
                    + "its data parameters " + dataNames() + "; the inputs are " + inputs());
        }
        if (i < 0) {
            throw new IllegalArgumentException("no input '" + input + "'; the inputs are " + inputs());
        }
        if (o < 0) {
            throw new IllegalArgumentException("no output '" + output + "'; the outputs are " + outputs());
        }
        return compilation.derivative(o, i);
    }

    /**
     * The Java source of the generated class, as {@code fluxion gen} would write it: to read
     * what the compiler produced, or to keep it in a project that should not depend on the
     * compiler at run time.
     *
     * @return the source of the class behind {@link #generated()}
     */
    @Override
    public String javaSource() {
        return compilation.javaSource();
    }

    /**
     * The generated object itself. Its methods write into arrays the caller provides, so a
     * hot loop can call them without the allocations of this class's convenience methods.
     * For a program whose class would exceed 100,000 straight-line operations (about 12 MB of
     * Java, such as a 40,000-deep chain) it runs the program's graphs in the reference
     * interpreter instead of a compiled class (README, "Large functions").
     *
     * @return the compiled instance (stateless and thread-safe)
     */
    public DifferentiableFunction generated() {
        return f;
    }

    /**
     * The stages the pipeline went through: the parsed program, the primal IR, the
     * derivative graphs and the simplifier's statistics, for tools and for debugging.
     *
     * @return the compilation this function was built from
     */
    @Override
    public Compilation compilation() {
        return compilation;
    }

    /**
     * The generated class if it has {@code c}, else the class compiled on first use with the
     * methods of {@code c} alone ({@link Compilation#forFirstUse}); one class serves the
     * forward-mode group (JVP and the forward Jacobian). A class whose straight-line code
     * would exceed {@link GraphFunction#COMPILE_AT_MOST} operations is run as graphs instead.
     */
    private DifferentiableFunction with(Capability c) {
        if (data == null && f.dataCount() > 0) {
            throw new IllegalStateException(compilation.className() + " has data parameters " + dataNames()
                    + ": bind them first with withData(...)");
        }
        return loaded(c);
    }

    /** {@link #with} without the check that the data are bound: the per-item map binds its own. */
    private DifferentiableFunction loaded(Capability c) {
        if (f.supports(c)) {
            return f;
        }
        Capability group = c == Capability.JACOBIAN ? Capability.JVP : c;
        return variants.computeIfAbsent(group, cap -> {
            DifferentiableFunction v = compiledLater.computeIfAbsent(cap, this::compileLater);
            return data == null ? v : v.withData(data);
        });
    }

    /** The class of {@code cap}'s methods alone, unbound, or its graphs run by the interpreter. */
    private DifferentiableFunction compileLater(Capability cap) {
        Compilation later = compilation.forFirstUse(cap);
        if (f.dataCount() == 0 && GraphFunction.runs(later)) {
            return new GraphFunction(later);  // (the graphs are interpreted over x alone: not for data)
        }
        return owner.instantiate(later);
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
