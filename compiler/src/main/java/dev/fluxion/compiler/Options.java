package dev.fluxion.compiler;

import dev.fluxion.compiler.simplify.RuleSet;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.tensor.Precision;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * How to compile a program. Immutable; the {@code with...} methods return a changed copy.
 *
 * @param variables    the input order for a bare expression (null: order of first appearance);
 *                     for a program, null or a permutation of its parameters
 * @param capabilities which derivative methods to generate; VALUE is always generated
 * @param packageName  package of the generated class
 * @param className    simple name of the generated class (null: from the program's name)
 * @param sourceName   how diagnostics name the source ({@code <input>}, a file name)
 * @param rules        the simplification rules that are on
 * @param jacobianMode how {@link CompiledFunction#jacobian} computes unless told per call, and the mode of
 *                     the generated class's {@code jacobian} method (with the JACOBIAN capability)
 * @param loops        whether long sums of terms of the same form on inputs at regular positions
 *                     ({@code (1-x0)^2 + (1-x1)^2 + ...}) are compiled to loops in the value and
 *                     gradient methods (see {@link dev.fluxion.compiler.roll.Rolling}); else all
 *                     code is straight-line
 * @param matmulPrecision the arithmetic a model's matrix products may use: FLOAT64 (every sum in
 *                     double, the default) or FLOAT32 (large products summed in float, as JAX
 *                     and PyTorch do by default; see {@link Precision})
 * @param sizes        the value of each size symbol of array parameters
 * @param entry        which function or model of a file of several to compile (null: the file's one
 *                     entry; see {@link #withEntry})
 * @param checkpoints  how often the reverse sweep of a {@code for} loop kept as a loop stores its
 *                     carries: every step (0, the default) or every this many steps, recomputing
 *                     the rest ({@link #withCheckpoints})
 * @param snapshots    binomial checkpointing of those reverse sweeps with this many snapshots
 *                     (0: none; {@link #withBinomialCheckpoints})
 */
public record Options(List<String> variables, Set<Capability> capabilities, String packageName, String className,
                      String sourceName, RuleSet rules, Mode jacobianMode, boolean loops,
                      Precision matmulPrecision, java.util.Map<String, Integer> sizes, String entry, int checkpoints,
                      int snapshots) {

    /** The longest class name accepted: {@code Name.java}, {@code NameTest.java} fit 255 bytes. */
    public static final int MAX_CLASS_NAME_CHARS = 240;

    /**
     * What the runtime API generates unless told: the value and the reverse-mode gradient
     * and VJP. JVPs, Jacobians and the Hessian are compiled into a second class on first
     * use, so a large function pays for the code it calls and no more.
     */
    public static final Set<Capability> DEFAULT_CAPABILITIES =
            Set.copyOf(EnumSet.of(Capability.VALUE, Capability.GRADIENT));

    /** The package of generated classes unless {@link #withPackage} sets one. */
    public static final String DEFAULT_PACKAGE = "dev.fluxion.generated";

    /**
     * Checks and normalizes the options: the lists and sets are copied (the record stays
     * immutable), VALUE is always added to the capabilities, and names that Java would
     * reject fail here rather than as a compile error in generated code.
     *
     * @param variables    the input order, or null
     * @param capabilities the derivative methods to generate; null or empty means VALUE only
     * @param packageName  the package of the generated class, empty for none
     * @param className    the class name, or null to derive it from the program
     * @param sourceName   how diagnostics name the source
     * @param rules        the simplification rules
     * @param jacobianMode the default mode of Jacobians
     * @param loops        whether repeated terms of sums are re-rolled into loops
     * @param matmulPrecision the arithmetic of a model's matrix products
     * @param sizes        the value of each size symbol of array parameters ({@code n} in
     *                     {@code fn f(x[n])}); null for none
     * @param entry        the function or model to compile, or null for the file's one entry
     * @param checkpoints  0 to store every step of a loop's reverse sweep, else the steps between checkpoints
     * @param snapshots    0, or the snapshots of binomial checkpointing (then checkpoints is 0)
     * @throws IllegalArgumentException if the package or class name is not a valid Java name
     * @throws NullPointerException if the package, source name, rules, Jacobian mode or precision is null
     */
    public Options {
        variables = variables == null ? null : List.copyOf(variables);
        capabilities = capabilities == null || capabilities.isEmpty() ? EnumSet.of(Capability.VALUE) : EnumSet.copyOf(capabilities);
        capabilities.add(Capability.VALUE);
        capabilities = Set.copyOf(capabilities);
        Objects.requireNonNull(packageName, "packageName");
        if (!packageName.isEmpty() && !SourceVersion.isName(packageName)) {
            throw new IllegalArgumentException("not a Java package name: '" + packageName + "'");
        }
        if (className != null && (!SourceVersion.isIdentifier(className) || SourceVersion.isKeyword(className))) {
            throw new IllegalArgumentException("not a Java class name: '" + className + "'");
        }
        if (className != null && className.length() > MAX_CLASS_NAME_CHARS) {
            throw new IllegalArgumentException("class name of " + className.length() + " characters is too long: at most "
                    + MAX_CLASS_NAME_CHARS + ", so that its file name fits the 255 bytes file systems allow");
        }
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(jacobianMode, "jacobianMode");
        Objects.requireNonNull(matmulPrecision, "matmulPrecision");
        if (checkpoints < 0) {
            throw new IllegalArgumentException("checkpoints every " + checkpoints + " steps: give 0 (store every step) "
                    + "or a positive number of steps");
        }
        if (snapshots < 0 || snapshots > 0 && checkpoints > 0) {
            throw new IllegalArgumentException(snapshots + " binomial snapshots" + (snapshots < 0 ? ": give 0 or more"
                    : " and checkpoints every " + checkpoints + " steps: choose one"));
        }
        sizes = sizes == null ? java.util.Map.of() : java.util.Map.copyOf(new java.util.TreeMap<>(sizes));
        for (var e : sizes.entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("size " + e.getKey() + " = " + e.getValue() + " is negative");
            }
        }
    }

    /**
     * Binds the size symbols of array parameters: with {@code n = 10}, {@code fn f(x[n])} has
     * ten inputs {@code x[0]} ... {@code x[9]}.
     *
     * @param bound each symbol's value (replacing those bound before)
     * @return a copy with those sizes
     */
    public Options withSizes(java.util.Map<String, Integer> bound) {
        return new Options(variables, capabilities, packageName, className, sourceName, rules, jacobianMode, loops,
                matmulPrecision, bound, entry, checkpoints, snapshots);
    }

    /**
     * Binds one size symbol, keeping the others.
     *
     * @param symbol the symbol ({@code n})
     * @param value its value
     * @return a copy with that size
     */
    public Options withSize(String symbol, int value) {
        java.util.Map<String, Integer> m = new java.util.TreeMap<>(sizes);
        m.put(symbol, value);
        return withSizes(m);
    }

    /**
     * The options {@link Fluxion#compile(String)} uses: inputs in order of first appearance,
     * {@link #DEFAULT_CAPABILITIES}, {@link #DEFAULT_PACKAGE}, a class name derived from the
     * program, the standard simplification rules, {@link Mode#AUTO} for Jacobians, loops on,
     * and matrix products in double.
     *
     * @return the default options
     */
    public static Options defaults() {
        return new Options(null, DEFAULT_CAPABILITIES, DEFAULT_PACKAGE, null, "<input>", RuleSet.standard(), Mode.AUTO,
                true, Precision.FLOAT64, java.util.Map.of(), null, 0, 0);
    }

    /**
     * Fixes the input order, so that {@code x[i]} means the same variable whatever order the
     * expression mentions them in.
     *
     * @param names every variable of the expression (for a program, its parameters), in order
     * @return a copy with that order
     */
    public Options withVariables(String... names) {
        return new Options(List.of(names), capabilities, packageName, className, sourceName, rules, jacobianMode, loops,
                matmulPrecision, sizes, entry, checkpoints, snapshots);
    }

    /**
     * Fixes the input order; see {@link #withVariables(String...)}.
     *
     * @param names the variables in order, or null for the order of first appearance
     * @return a copy with that order
     */
    public Options withVariables(List<String> names) {
        return new Options(names, capabilities, packageName, className, sourceName, rules, jacobianMode, loops,
                matmulPrecision, sizes, entry, checkpoints, snapshots);
    }

    /**
     * Chooses which derivative methods are generated up front. Fewer capabilities mean less
     * code to generate and compile; a missing one is compiled on first use by
     * {@link CompiledFunction}, but is absent (the method throws) from a class written by
     * {@code fluxion gen}.
     *
     * @param caps the capabilities; VALUE is added if missing
     * @return a copy with those capabilities
     */
    public Options withCapabilities(Set<Capability> caps) {
        return new Options(variables, caps, packageName, className, sourceName, rules, jacobianMode, loops,
                matmulPrecision, sizes, entry, checkpoints, snapshots);
    }

    /**
     * Adds one capability to those already chosen.
     *
     * @param cap the capability to generate as well
     * @return a copy with it
     */
    public Options withCapability(Capability cap) {
        Set<Capability> caps = EnumSet.copyOf(capabilities);
        caps.add(cap);
        return withCapabilities(caps);
    }

    /**
     * Sets the package of the generated class.
     *
     * @param name a Java package name, or empty for the unnamed package
     * @return a copy with that package
     */
    public Options withPackage(String name) {
        return new Options(variables, capabilities, name, className, sourceName, rules, jacobianMode, loops,
                matmulPrecision, sizes, entry, checkpoints, snapshots);
    }

    /**
     * Sets the simple name of the generated class.
     *
     * @param name a Java identifier, or null to derive it from the program's name
     * @return a copy with that class name
     */
    public Options withClassName(String name) {
        return new Options(variables, capabilities, packageName, name, sourceName, rules, jacobianMode, loops,
                matmulPrecision, sizes, entry, checkpoints, snapshots);
    }

    /**
     * Sets how diagnostics name the source, so that an error in a file reads
     * {@code lecture.flx:1:14} rather than {@code <input>:1:14}.
     *
     * @param name a file name or a label
     * @return a copy with that source name
     */
    public Options withSourceName(String name) {
        return new Options(variables, capabilities, packageName, className, name, rules, jacobianMode, loops,
                matmulPrecision, sizes, entry, checkpoints, snapshots);
    }

    /**
     * Sets the simplification rules applied to the derivative graphs (for example to
     * compare generated code with and without a rule).
     *
     * @param r the rules that are on
     * @return a copy with those rules
     */
    public Options withRules(RuleSet r) {
        return new Options(variables, capabilities, packageName, className, sourceName, r, jacobianMode, loops,
                matmulPrecision, sizes, entry, checkpoints, snapshots);
    }

    /**
     * Sets how Jacobians are computed unless a call says otherwise.
     *
     * @param mode forward, reverse, or AUTO (chosen from the shape)
     * @return a copy with that mode
     */
    public Options withJacobianMode(Mode mode) {
        return new Options(variables, capabilities, packageName, className, sourceName, rules, mode, loops,
                matmulPrecision, sizes, entry, checkpoints, snapshots);
    }

    /**
     * Chooses whether long sums of repeated terms become loops ({@code true} by default) or
     * stay straight-line code, for example to compare the two or to read every term in the
     * generated source.
     *
     * @param on true to re-roll sums into loops
     * @return a copy with that choice
     */
    public Options withLoops(boolean on) {
        return new Options(variables, capabilities, packageName, className, sourceName, rules, jacobianMode, on,
                matmulPrecision, sizes, entry, checkpoints, snapshots);
    }

    /**
     * Sets the arithmetic of a model's matrix products ({@code @}, and einsums that are one
     * matrix product). {@link Precision#FLOAT32} sums the large products in float, as JAX and
     * PyTorch do by default: the MLP's two 784×128 products take about a quarter less time.
     * Central differences of a float-rounded loss are mostly noise; check such a model against
     * the same program in double ({@code GradientCheck.relativeDifference}). Scalar functions
     * have no matrix products and are unaffected.
     *
     * @param precision FLOAT64 (the default) or FLOAT32
     * @return a copy with that precision
     */
    public Options withMatmulPrecision(Precision precision) {
        return new Options(variables, capabilities, packageName, className, sourceName, rules, jacobianMode, loops,
                precision, sizes, entry, checkpoints, snapshots);
    }

    /**
     * Checkpointing of the reverse sweep of {@code for} loops kept as loops: instead of storing
     * what every step's adjoint needs (the tape grows with the trip count T), the forward loop
     * stores the carried variables every {@code k} steps, and the backward loop recomputes each
     * segment of k steps from its checkpoint before sweeping it. The tape holds T/k checkpoints
     * and one segment; every step runs twice forward. The gradient is the same bit for bit (the
     * same operations in the same order). {@code Compilation.tapeReport()} gives the doubles
     * stored and the steps recomputed. Replaces a binomial choice ({@link #withBinomialCheckpoints}).
     *
     * @param k the steps between checkpoints; 0 (the default) stores every step
     * @return a copy with that choice
     */
    public Options withCheckpoints(int k) {
        return new Options(variables, capabilities, packageName, className, sourceName, rules, jacobianMode, loops,
                matmulPrecision, sizes, entry, k, 0);
    }

    /**
     * Binomial checkpointing of the reverse sweep of {@code for} loops kept as loops (Griewank's
     * revolve schedule, {@code dev.fluxion.runtime.Revolve}): the carried variables are stored in
     * at most {@code snapshots} slots besides the loop's start, and the backward loop reverses one
     * step at a time, running each step forward at most r + 1 times, r the smallest with
     * C(snapshots + 1 + r, r) ≥ T. The least memory for a given recomputation; with 10 snapshots, a
     * loop of 10,000 steps stores 11 states and one step's tape and runs about 6.5 T steps forward
     * again. The gradient is the same bit for bit as without checkpoints. Replaces
     * {@link #withCheckpoints}.
     *
     * @param snapshots the slots for stored carries besides the start's (at least 1); 0 turns it off
     * @return a copy with that choice
     */
    public Options withBinomialCheckpoints(int snapshots) {
        return new Options(variables, capabilities, packageName, className, sourceName, rules, jacobianMode, loops,
                matmulPrecision, sizes, entry, 0, snapshots);
    }

    /**
     * Chooses the function or model of a file of several to compile. The entries of a file
     * are its models and the functions no other definition calls; a file with one entry
     * compiles it without being told. Any function may be named, a helper too (its
     * parameters are then the inputs).
     *
     * @param name the function's or model's name, or null for the file's one entry
     * @return a copy compiling that definition
     */
    public Options withEntry(String name) {
        return new Options(variables, capabilities, packageName, className, sourceName, rules, jacobianMode, loops,
                matmulPrecision, sizes, name, checkpoints, snapshots);
    }
}
