package dev.fluxion.compiler;

/**
 * An entry of a file of definitions: a function or model that can be compiled on its own
 * (see {@link Fluxion#entries} and {@link Options#withEntry}), by {@link Fluxion#compileEntry}
 * whatever its kind.
 *
 * @param name  the function's or model's name
 * @param model whether it is a model rather than a function
 */
public record Entry(String name, boolean model) {

    /**
     * The kind of the entry.
     *
     * @return {@link Pipeline.Kind#MODEL} or {@link Pipeline.Kind#FUNCTION}
     */
    public Pipeline.Kind kind() {
        return model ? Pipeline.Kind.MODEL : Pipeline.Kind.FUNCTION;
    }
}
