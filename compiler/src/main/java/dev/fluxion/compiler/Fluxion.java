package dev.fluxion.compiler;

import dev.fluxion.compiler.jit.ClassCache;
import dev.fluxion.compiler.jit.JavaCompiler;
import dev.fluxion.runtime.DifferentiableFunction;

/**
 * The entry point: compiles a function written in the Fluxion language to a class that
 * computes its value and derivatives.
 *
 * <pre>{@code
 * Fluxion fluxion = Fluxion.create();
 * CompiledFunction f = fluxion.compile("ln(x1)+x1*x2-sin(x2)");
 * double y = f.value(2, 5);              // 11.652...
 * double[] g = f.gradient(2, 5);         // [5.5, 1.716...]
 * String d = f.derivative("x1");         // "1/x1 + x2"
 * }</pre>
 *
 * <p>An instance owns a cache of compiled classes keyed by source hash, so compiling the
 * same program with the same options twice compiles once. Instances are thread-safe.
 */
public final class Fluxion {

    private final JavaCompiler compiler;

    private Fluxion(JavaCompiler compiler) {
        this.compiler = new ClassCache(compiler);
    }

    /**
     * A Fluxion that compiles the generated classes with Janino: in process, in
     * milliseconds, with no JDK needed at run time (a JRE is enough).
     *
     * @return a new compiler with an empty class cache
     */
    public static Fluxion create() {
        return new Fluxion(JavaCompiler.janino());
    }

    /**
     * A Fluxion that compiles with the given Java compiler, for example
     * {@link JavaCompiler#javaxTools()} (javac: slower to start, but its diagnostics and
     * optimizations are the JDK's own).
     *
     * @param compiler compiles the generated source to a class
     * @return a new compiler with an empty class cache
     */
    public static Fluxion using(JavaCompiler compiler) {
        return new Fluxion(compiler);
    }

    /**
     * Compiles the entry of {@code source} that {@code options} names ({@link Options#withEntry};
     * none: the file's one entry, or a bare expression), whatever it is: a function gives a
     * {@link CompiledFunction}, a model a {@link CompiledModel}, both {@link Compiled}, so a caller
     * that handles both dispatches with {@link Compiled#accept} instead of asking which it is.
     *
     * <pre>{@code
     * Compiled c = fluxion.compileEntry(text, Options.defaults().withEntry("mlp"));
     * Model m = c.accept(new Compiled.Visitor<Model>() {
     *     public Model function(CompiledFunction f) { throw new IllegalArgumentException("not a model"); }
     *     public Model model(CompiledModel cm) { return cm.newModel(); }
     * });
     * }</pre>
     *
     * @param source  the program text
     * @param options how to compile it (options a kind does not use are ignored by it)
     * @return the compiled entry
     * @throws dev.fluxion.compiler.diag.CompileException if the entry is not valid
     */
    public Compiled compileEntry(String source, Options options) {
        return translateEntry(source, options).accept(new Pipeline.Visitor<Compiled>() {
            @Override
            public Compiled function(Compilation c) {
                return load(c);
            }

            @Override
            public Compiled model(ModelCompilation m) {
                return load(m);
            }
        });
    }

    /**
     * Runs the pipeline of the entry of {@code source} that {@code options} names up to the Java
     * source, without compiling it: what build-time generation writes, for a function or a model
     * alike ({@link Pipeline#of}).
     *
     * @param source  the program text
     * @param options how to compile it
     * @return the entry's pipeline, every stage kept
     * @throws dev.fluxion.compiler.diag.CompileException if the entry is not valid
     */
    public Pipeline translateEntry(String source, Options options) {
        return Pipeline.of(source, options);
    }

    /**
     * Compiles a program with the default options ({@link Options#defaults()}): inputs in
     * order of first appearance, value and reverse-mode gradient generated up front.
     *
     * @param source a bare expression such as {@code ln(x1)+x1*x2-sin(x2)}, or a named program
     *               ({@code fn name(params) { ... }})
     * @return the compiled function
     * @throws dev.fluxion.compiler.diag.CompileException if the program does not parse or
     *         type-check; the message gives the line, the column and a caret under the text
     */
    public CompiledFunction compile(String source) {
        return compile(source, Options.defaults());
    }

    /**
     * Compiles a program with the given options: an explicit input order, the derivatives to
     * generate up front, the generated class's name, the simplification rules.
     *
     * @param source the program text
     * @param options how to compile it
     * @return the compiled function
     * @throws dev.fluxion.compiler.diag.CompileException if the program is not valid
     */
    public CompiledFunction compile(String source, Options options) {
        return load(Compilation.of(source, options));
    }

    /** Loads the class of a function's pipeline (or runs its graphs when the class would be too large). */
    private CompiledFunction load(Compilation c) {
        return new CompiledFunction(this, c, GraphFunction.runsFirst(c) ? new GraphFunction(c) : instantiate(c));
    }

    /** Loads the class of a model's pipeline. */
    private CompiledModel load(ModelCompilation c) {
        return new CompiledModel(c, compiler.compile(c.qualifiedClassName(), c.javaSource()));
    }

    /**
     * Runs the pipeline up to the Java source without compiling it: what build-time
     * generation ({@code fluxion gen}, the Maven plugin) writes, and what tools inspect.
     *
     * @param source the program text
     * @param options how to compile it
     * @return every stage of the pipeline, and the generated source
     * @throws dev.fluxion.compiler.diag.CompileException if the program is not valid
     */
    public Compilation translate(String source, Options options) {
        return Compilation.of(source, options);
    }

    /**
     * Compiles a {@code model} (inputs, parameters, statements, a scalar loss) with the default options.
     *
     * @param source a {@code model name { ... }} declaration
     * @return the compiled model, from which {@link CompiledModel#newModel()} makes instances
     * @throws dev.fluxion.compiler.diag.CompileException if the model is not valid; the message points at the offending text
     */
    public CompiledModel compileModel(String source) {
        return compileModel(source, Options.defaults());
    }

    /**
     * Compiles a {@code model}; the package and class name of the generated class go in {@code options}.
     *
     * @param source a {@code model} declaration
     * @param options the package, class name, source name, rules and precision of matrix products
     *                (the variable order, capabilities, Jacobian mode and loops do not apply to models)
     * @return the compiled model
     * @throws dev.fluxion.compiler.diag.CompileException if the model is not valid; the message points at the offending text
     */
    public CompiledModel compileModel(String source, Options options) {
        return load(ModelCompilation.of(source, options));
    }

    /**
     * Runs a model's pipeline up to the Java source, without compiling it (build-time generation).
     *
     * @param source a {@code model} declaration
     * @param options the package, class name, source name, rules and precision of matrix products
     * @return every stage and the generated source
     * @throws dev.fluxion.compiler.diag.CompileException if the model is not valid; the message points at the offending text
     */
    public ModelCompilation translateModel(String source, Options options) {
        return ModelCompilation.of(source, options);
    }

    /**
     * The entries of a file: its models and the functions no other definition of the file
     * calls, in the order of the file (empty for a bare expression). Each may be compiled
     * with {@link Options#withEntry}; build-time generation makes one class per entry.
     *
     * @param source the program text
     * @return the entries
     * @throws dev.fluxion.compiler.diag.CompileException if two definitions share a name
     */
    public static java.util.List<Entry> entries(String source) {
        return dev.fluxion.compiler.parse.Frontend.entries(new dev.fluxion.compiler.diag.SourceText("<input>", source))
                .stream().map(d -> new Entry(d.name(), d.model())).toList();
    }

    /** Compiles and instantiates the generated class of {@code c}. */
    DifferentiableFunction instantiate(Compilation c) {
        Class<?> cls = compiler.compile(c.qualifiedClassName(), c.javaSource());
        if (c.tensor() != null) {  // the tensor back end's model class, as a function of its parameters
            return dev.fluxion.runtime.model.ModelFunction.of(() -> newModel(cls), c.capabilities());
        }
        try {
            return (DifferentiableFunction) cls.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate generated class " + cls.getName(), e);
        }
    }

    private static dev.fluxion.runtime.model.Model newModel(Class<?> cls) {
        try {
            return (dev.fluxion.runtime.model.Model) cls.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate generated class " + cls.getName(), e);
        }
    }

    /**
     * The Java compiler behind this instance, for messages and benchmarks.
     *
     * @return its name, e.g. {@code janino}
     */
    public String compilerName() {
        return compiler.name();
    }
}
