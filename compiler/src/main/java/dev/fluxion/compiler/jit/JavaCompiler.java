package dev.fluxion.compiler.jit;

/**
 * Compiles Java source to a loaded class, in process. Two implementations share one
 * test suite: {@link #janino()} (the default, fast) and {@link #javaxTools()} (javac
 * through {@code javax.tools}, for debugging and as a cross-check).
 */
public interface JavaCompiler {

    /** Compiles {@code source} and returns the class called {@code qualifiedName}. */
    Class<?> compile(String qualifiedName, String source);

    /** A short name for messages and cache keys. */
    String name();

    static JavaCompiler janino() {
        return new CommonsCompiler("janino", new org.codehaus.janino.CompilerFactory());
    }

    static JavaCompiler javaxTools() {
        return new CommonsCompiler("javax.tools", new org.codehaus.commons.compiler.jdk.CompilerFactory());
    }
}
