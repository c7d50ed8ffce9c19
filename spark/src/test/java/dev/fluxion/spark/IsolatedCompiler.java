package dev.fluxion.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Fluxion compiler in a class loader of its own, with the ANTLR runtime it was built with
 * (the system property {@code fluxion.antlr.jar}, set by the module's surefire configuration),
 * because the tests' classpath has Spark SQL's older ANTLR, which the compiler's parser cannot
 * load (and the reverse). Only the generated Java source (a string) crosses between the loaders;
 * what runs is compiled from it by {@link ModelCode#ofSource}, as on a cluster.
 */
final class IsolatedCompiler {

    private static final String[] OWN = {"dev.fluxion.compiler.", "dev.fluxion.grammar.", "org.antlr.v4.runtime."};
    private static Object fluxion;
    private static Method compileModel;

    private IsolatedCompiler() {
    }

    /** The qualified class name and the Java source of the model program {@code text}. */
    static synchronized String[] compile(String text) {
        try {
            if (fluxion == null) {
                ClassLoader loader = loader();
                Class<?> type = loader.loadClass("dev.fluxion.compiler.Fluxion");
                fluxion = type.getMethod("create").invoke(null);
                compileModel = type.getMethod("compileModel", String.class);
            }
            Object compiled = compileModel.invoke(fluxion, text);
            Object compilation = compiled.getClass().getMethod("compilation").invoke(compiled);
            String name = (String) compilation.getClass().getMethod("qualifiedClassName").invoke(compilation);
            String source = (String) compiled.getClass().getMethod("javaSource").invoke(compiled);
            return new String[] {name, source};
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the isolated compiler failed", e);
        }
    }

    private static ClassLoader loader() {
        String antlr = System.getProperty("fluxion.antlr.jar");
        if (antlr == null || !Files.isRegularFile(Path.of(antlr))) {
            throw new IllegalStateException("system property fluxion.antlr.jar must name the compiler's ANTLR runtime jar, got "
                    + antlr);
        }
        try {
            URL[] urls = {location("dev.fluxion.compiler.Fluxion"), location("dev.fluxion.grammar.FluxionParser"),
                Path.of(antlr).toUri().toURL()};
            return new ChildFirst(urls, IsolatedCompiler.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private static URL location(String className) {
        try {
            return Class.forName(className, false, IsolatedCompiler.class.getClassLoader())
                    .getProtectionDomain().getCodeSource().getLocation();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the test classpath", e);
        }
    }

    /** Loads the compiler, the grammar and ANTLR itself; everything else (the runtime, JavaPoet, Janino) from the parent. */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            for (String prefix : OWN) {
                if (name.startsWith(prefix)) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        if (c == null) {
                            c = findClass(name);
                        }
                        if (resolve) {
                            resolveClass(c);
                        }
                        return c;
                    }
                }
            }
            return super.loadClass(name, resolve);
        }
    }
}
