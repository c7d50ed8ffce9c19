package dev.fluxion.compiler;

/**
 * A compiled entry with its class loaded: a {@link CompiledFunction} (value and derivatives as
 * arrays) or a {@link CompiledModel} (from which {@code newModel()} makes trainable instances).
 * What both have is here; what one kind alone has is reached through {@link #accept}, so a
 * caller never asks which kind it holds. {@link Fluxion#compileEntry} makes one.
 */
public sealed interface Compiled permits CompiledFunction, CompiledModel {

    /**
     * Dispatch on the kind without a type test.
     *
     * @param <R> what the visit returns
     */
    interface Visitor<R> {
        /** A compiled function. */
        R function(CompiledFunction f);

        /** A compiled model. */
        R model(CompiledModel m);
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
     * The pipeline the class came from, every stage kept.
     *
     * @return the compilation
     */
    Pipeline compilation();

    /**
     * The kind of the entry.
     *
     * @return {@link Pipeline.Kind#FUNCTION} or {@link Pipeline.Kind#MODEL}
     */
    default Pipeline.Kind kind() {
        return compilation().kind();
    }

    /**
     * The entry's name ({@code rosenbrock}, {@code mlp}).
     *
     * @return the name
     */
    default String entryName() {
        return compilation().entryName();
    }

    /**
     * The generated Java source of the class, as build-time generation writes it.
     *
     * @return the source
     */
    String javaSource();
}
