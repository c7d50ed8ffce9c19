package dev.fluxion.tests.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac through {@code javax.tools}, many compilation units in one invocation (javac's start-up
 * dominates a small class), then each class loaded from memory. For tests that check
 * hundreds of generated classes with javac as well as with Janino.
 */
public final class BatchJavac {

    private BatchJavac() {
    }

    /**
     * Compiles every source (qualified class name to source) and loads the classes.
     *
     * @throws AssertionError with javac's diagnostics if a unit does not compile
     */
    public static Map<String, Class<?>> compile(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, null);
        Map<String, ByteArrayOutputStream> bytes = new HashMap<>();
        var manager = new ForwardingJavaFileManager<StandardJavaFileManager>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return bytes.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            units.add(new SimpleJavaFileObject(URI.create("string:///" + e.getKey().replace('.', '/') + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return e.getValue();
                }
            });
        }
        String classpath = System.getProperty("java.class.path");
        StringWriter out = new StringWriter();
        boolean ok = javac.getTask(out, manager, diagnostics, List.of("-classpath", classpath, "-proc:none"), null, units)
                .call();
        if (!ok) {
            throw new AssertionError("javac failed: " + diagnostics.getDiagnostics() + out);
        }
        ClassLoader loader = new ClassLoader(BatchJavac.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                ByteArrayOutputStream b = bytes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] code = b.toByteArray();
                return defineClass(name, code, 0, code.length);
            }
        };
        Map<String, Class<?>> loaded = new HashMap<>();
        for (String name : sources.keySet()) {
            try {
                loaded.put(name, loader.loadClass(name));
            } catch (ClassNotFoundException e) {
                throw new AssertionError("javac wrote no class " + name, e);
            }
        }
        return loaded;
    }
}
