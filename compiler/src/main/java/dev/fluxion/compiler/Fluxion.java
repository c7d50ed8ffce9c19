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

    /** A Fluxion that compiles with Janino. */
    public static Fluxion create() {
        return new Fluxion(JavaCompiler.janino());
    }

    /** A Fluxion that compiles with the given compiler (for example {@link JavaCompiler#javaxTools()}). */
    public static Fluxion using(JavaCompiler compiler) {
        return new Fluxion(compiler);
    }

    /** Compiles {@code source} with the default options. */
    public CompiledFunction compile(String source) {
        return compile(source, Options.defaults());
    }

    /** Compiles {@code source}; an explicit variable order, say, goes in {@code options}. */
    public CompiledFunction compile(String source, Options options) {
        Compilation c = Compilation.of(source, options);
        return new CompiledFunction(this, source, c, load(c));
    }

    /** Runs the pipeline up to the Java source, without compiling it (what build-time generation writes). */
    public Compilation translate(String source, Options options) {
        return Compilation.of(source, options);
    }

    /** Compiles a {@code model} (inputs, parameters, statements, a scalar loss) with the default options. */
    public CompiledModel compileModel(String source) {
        return compileModel(source, Options.defaults());
    }

    /** Compiles a {@code model}; the package and class name of the generated class go in {@code options}. */
    public CompiledModel compileModel(String source, Options options) {
        ModelCompilation c = ModelCompilation.of(source, options);
        return new CompiledModel(c, compiler.compile(c.qualifiedClassName(), c.javaSource()));
    }

    /** Runs a model's pipeline up to the Java source, without compiling it (build-time generation). */
    public ModelCompilation translateModel(String source, Options options) {
        return ModelCompilation.of(source, options);
    }

    /**
     * Whether {@code source} is a {@code model} unit (for {@link #compileModel}) rather than
     * an expression or {@code fn} program (for {@link #compile}); decided by its first token.
     */
    public static boolean isModel(String source) {
        return dev.fluxion.compiler.parse.Frontend.isModel(source);
    }

    /** Compiles and instantiates the generated class of {@code c}. */
    DifferentiableFunction load(Compilation c) {
        Class<?> cls = compiler.compile(c.qualifiedClassName(), c.javaSource());
        try {
            return (DifferentiableFunction) cls.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate generated class " + cls.getName(), e);
        }
    }

    /** The compiler behind this instance. */
    public String compilerName() {
        return compiler.name();
    }
}
