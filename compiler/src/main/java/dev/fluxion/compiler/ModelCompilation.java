package dev.fluxion.compiler;

import dev.fluxion.compiler.codegen.ClassNames;
import dev.fluxion.compiler.codegen.ModelEmitter;
import dev.fluxion.compiler.diag.SourceText;
import dev.fluxion.compiler.diff.Forward;
import dev.fluxion.compiler.diff.Reverse;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.ModelProgram;
import dev.fluxion.compiler.parse.Frontend;
import dev.fluxion.compiler.simplify.Simplifier;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline of a {@code model}, one line per stage: parse and lower, simplify (the
 * stabilize and specialize rules, as a function's program gets them), differentiate in reverse
 * mode with respect to the parameters (and forward over it for JVP and H·v), simplify the
 * derivative, emit Java. A model's graph keeps the order lowering gave it (each node after its
 * operands), which is the order its kernels run in, so the schedule stage is the identity.
 * Every stage's value is kept for inspection and tests. Immutable.
 */
public final class ModelCompilation implements Pipeline {

    private final Options options;
    private final ModelProgram lowered;
    private final ModelProgram program;
    private final List<Simplifier.PassStats> simplifyStats;
    private final Graph differentiated;
    private final Graph gradient;
    private final String className;
    private final String source;

    private ModelCompilation(Options options, ModelProgram lowered, ModelProgram program,
                             List<Simplifier.PassStats> simplifyStats, Graph differentiated, Graph gradient,
                             String className, String source) {
        this.options = options;
        this.lowered = lowered;
        this.program = program;
        this.simplifyStats = List.copyOf(simplifyStats);
        this.differentiated = differentiated;
        this.gradient = gradient;
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
        ModelProgram lowered = Frontend.parseModel(src, options.rules().newBuilder(), options.entry()); // parse, lower
        return of(lowered, options);
    }

    /** The stages after lowering, for a model lowered from {@code text} or a function lowered to a model. */
    static ModelCompilation of(ModelProgram lowered, Options options) {
        Simplifier.Result simplified = Simplifier.simplify(lowered.graph(), options.rules());            // simplify
        ModelProgram program = new ModelProgram(lowered.name(), simplified.graph(), lowered.inputs(), lowered.params());
        List<Simplifier.PassStats> stats = new ArrayList<>();
        stats.add(new Simplifier.PassStats("parse", lowered.graph().size(), lowered.graph().operationCount()));
        stats.addAll(simplified.stats());
        Graph differentiated = Reverse.vjp(program.graph(), options.rules().newBuilder(), ModelProgram.LOSS, // differentiate
                ModelProgram.PARAM_ARRAY, true, null, ModelProgram.GRAD).withoutDeadCode();
        if (tangents(options)) {                                                                      // forward over it
            differentiated = Forward.jvp(differentiated, options.rules().newBuilder(), ModelProgram.PARAM_ARRAY,
                    ModelProgram.DIRECTION);
            if (!options.capabilities().contains(Capability.HESSIAN)) {                                 // jvp alone
                differentiated = differentiated.keepOutputs(List.of(ModelProgram.LOSS, ModelProgram.VALUES,
                        ModelProgram.GRAD, "d" + ModelProgram.LOSS)).withoutDeadCode();
            }
        }
        Graph gradient = Simplifier.simplify(differentiated, options.rules()).graph();                 // simplify
        String className = options.className() != null ? options.className() : ClassNames.ofModel(program.name());
        String source = ModelEmitter.emit(program, gradient, options.packageName(), className,         // emit
                options.matmulPrecision());
        return new ModelCompilation(options, lowered, program, stats, differentiated, gradient, className, source);
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

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.model(this);
    }

    @Override
    public Kind kind() {
        return Kind.MODEL;
    }

    @Override
    public String entryName() {
        return program.name();
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public List<Simplifier.PassStats> simplifyStats() {
        return simplifyStats;
    }

    /**
     * The model as lowered from the text (constants folded, nothing else simplified).
     *
     * @return the lowered model
     */
    public ModelProgram lowered() {
        return lowered;
    }

    /**
     * The model after the simplification rules (stabilize, specialize): what is differentiated
     * and what the generated class computes.
     *
     * @return the simplified model
     */
    public ModelProgram program() {
        return program;
    }

    /**
     * The gradient graph as differentiation left it, before it is simplified (the {@code diff}
     * stage of {@code --dump-after}).
     *
     * @return the unsimplified derivative graph
     */
    public Graph differentiated() {
        return differentiated;
    }

    /**
     * The model graph with the gradient port {@code grad} added (reverse mode); with the JVP or
     * HESSIAN capability also the tangents of its outputs in the direction of input port
     * {@code direction} ({@code dloss}, {@code dgrad}: forward over reverse). Simplified.
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
    @Override
    public String javaSource() {
        return source;
    }

    /**
     * The simple name of the generated class: from the options, else the model's name
     * capitalized with {@code Model} appended ({@code mlp} gives {@code MlpModel}).
     *
     * @return the class name
     */
    @Override
    public String className() {
        return className;
    }
}
