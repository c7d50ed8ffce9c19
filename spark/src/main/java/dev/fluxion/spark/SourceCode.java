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
 *
 * @param qualifiedName the binary name of the class the source declares
 * @param javaSource the source
 */
record SourceCode(String qualifiedName, String javaSource) implements ModelCode {

    SourceCode {
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        Objects.requireNonNull(javaSource, "javaSource");
    }

    /** SHA-256 of the name and the source: the same program gives the same key on every JVM. */
    @Override
    public String key() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(qualifiedName.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(javaSource.getBytes(StandardCharsets.UTF_8));
            return "source:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
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
    public String toString() {
        return "source of " + qualifiedName + " (" + javaSource.length() + " chars)";
    }
}
