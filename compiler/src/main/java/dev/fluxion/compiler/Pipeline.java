package dev.fluxion.compiler;

import dev.fluxion.compiler.simplify.Simplifier;
import java.util.List;

/**
 * The pipeline of one entry of a file, run up to the generated Java source and nothing loaded:
 * parse → lower → simplify → schedule → differentiate → simplify → emit, each stage's value kept
 * (never recomputed by a reader). One type for both kinds of entry, so no caller asks which it
 * has: what they share is here, and what only one kind has is reached through {@link #accept}.
 *
 * <ul>
 *   <li>{@link Compilation}, a function ({@code fn}, a bare expression): its class implements
 *       {@link dev.fluxion.runtime.DifferentiableFunction};</li>
 *   <li>{@link ModelCompilation}, a {@code model}: a function of its parameters (differentiated)
 *       and of its inputs and labels (data), whose class implements
 *       {@link dev.fluxion.runtime.model.Model}.</li>
 * </ul>
 *
 * <p>{@link Fluxion#translateEntry} makes one; {@link Fluxion#compileEntry} loads its class as a
 * {@link Compiled}. Immutable.
 */
public sealed interface Pipeline permits Compilation, ModelCompilation {

    /** What an entry is: the one fork of the facade, decided from the tokens by {@code parse/Definitions}. */
    enum Kind {
        /** A {@code fn} or a bare expression. */
        FUNCTION,
        /** A {@code model}. */
        MODEL
    }

    /**
     * Dispatch on the kind without a type test: the pipeline calls the method of its kind.
     *
     * @param <R> what the visit returns
     */
    interface Visitor<R> {
        /** A function's pipeline. */
        R function(Compilation c);

        /** A model's pipeline. */
        R model(ModelCompilation m);
    }

    /**
     * Runs the pipeline of the entry of {@code source} that {@code options} names (none: the
     * file's one entry, or a bare expression) up to the Java source. The kind is decided here,
     * from the tokens ({@code parse/Definitions}): the one fork of the facade.
     *
     * @param source  the program text
     * @param options how to compile it (options a kind does not use are ignored by it)
     * @return the entry's pipeline
     * @throws dev.fluxion.compiler.diag.CompileException if the entry is not valid
     */
    static Pipeline of(String source, Options options) {
        return dev.fluxion.compiler.parse.Frontend.isModel(source, options.entry())
                ? ModelCompilation.of(source, options) : Compilation.of(source, options);
    }

    /**
     * Calls {@code visitor}'s method for this kind.
     *
     * @param visitor what to do with each kind
     * @param <R>     its result type
     * @return what the method returned
     */
    <R> R accept(Visitor<R> visitor);

    /**
     * The kind of the entry.
     *
     * @return {@link Kind#FUNCTION} or {@link Kind#MODEL}
     */
    Kind kind();

    /**
     * The entry's name: {@code rosenbrock} for {@code fn rosenbrock(...)}, {@code mlp} for
     * {@code model mlp { ... }}, {@code f} for a bare expression.
     *
     * @return the name
     */
    String entryName();

    /**
     * The options the entry was compiled with.
     *
     * @return the options
     */
    Options options();

    /**
     * Node counts after lowering ({@code parse}) and after each simplification pass of the
     * program before differentiation ({@code dce}, {@code stabilize}, {@code specialize}).
     *
     * @return one entry per stage, the first being {@code parse}
     */
    List<Simplifier.PassStats> simplifyStats();

    /**
     * The package of the generated class.
     *
     * @return the package name, empty for the unnamed package
     */
    default String packageName() {
        return options().packageName();
    }

    /**
     * The simple name of the generated class.
     *
     * @return the class name
     */
    String className();

    /**
     * The binary name the generated class is loaded under.
     *
     * @return the package and class name, dot-separated
     */
    default String qualifiedClassName() {
        return packageName().isEmpty() ? className() : packageName() + "." + className();
    }

    /**
     * The generated Java source (the {@code emit} stage): plain Java depending only on
     * {@code fluxion-runtime}, what build-time generation writes.
     *
     * @return the source of the class {@link #qualifiedClassName()}
     */
    String javaSource();
}
