package dev.fluxion.bench;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.codehaus.janino.SimpleCompiler;

/**
 * Gives the benchmarks their generated objects, compiling each (text, options) pair once
 * per benchmark run instead of once per JMH fork.
 *
 * <p>Why: JMH runs every benchmark and parameter in a fresh JVM, and compiling the
 * n = 10000 Rosenbrock expression takes about a minute here, so compiling it in every fork
 * would spend most of the run compiling. When the system property {@value #PROPERTY}
 * names a directory (the runner script makes a fresh one per run), the first fork runs
 * Fluxion's pipeline and Janino exactly as {@link Fluxion#compile} does (same source,
 * same compiler, same parent loader) and stores the bytecode there; later forks of the
 * same run load those bytes. Without the property every fork compiles with
 * {@link Fluxion#compile}. The compile-time benchmark never uses this store.
 */
public final class ClassStore {

    /** System property naming the per-run bytecode directory. */
    public static final String PROPERTY = "fluxion.bench.classes";

    private ClassStore() {
    }

    /** The generated object for {@code text} under {@code options}. */
    public static DifferentiableFunction load(String text, Options options) {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            return Fluxion.create().compile(text, options).generated();
        }
        Path file = Path.of(dir).resolve(key(text, options) + ".classes");
        try {
            Stored stored = Files.isRegularFile(file) ? read(file) : compileAndStore(text, options, file);
            return stored.instantiate();
        } catch (IOException e) {
            throw new UncheckedIOException("bytecode store " + file, e);
        }
    }

    private static Stored compileAndStore(String text, Options options, Path file) throws IOException {
        Compilation c = Fluxion.create().translate(text, options);
        SimpleCompiler janino = new SimpleCompiler();
        janino.setParentClassLoader(DifferentiableFunction.class.getClassLoader());
        try {
            janino.cook(c.qualifiedClassName().replace('.', '/') + ".java", new StringReader(c.javaSource()));
        } catch (org.codehaus.commons.compiler.CompileException e) {
            throw new IllegalStateException("Janino could not compile " + c.qualifiedClassName() + ": "
                    + e.getMessage(), e);
        }
        Stored stored = new Stored(c.qualifiedClassName(), new TreeMap<>(janino.getBytecodes()));
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "store", ".tmp");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(tmp))) {
            out.writeUTF(stored.mainClass);
            out.writeInt(stored.classes.size());
            for (Map.Entry<String, byte[]> e : stored.classes.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return stored;
    }

    private static Stored read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            String main = in.readUTF();
            int count = in.readInt();
            Map<String, byte[]> classes = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                classes.put(name, bytes);
            }
            return new Stored(main, classes);
        }
    }

    /** A hash of everything that decides the generated class: the text and the options. */
    static String key(String text, Options options) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(text.getBytes(StandardCharsets.UTF_8));
            md.update(("\u0000" + new TreeMap<>(Map.of("caps", new java.util.TreeSet<>(options.capabilities()).toString(),
                    "vars", String.valueOf(options.variables()), "package", options.packageName(),
                    "class", String.valueOf(options.className()), "loops", String.valueOf(options.loops()),
                    "jacobian", options.jacobianMode().name(), "rules", String.valueOf(options.rules().names()))))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Bytecode of one generated class and its nested classes. */
    private record Stored(String mainClass, Map<String, byte[]> classes) {

        DifferentiableFunction instantiate() {
            ClassLoader loader = new BytesClassLoader(classes, DifferentiableFunction.class.getClassLoader());
            try {
                return (DifferentiableFunction) loader.loadClass(mainClass).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate stored class " + mainClass, e);
            }
        }
    }

    /** Defines classes from bytes held in memory. */
    private static final class BytesClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        BytesClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
