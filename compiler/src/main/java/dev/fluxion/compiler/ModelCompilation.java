package dev.fluxion.compiler;

import dev.fluxion.compiler.codegen.ClassNames;
import dev.fluxion.compiler.codegen.ModelEmitter;
import dev.fluxion.compiler.diag.SourceText;
import dev.fluxion.compiler.diff.Forward;
import dev.fluxion.compiler.diff.Reverse;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.ModelProgram;
import dev.fluxion.compiler.parse.Frontend;

/**
 * The pipeline of a {@code model}, one line per stage: parse and lower, differentiate in
 * reverse mode with respect to the parameters, emit Java. Every stage's output is kept
 * for inspection and tests. Immutable.
 */
public final class ModelCompilation {

    private final ModelProgram program;
    private final Graph gradient;
    private final String packageName;
    private final String className;
    private final String source;

    private ModelCompilation(ModelProgram program, Graph gradient, String packageName, String className, String source) {
        this.program = program;
        this.gradient = gradient;
        this.packageName = packageName;
        this.className = className;
        this.source = source;
    }

    /**
     * Runs the pipeline on {@code text}.
     *
     * @param text a {@code model} declaration
     * @param options the package, class name, source name, rules and precision of matrix products
     * @return every stage's result
     * @throws dev.fluxion.compiler.diag.CompileException if the model is not valid; the message points at the offending text
     */
    public static ModelCompilation of(String text, Options options) {
        SourceText src = new SourceText(options.sourceName(), text);
        ModelProgram program = Frontend.parseModel(src, options.rules().newBuilder(), options.entry()); // parse, lower
        Graph gradient = Reverse.vjp(program.graph(), options.rules().newBuilder(), ModelProgram.LOSS,    // differentiate
                ModelProgram.PARAM_ARRAY, true, null, ModelProgram.GRAD).withoutDeadCode();
        if (tangents(options)) {                                                                      // forward over it
            gradient = Forward.jvp(gradient, options.rules().newBuilder(), ModelProgram.PARAM_ARRAY, ModelProgram.DIRECTION);
            if (!options.capabilities().contains(Capability.HESSIAN)) {                                 // jvp alone
                gradient = gradient.keepOutputs(java.util.List.of(ModelProgram.LOSS, ModelProgram.VALUES,
                        ModelProgram.GRAD, "d" + ModelProgram.LOSS)).withoutDeadCode();
            }
        }
        String className = options.className() != null ? options.className() : ClassNames.ofModel(program.name());
        String source = ModelEmitter.emit(program, gradient, options.packageName(), className,         // emit
                options.matmulPrecision());
        return new ModelCompilation(program, gradient, options.packageName(), className, source);
    }

    /**
     * Whether the options ask for a model's forward-mode methods ({@code jvp} with the JVP
     * capability, {@code hessianVector} too with HESSIAN): its graph is then the forward mode
     * of the gradient graph, which holds the gradient graph itself, the loss's tangent and the
     * gradient's tangent (H·v).
     */
    static boolean tangents(Options options) {
        return options.capabilities().contains(Capability.JVP) || options.capabilities().contains(Capability.HESSIAN);
    }

    /**
     * The lowered model.
     *
     * @return the parsed and lowered model
     */
    public ModelProgram program() {
        return program;
    }

    /**
     * The model graph with the gradient port {@code grad} added (reverse mode); with the JVP or
     * HESSIAN capability also the tangents of its outputs in the direction of input port
     * {@code direction} ({@code dloss}, {@code dgrad}: forward over reverse).
     *
     * @return the graph the generated class computes
     */
    public Graph gradient() {
        return gradient;
    }

    /**
     * The generated Java source: a class implementing {@link dev.fluxion.runtime.model.Model}
     * that depends only on {@code fluxion-runtime}.
     *
     * @return the source
     */
    public String javaSource() {
        return source;
    }

    /**
     * The simple name of the generated class: from the options, else the model's name
     * capitalized with {@code Model} appended ({@code mlp} gives {@code MlpModel}).
     *
     * @return the class name
     */
    public String className() {
        return className;
    }

    /**
     * The binary name the generated class is loaded under.
     *
     * @return the package and class name, dot-separated
     */
    public String qualifiedClassName() {
        return packageName.isEmpty() ? className : packageName + "." + className;
    }
}
