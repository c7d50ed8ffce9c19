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

    /** Number of distinct classes compiled so far. */
    public int size() {
        return classes.size();
    }

    public static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
