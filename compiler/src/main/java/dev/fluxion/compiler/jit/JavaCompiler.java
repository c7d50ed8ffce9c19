package dev.fluxion.compiler.jit;

/**
 * Compiles Java source to a loaded class, in process. Two implementations share one
 * test suite: {@link #janino()} (the default, fast) and {@link #javaxTools()} (javac
 * through {@code javax.tools}, for debugging and as a cross-check).
 */
public interface JavaCompiler {

    /**
     * Compiles {@code source} and returns the class called {@code qualifiedName}.
     *
     * @param qualifiedName the binary name of the class to load
     * @param source one compilation unit declaring it
     * @return the loaded class, in a class loader of its own
     * @throws GeneratedCodeException if the source does not compile (a bug in Fluxion)
     */
    Class<?> compile(String qualifiedName, String source);

    /**
     * A short name for messages and cache keys.
     *
     * @return e.g. {@code janino} or {@code javax.tools}
     */
    String name();

    /**
     * Janino: compiles in process in milliseconds and needs no JDK at run time.
     *
     * @return a compiler backed by Janino
     */
    static JavaCompiler janino() {
        return new CommonsCompiler("janino", new org.codehaus.janino.CompilerFactory());
    }

    /**
     * javac through {@code javax.tools}: slower to start and needs a JDK, but gives the
     * JDK's own diagnostics, which helps when generated code does not compile.
     *
     * @return a compiler backed by javac
     */
    static JavaCompiler javaxTools() {
        return new CommonsCompiler("javax.tools", new org.codehaus.commons.compiler.jdk.CompilerFactory());
    }
}
