/**
 * Stage 5, compile at run time: Java source to a loaded class.
 *
 * <p>Takes the source the emitter wrote. {@link dev.fluxion.compiler.jit.JavaCompiler} is one
 * interface with two implementations, Janino (the default: in process, in milliseconds, no
 * JDK needed) and javac through {@code javax.tools} (for debugging and as a cross-check),
 * run against one test suite; {@link dev.fluxion.compiler.jit.ClassCache} keys compiled
 * classes by the SHA-256 of their source.
 *
 * <p>Guarantees: each class is loaded in a class loader of its own; the same source is
 * compiled once per cache; source that does not compile (a bug in Fluxion, never the
 * user's) raises {@link dev.fluxion.compiler.jit.GeneratedCodeException} with the
 * compiler's message and the source.
 */
package dev.fluxion.compiler.jit;
