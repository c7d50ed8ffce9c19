package dev.fluxion.spark;

import dev.fluxion.runtime.model.Model;
import java.util.Objects;

/**
 * A model class on the classpath, loaded through the task's context class loader (the one that
 * sees the application jar on a Spark executor).
 *
 * @param className the binary name
 */
record ClasspathCode(String className) implements ModelCode {

    ClasspathCode {
        Objects.requireNonNull(className, "className");
    }

    @Override
    public String key() {
        return "class:" + className;
    }

    @Override
    public Class<? extends Model> load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(className, true, loader != null ? loader : Model.class.getClassLoader())
                    .asSubclass(Model.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("model class " + className + " is not on the classpath"
                    + " (package it in the application jar, or ship it with ModelCode.ofSource)", e);
        }
    }
}
