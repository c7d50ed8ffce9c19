package dev.fluxion.compiler;

import dev.fluxion.runtime.model.Model;

/**
 * A compiled model: its compilation (for the stages and the Java source) and the loaded
 * class, from which {@link #newModel()} makes independent instances (each owns its
 * parameters and buffers, so use one per thread).
 */
public final class CompiledModel implements Compiled {

    private final ModelCompilation compilation;
    private final Class<?> type;

    CompiledModel(ModelCompilation compilation, Class<?> type) {
        this.compilation = compilation;
        this.type = type;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.model(this);
    }

    /**
     * A new instance with zeroed parameters (initialize them with the runtime's initializers).
     *
     * @return a new, independent instance
     * @throws IllegalStateException if the generated class cannot be instantiated (a bug)
     */
    public Model newModel() {
        try {
            return (Model) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate generated model " + type.getName(), e);
        }
    }

    /**
     * The stages of the model's compilation, for inspection and tests.
     *
     * @return the compilation
     */
    @Override
    public ModelCompilation compilation() {
        return compilation;
    }

    /**
     * The generated Java source of the model class, what build-time generation would write.
     *
     * @return the source
     */
    @Override
    public String javaSource() {
        return compilation.javaSource();
    }
}
