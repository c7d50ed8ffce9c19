package dev.fluxion.spark;

import dev.fluxion.runtime.model.Model;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/**
 * A model class shipped as its generated Java source and compiled with Janino where it runs.
 * Immutable; its key (a SHA-256 of the name and the source) is computed once, on the driver, and
 * travels with it.
 */
final class SourceCode implements ModelCode {
    private static final long serialVersionUID = 1L;

    private final String qualifiedName;
    private final String javaSource;
    private final String key;

    SourceCode(String qualifiedName, String javaSource) {
        this.qualifiedName = Objects.requireNonNull(qualifiedName, "qualifiedName");
        this.javaSource = Objects.requireNonNull(javaSource, "javaSource");
        this.key = digest(qualifiedName, javaSource);
    }

    /** SHA-256 of the name and the source: the same program gives the same key on every JVM. */
    private static String digest(String name, String source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(source.getBytes(StandardCharsets.UTF_8));
            return "source:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String key() {
        return key;
    }

    /** Compiles the source with Janino; the class sees the runtime through the loader that loaded {@link Model}. */
    @Override
    public Class<? extends Model> load() {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(Model.class.getClassLoader());
        try {
            compiler.cook(qualifiedName.replace('.', '/') + ".java", new java.io.StringReader(javaSource));
            return compiler.getClassLoader().loadClass(qualifiedName).asSubclass(Model.class);
        } catch (CompileException | java.io.IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Janino could not compile the model class " + qualifiedName + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceCode other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "source of " + qualifiedName + " (" + javaSource.length() + " chars)";
    }
}
