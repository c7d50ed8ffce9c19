package dev.fluxion.compiler.jit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link JavaCompiler} that remembers what it compiled, keyed by the SHA-256 of the
 * source: the same program with the same options is compiled once. Safe for concurrent
 * use. Owned by a {@code Fluxion} instance, never global.
 */
public final class ClassCache implements JavaCompiler {

    private final JavaCompiler delegate;
    private final ConcurrentHashMap<String, Class<?>> classes = new ConcurrentHashMap<>();

    /**
     * A cache in front of {@code delegate}, empty at first.
     *
     * @param delegate the compiler that compiles what is not cached yet
     */
    public ClassCache(JavaCompiler delegate) {
        this.delegate = delegate;
    }

    @Override
    public Class<?> compile(String qualifiedName, String source) {
        return classes.computeIfAbsent(qualifiedName + "@" + sha256(source), k -> delegate.compile(qualifiedName, source));
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /**
     * Number of distinct classes compiled so far.
     *
     * @return the number of cached classes
     */
    public int size() {
        return classes.size();
    }

    /**
     * The cache key of a source: two sources compile to the same class exactly when their
     * texts are equal, and a digest keeps the key short for large generated classes.
     *
     * @param s the source text
     * @return the SHA-256 of its UTF-8 bytes, in lower-case hex
     */
    public static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
