package dev.fluxion.maven;

import dev.fluxion.compiler.Pipeline;

/**
 * What the generator writes for one entry, a function's class (a {@code DifferentiableFunction})
 * or a model's (a {@code Model}): the {@link Pipeline} is the runtime API's own, so the text here
 * is the text the runtime compiles.
 *
 * @param packageName package of the generated class ("" for none)
 * @param className   simple name of the generated class
 * @param javaSource  the Java source
 */
record Translation(String packageName, String className, String javaSource) {

    static Translation of(Pipeline p) {
        return new Translation(p.packageName(), p.className(), p.javaSource());
    }

    String qualifiedClassName() {
        return packageName.isEmpty() ? className : packageName + "." + className;
    }

    /** The output path relative to the output directory, e.g. {@code com/example/Mlp.java}. */
    String relativePath() {
        return (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + className + ".java";
    }
}
