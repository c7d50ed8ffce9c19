package dev.fluxion.compiler;

/**
 * An entry of a file of definitions: a function or model that can be compiled on its own
 * (see {@link Fluxion#entries} and {@link Options#withEntry}).
 *
 * @param name  the function's or model's name
 * @param model whether it is a model (compiled with {@link Fluxion#compileModel}) rather
 *              than a function (compiled with {@link Fluxion#compile})
 */
public record Entry(String name, boolean model) {
}
