package dev.fluxion.spark;

import dev.fluxion.runtime.model.Model;
import java.io.Serializable;

/**
 * How the executors get the generated model class: the only thing about the model that travels
 * to them besides its parameters. Two forms:
 * <ul>
 *   <li>{@link #ofSource}: the generated Java source (what {@code CompiledModel.javaSource()}
 *       returns on the driver). Each executor JVM compiles it once with Janino, the compiler
 *       Spark itself ships for its SQL code generation, and keeps the class
 *       ({@link ExecutorCache}); the Fluxion compiler is not needed on the cluster.</li>
 *   <li>{@link #onClasspath}: a class generated at build time (the Maven plugin) and compiled by
 *       javac into the application jar; nothing is compiled on the executors.</li>
 * </ul>
 * Source rather than bytecode: it is what the compiler's public API hands out, it is a few
 * kilobytes, and compiling it once per JVM takes milliseconds.
 */
public interface ModelCode extends Serializable {

    /**
     * A stable identity of the code (a digest of the source, or the class name), under which an
     * executor keeps the loaded class and idle model instances.
     *
     * @return the key
     */
    String key();

    /**
     * Loads (compiling if need be) the model class. Called once per JVM by {@link ExecutorCache},
     * again only after {@link ExecutorCache#clear()}.
     *
     * @return the class, which implements {@link Model}
     */
    Class<? extends Model> load();

    /**
     * A fresh instance of the model, through this JVM's cache.
     *
     * @return a new model with zeroed parameters
     */
    default Model newModel() {
        return ExecutorCache.newInstance(this);
    }

    /**
     * The generated source of a model class, compiled with Janino once per executor JVM.
     *
     * @param qualifiedName the binary name of the class the source declares
     *                      ({@code ModelCompilation.qualifiedClassName()})
     * @param javaSource the source ({@code CompiledModel.javaSource()})
     * @return the code
     */
    static ModelCode ofSource(String qualifiedName, String javaSource) {
        return new SourceCode(qualifiedName, javaSource);
    }

    /**
     * A model class already on the executors' classpath (generated at build time and packaged
     * in the application jar).
     *
     * @param className its binary name
     * @return the code
     */
    static ModelCode onClasspath(String className) {
        return new ClasspathCode(className);
    }
}
