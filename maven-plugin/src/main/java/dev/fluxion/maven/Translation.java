package dev.fluxion.maven;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.ModelCompilation;

/**
 * What the generator writes for one source, whichever pipeline produced it: a scalar
 * program's {@link Compilation} (a {@code DifferentiableFunction}) or a model's
 * {@link ModelCompilation} (a {@code Model}). Both pipelines are the runtime API's own, so
 * the text here is the text the runtime compiles.
 *
 * @param packageName package of the generated class ("" for none)
 * @param className   simple name of the generated class
 * @param javaSource  the Java source
 */
record Translation(String packageName, String className, String javaSource) {

    static Translation of(Compilation c) {
        return new Translation(c.options().packageName(), c.className(), c.javaSource());
    }

    static Translation of(ModelCompilation c, String packageName) {
        return new Translation(packageName, c.className(), c.javaSource());
    }

    String qualifiedClassName() {
        return packageName.isEmpty() ? className : packageName + "." + className;
    }

    /** The output path relative to the output directory, e.g. {@code com/example/Mlp.java}. */
    String relativePath() {
        return (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + className + ".java";
    }
}
