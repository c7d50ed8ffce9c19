package dev.fluxion.compiler;

import dev.fluxion.compiler.codegen.ClassEmitter;
import dev.fluxion.compiler.codegen.ClassNames;
import dev.fluxion.compiler.diag.SourceText;
import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.diff.Reverse;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Printer;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.compiler.ir.Schedule;
import dev.fluxion.compiler.parse.Frontend;
import dev.fluxion.compiler.roll.Expansion;
import dev.fluxion.compiler.roll.Rolling;
import dev.fluxion.compiler.simplify.Simplifier;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the pipeline produced for one program, stage by stage: the lowered program
 * (what the user wrote, constants folded), the simplified primal in lecture order, the
 * derivative graphs, and the Java source. Immutable.
 */
public final class Compilation implements Pipeline {

    private final Options options;
    /** The program as lowered; its long sums may be loop sums ({@code Program.loops()}). */
    private final Program parsed;
    private final Simplifier.Result simplified;
    /** The simplified program in lecture order; loop sums stay loop sums. */
    private final Program primal;
    /** {@link #parsed} and {@link #primal} with their loop sums written out, built on first use. */
    private volatile Program expandedParsed;
    private volatile Program expandedPrimal;
    /** The derivative graphs the generated methods compute (none when every method loops). */
    private final Derivatives emitted;
    /** All straight-line derivative graphs, built on first {@link #derivatives()} when not emitted. */
    private volatile Derivatives derivatives;
    private final Rolling rolling;
    private final Set<Capability> capabilities;
    private final String className;
    private final boolean forwardJacobian;
    /** The Java source, emitted on first {@link #javaSource()} (a class run as a graph needs none). */
    private volatile String source;

    /** The re-rolled form as found, before any forward-mode form was added (null: none). */
    private final Rolling found;

    /**
     * The tensor back end's pipeline, for a function whose body reads an array parameter whole
     * (null: the scalar back ends). Such a function has no scalar stages.
     */
    private final ModelCompilation tensor;

    private Compilation(Options options, Program parsed, Simplifier.Result simplified, Program primal, Rolling found) {
        this(options, parsed, simplified, primal, found,
                Derivatives.effective(options.capabilities(), primal.outputCount()));
    }

    private Compilation(Options options, Program parsed, Simplifier.Result simplified, Program primal, Rolling found,
                        Set<Capability> capabilities) {
        this.tensor = null;
        this.options = options;
        this.parsed = parsed;
        this.simplified = simplified;
        this.primal = primal;
        this.found = found;
        this.capabilities = capabilities;
        this.rolling = withTangents(found, options, capabilities);
        this.emitted = rolling != null ? Derivatives.none(primal)
                : Derivatives.build(primal, options.rules(), capabilities);                            // differentiate
        this.derivatives = rolling != null ? null : emitted;
        this.className = options.className() != null ? options.className() : ClassNames.ofFunction(parsed.name());
        Mode jacobian = options.jacobianMode() == Mode.AUTO
                ? Mode.forShape(primal.inputCount(), primal.outputCount()) : options.jacobianMode();
        this.forwardJacobian = jacobian == Mode.FORWARD;
    }

    /**
     * A function lowered to the tensor IR: its stages are {@code tensor}'s (a model of the
     * function's parameters, its data as the model's inputs, its value as the loss), its class
     * the model class, which {@link Fluxion} wraps as a {@link dev.fluxion.runtime.DifferentiableFunction}
     * ({@link dev.fluxion.runtime.model.ModelFunction}).
     */
    private Compilation(Options options, ModelCompilation tensor) {
        this.tensor = tensor;
        this.options = options;
        this.parsed = null;
        this.simplified = null;
        this.primal = null;
        this.found = null;
        this.rolling = null;
        this.emitted = null;
        this.derivatives = null;
        Set<Capability> caps = EnumSet.of(Capability.VALUE, Capability.GRADIENT);
        if (ModelCompilation.tangents(tensor.options())) {
            caps.addAll(EnumSet.of(Capability.JVP, Capability.JACOBIAN));
        }
        if (tensor.options().capabilities().contains(Capability.HESSIAN)) {
            caps.add(Capability.HESSIAN);
        }
        this.capabilities = java.util.Collections.unmodifiableSet(caps);
        this.className = tensor.className();
        this.forwardJacobian = false;
        this.source = tensor.javaSource();
    }

    /**
     * The function whose lowered tensor IR is {@code lowered}, through the tensor back end: the
     * model pipeline from simplification on, its class named as a function's, with forward mode
     * when the options ask for JVP, a Jacobian or the Hessian.
     */
    private static Compilation tensor(dev.fluxion.compiler.ir.ModelProgram lowered, Options options) {
        Options o = options.className() != null ? options : options.withClassName(ClassNames.ofFunction(lowered.name()));
        if (o.capabilities().contains(Capability.JACOBIAN)) {
            o = o.withCapability(Capability.JVP);  // a forward Jacobian of one output is m JVPs
        }
        return new Compilation(options, ModelCompilation.of(lowered, o));
    }

    /**
     * Runs the pipeline up to the Java source: parse, simplify, schedule, re-roll,
     * differentiate, emit. Nothing is compiled to bytecode, so this is also what build-time
     * generation uses.
     *
     * @param text the program
     * @param options how to compile it
     * @return every stage's result
     * @throws dev.fluxion.compiler.diag.CompileException on bad input, with the line, the
     *         column and a caret under the offending text
     */
    public static Compilation of(String text, Options options) {
        SourceText src = new SourceText(options.sourceName(), text);
        Frontend.FunctionIr lowered = Frontend.lowerFunction(src, options.variables(), options.sizes(),         // parse
                options.rules().newBuilder(), options.entry(), options.loops());
        if (lowered.tensor() != null) {
            return tensor(lowered.tensor(), options);  // it reads arrays whole: the tensor back end
        }
        Program parsed = lowered.scalar();
        Simplifier.Result simplified = Simplifier.simplify(parsed.graph(), options.rules());           // simplify
        Program primal = parsed.withGraph(Schedule.lectureOrder(simplified.graph()));                 // schedule
        if (primal.hasLoops()) {
            primal = primal.withLoops(primal.loops().stream()
                    .map(l -> l.withTerm(Simplifier.simplify(l.term(), options.rules()).graph())).toList())
                    .withScans(primal.scans().stream()
                            .map(q -> q.withBody(Simplifier.simplify(q.body(), options.rules()).graph())).toList());
            Rolling kept = Rolling.of(primal, options.rules(), options.checkpoints(), options.snapshots());  // loops as kept
            if (kept != null && splitScans(kept) && options.capabilities().contains(Capability.HESSIAN)) {
                if (primal.firstGather() != null) {  // no written-out form either: the loops kept, no Hessian
                    Set<Capability> caps = EnumSet.copyOf(Derivatives.effective(options.capabilities(), primal.outputCount()));
                    caps.remove(Capability.HESSIAN);
                    return new Compilation(options, parsed, simplified, primal, kept,
                            java.util.Collections.unmodifiableSet(caps));
                }
                kept = null;  // a loop body split into methods has no Hessian form yet: written out
            }
            if (kept != null) {
                return new Compilation(options, parsed, simplified, primal, kept);
            }
            String gather = primal.firstGather();
            if (gather != null) {
                throw new dev.fluxion.compiler.diag.CompileException(src, dev.fluxion.compiler.diag.Diagnostic.whole(
                        gather + " reads at a position taken from data, which only a loop can do, and a loop body "
                                + "of this sum would exceed the JIT's method size: split the term into several sums"));
            }
            parsed = Expansion.expand(parsed, options.rules().newBuilder());
            simplified = Simplifier.simplify(parsed.graph(), options.rules());
            primal = parsed.withGraph(Schedule.lectureOrder(simplified.graph()));
        }
        Rolling found = options.loops() ? Rolling.find(primal.graph(), options.rules()) : null;        // re-roll
        return new Compilation(options, parsed, simplified, primal, found);
    }

    /**
     * This compilation with one more capability: the same result as compiling the text again
     * with {@code options().withCapability(cap)}, without parsing, simplifying and re-rolling
     * it again (what a class compiled on first use for another capability needs).
     *
     * @param cap the capability to add
     * @return the compilation with it
     */
    public Compilation withCapability(Capability cap) {
        if (tensor != null) {
            return tensor(tensor.lowered(), options.withCapability(cap));
        }
        if (hessianOfSplitLoop(cap)) {
            refuseHessianOfGather();
            Options more = options.withCapability(cap);
            return writtenOut(more, Derivatives.effective(more.capabilities(), primal.outputCount()));
        }
        return new Compilation(options.withCapability(cap), parsed, simplified, primal, found);
    }

    /** Whether a for loop of {@code r} has a body split into methods ({@code roll.SplitStep}). */
    private static boolean splitScans(Rolling r) {
        return r.scans().stream().anyMatch(q -> q.split() != null);
    }

    /**
     * Refuses the Hessian of a program whose {@code for} loop has a body split into methods (no
     * second-order form yet) and that reads by data (no written-out form), naming both reasons.
     */
    private void refuseHessianOfGather() {
        String gather = primal.firstGather();
        if (gather != null) {
            throw new UnsupportedOperationException("the Hessian of '" + primal.name() + "' is not available: its for "
                    + "loop's body is split into methods, which have no second-order form yet, and it reads by data ("
                    + gather + "), so it cannot be written out either; its value, gradient, JVP and Jacobians are");
        }
    }

    /** Whether {@code cap} is the Hessian of a program with a loop body split into methods, which has no form of it yet. */
    private boolean hessianOfSplitLoop(Capability cap) {
        return cap == Capability.HESSIAN && found != null && splitScans(found);
    }

    /**
     * The compilation of this program with its sums and {@code for} loops written out, all code
     * straight-line: the Hessian of a program whose loop body is split into methods of its own
     * ({@code roll.SplitStep}), which have no second-order form yet.
     */
    private Compilation writtenOut(Options o, Set<Capability> caps) {
        Program written = Expansion.expand(parsed, o.rules().newBuilder());
        Simplifier.Result s = Simplifier.simplify(written.graph(), o.rules());
        return new Compilation(o, written, s, written.withGraph(Schedule.lectureOrder(s.graph())), null, caps);
    }

    /**
     * The compilation of the class {@link CompiledFunction} compiles on the first call that
     * needs {@code cap}, a capability its class lacks: that class has the methods of the
     * capability alone (no value, no gradient: the first class has them), so the first call
     * compiles no code twice. Forward mode is one group: for {@link Capability#JVP} or
     * {@link Capability#JACOBIAN} the class has both (their methods share the tangent code,
     * see {@link ClassEmitter}); the Hessian class has the Hessian-vector product and the
     * Hessian. A scalar function's reverse-mode Jacobian is its gradient, which the first
     * class has: the forward class's {@code jacobianReverse} throws. A re-rolled function
     * (small loops) gets the whole class with the capability added, as
     * {@link #withCapability} gives it.
     *
     * @param cap the capability the call needs
     * @return the compilation of the class that provides it
     */
    public Compilation forFirstUse(Capability cap) {
        if (tensor != null) {
            return withCapability(cap);  // the model class again, with the capability's methods added
        }
        boolean forward = cap == Capability.JVP || cap == Capability.JACOBIAN;
        if (hessianOfSplitLoop(cap)) {
            refuseHessianOfGather();
            Set<Capability> only = forward ? EnumSet.of(Capability.JVP, Capability.JACOBIAN) : EnumSet.of(cap);
            return writtenOut(options.withCapabilities(only), java.util.Collections.unmodifiableSet(only));
        }
        if (found != null) {
            Options more = forward ? options.withCapability(Capability.JVP).withCapability(Capability.JACOBIAN)
                    : options.withCapability(cap);
            return new Compilation(more, parsed, simplified, primal, found);
        }
        Set<Capability> only = forward ? EnumSet.of(Capability.JVP, Capability.JACOBIAN) : EnumSet.of(cap);
        if (primal.outputCount() != 1) {
            only.remove(Capability.HESSIAN);
        }
        return new Compilation(options.withCapabilities(only), parsed, simplified, primal, null,
                java.util.Collections.unmodifiableSet(only));
    }

    /**
     * The operations of the straight-line code the generated class would compute: the value
     * (when the class has it) and every derivative graph it emits, loops excluded. The Java
     * source is about 120 characters per operation.
     *
     * @return the number of operations
     */
    public long straightLineOperations() {
        if (tensor != null) {
            return tensor.gradient().operationCount();
        }
        long ops = capabilities.contains(Capability.VALUE) && rolling == null ? primal.graph().operationCount() : 0;
        for (Graph g : emitted.all().values()) {
            ops += g.operationCount();
        }
        return ops;
    }

    /**
     * The derivative graphs the generated class computes (none when its methods loop over
     * re-rolled sums): what {@link CompiledFunction} runs in the reference interpreter when
     * a class compiled on first use would be too large to compile quickly.
     *
     * @return the emitted derivative graphs, by name ({@link Derivatives#GRADIENT}, ...)
     */
    public Derivatives emitted() {
        scalarOnly("emitted");
        return emitted;
    }

    /**
     * The re-rolled form with its forward-mode form when the class has tangent methods (JVP,
     * forward Jacobian) or Hessian methods, so they loop too.
     */
    private static Rolling withTangents(Rolling r, Options options, Set<Capability> capabilities) {
        if (r == null) {
            return null;
        }
        boolean hessian = capabilities.contains(Capability.HESSIAN);
        boolean tangents = hessian || capabilities.contains(Capability.JVP) || capabilities.contains(Capability.JACOBIAN);
        return tangents ? r.withTangents(options.rules(), hessian) : r;
    }

    /**
     * The options the program was compiled with, so that a later stage (a class compiled
     * on first use for another capability) can repeat the compilation with one change.
     *
     * @return the options
     */
    @Override
    public Options options() {
        return options;
    }

    /**
     * The program as lowered from the text (constants folded, nothing else simplified), in
     * lecture order: inputs first, then each operation after its operands. This is what
     * {@code fluxion trace} shows as v0, v1, ..., so it stays close to what the user wrote.
     *
     * @return the parsed program
     */
    public Program parsed() {
        scalarOnly("parsed");
        Program p = expandedParsed;
        if (p == null) {
            Program written = Expansion.expand(parsed, options.rules().newBuilder());
            p = new Program(written.name(), Schedule.lectureOrder(written.graph()));
            expandedParsed = p;
        }
        return p;
    }

    /**
     * The simplified primal program in lecture order: the computation the generated value
     * method performs, and the graph the straight-line derivatives are built from. Sums that
     * the generated code runs as loops ({@code sum(i in lo..hi: ...)}) are written out term by
     * term here, on the first call, so this graph grows with the trip counts.
     *
     * @return the primal program
     */
    public Program primal() {
        scalarOnly("primal");
        Program p = expandedPrimal;
        if (p == null) {
            if (!primal.hasLoops()) {
                p = primal;
            } else {
                Program written = Expansion.expand(primal, options.rules().newBuilder());
                p = written.withGraph(Schedule.lectureOrder(Simplifier.simplify(written.graph(), options.rules()).graph()));
            }
            expandedPrimal = p;
        }
        return p;
    }

    /**
     * The simplified primal program in lecture order with its long sums kept as loop sums
     * ({@link Program#loops()}, their values on input port {@code s}), as the generated code runs
     * them: what reads the program without writing the sums out (sparsity patterns) uses.
     *
     * @return the primal program, loop sums kept
     */
    public Program primalWithLoops() {
        scalarOnly("primalWithLoops");
        return primal.scans().isEmpty() ? primal : primal();
    }

    /** The simplified primal with its sums and {@code for} loops kept as loops, never written out. */
    Program keptLoops() {
        scalarOnly("keptLoops");
        return primal;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.function(this);
    }

    @Override
    public Kind kind() {
        return Kind.FUNCTION;
    }

    /** The program's name, as {@link #programName()}. */
    @Override
    public String entryName() {
        return programName();
    }

    /**
     * The program's name ({@code rosenbrock} for {@code fn rosenbrock(...)}), without writing out
     * any loop (a program that gathers by data has no written-out form).
     *
     * @return the name
     */
    public String programName() {
        if (tensor != null) {
            return tensor.entryName();
        }
        return primal.name();
    }

    /**
     * What the reverse sweeps of the {@code for} loops kept as loops store and recompute, or
     * null when the generated code keeps none (no loop, or loops written out).
     *
     * @return the tape report
     */
    public TapeReport tapeReport() {
        if (tensor != null) {
            return null;
        }
        if (rolling == null || rolling.scans().isEmpty()) {
            return null;
        }
        return TapeReport.of(rolling.scans());
    }

    /**
     * The input names, in input order (without writing out any loop sum).
     *
     * @return the labels of the input port
     */
    public List<String> inputNames() {
        if (tensor != null) {
            List<dev.fluxion.compiler.ir.ModelProgram.Declaration> params = tensor.program().params();
            return dev.fluxion.compiler.ir.Labels.of(params.stream().map(d -> d.name()).toList(),
                    params.stream().map(d -> d.shape().toArray()).toList());
        }
        return primal.inputNames();
    }

    /**
     * The names of the data parameters (inputs given when the function is called, never
     * differentiated), in declaration order.
     *
     * @return the names; empty for a function without data
     */
    public List<String> dataNames() {
        if (tensor != null) {
            return tensor.program().inputs().stream().map(d -> d.name()).toList();
        }
        return primal.dataPorts().stream().map(Program::dataName).toList();
    }

    /**
     * The output names, in output order.
     *
     * @return the labels of the output port
     */
    public List<String> outputNames() {
        if (tensor != null) {
            return List.of(Derivatives.Y);
        }
        return primal.outputNames();
    }

    /**
     * Node counts after parsing and after each simplification pass of the primal, to see
     * what each pass removed ({@code --dump-after}).
     *
     * @return one entry per stage, the first being {@code parse}
     */
    @Override
    public List<Simplifier.PassStats> simplifyStats() {
        if (tensor != null) {
            return tensor.simplifyStats();
        }
        List<Simplifier.PassStats> s = new ArrayList<>();
        s.add(new Simplifier.PassStats("parse", parsed.graph().size(), parsed.graph().operationCount()));
        s.addAll(simplified.stats());
        return s;
    }

    /**
     * The derivative graphs (tangent, adjoint, Jacobian, Hessian) generated for the
     * capabilities, after simplification: what the generated methods compute. When the
     * function was re-rolled ({@link #rolling()}), its methods compute the loops instead, and
     * these straight-line graphs are built on the first call (to inspect or dump them).
     *
     * @return the derivative graphs
     */
    public Derivatives derivatives() {
        scalarOnly("derivatives");
        Derivatives d = derivatives;
        if (d == null) {
            d = Derivatives.build(primal(), options.rules(), capabilities);
            derivatives = d;
        }
        return d;
    }

    /**
     * The loops the value and gradient methods run over re-rolled sums, or null when the
     * program has no sum with a run of {@value Rolling#MIN_TERMS} or more terms of one form
     * (or loops are off in the options): then all generated code is straight-line.
     *
     * @return the re-rolled form, or null
     */
    public Rolling rolling() {
        return rolling;
    }

    /**
     * The capabilities the generated class actually has: those asked for, adjusted to the
     * shape (no Hessian for several outputs; for one output, a Jacobian brings the gradient,
     * which is its reverse-mode Jacobian).
     *
     * @return the generated capabilities
     */
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /**
     * The package of the generated class.
     *
     * @return the package name, empty for the unnamed package
     */
    @Override
    public String packageName() {
        return options.packageName();
    }

    /**
     * The simple name of the generated class: from the options, else derived from the
     * program's name ({@code fn neuron} gives {@code Neuron}, a bare expression
     * {@code Expression}).
     *
     * @return the class name
     */
    @Override
    public String className() {
        return className;
    }

    /**
     * The binary name the generated class is loaded under.
     *
     * @return the package and class name, dot-separated
     */
    @Override
    public String qualifiedClassName() {
        return options.packageName().isEmpty() ? className : options.packageName() + "." + className;
    }

    /**
     * The generated Java source: plain Java in the subset Janino compiles, depending only
     * on {@code fluxion-runtime}.
     *
     * @return the source of the class {@link #qualifiedClassName()}
     */
    @Override
    public String javaSource() {
        String s = source;
        if (s == null) {
            synchronized (this) {
                s = source;
                if (s == null) {
                    s = ClassEmitter.emit(primal, emitted, rolling, capabilities, options.packageName(), className,
                            forwardJacobian);                                                          // emit
                    source = s;
                }
            }
        }
        return s;
    }

    /**
     * The simplified symbolic partial derivative of output {@code output} with respect to
     * input {@code input}, as surface syntax: inline when short, else as a program with
     * named intermediates.
     *
     * @param output the output's index, in the order of the program's outputs
     * @param input the input's index, in the order of the program's inputs
     * @return the derivative as program text
     */
    public String derivative(int output, int input) {
        scalarOnly("derivative");
        Graph g = primal().graph();
        Port y = g.outputs().get(0);
        Port single = new Port(Derivatives.Y, List.of(y.labels().get(output)), List.of(y.node(output)));
        Graph one = g.keepOutputs(List.of(Derivatives.Y));
        if (y.size() > 1) {
            one = rebuildWithOutput(g, single);
        }
        Graph grad = Reverse.vjp(one, options.rules().newBuilder(), Derivatives.Y, 0, true, null, Derivatives.GRAD);
        grad = Simplifier.simplify(grad, options.rules()).graph();
        Port gp = grad.output(Derivatives.GRAD);
        String inline = Printer.inline(grad, gp.node(input), 400);
        if (inline != null) {
            return inline;
        }
        // The one partial asked for, not the whole gradient: an output port of one element.
        Port partial = new Port(Derivatives.GRAD, List.of(gp.labels().get(input)), List.of(gp.node(input)));
        Graph only = grad.withOutputs(List.of(partial));
        // An element label (A[0, 1]) is not a name: A_0_1.
        String name = ("d_" + y.labels().get(output) + "_d_" + gp.labels().get(input)).replaceAll("[^A-Za-z_0-9]+", "_")
                .replaceAll("_+$", "");
        return Printer.program(only, name);
    }

    /**
     * The tensor back end's pipeline of a function whose body reads an array parameter whole
     * ({@code fn g(W[2, 2], v[2]) { return sum(W @ v) }}): the function as a model of its
     * parameters, its data the model's inputs, its value the loss; null for a function compiled by
     * the scalar back ends (straight-line code and loops).
     *
     * @return the tensor pipeline, or null
     */
    public ModelCompilation tensor() {
        return tensor;
    }

    /** Refuses a scalar stage of a function compiled by the tensor back end, naming why. */
    private void scalarOnly(String stage) {
        if (tensor != null) {
            throw new UnsupportedOperationException(stage + "(): '" + tensor.entryName() + "' reads an array parameter "
                    + "whole, so it is compiled by the tensor back end, which keeps no scalar program (its stages are "
                    + "tensor().lowered(), program(), gradient()); symbolic derivatives, traces and sparse Jacobians "
                    + "need the scalar form");
        }
    }

    private static Graph rebuildWithOutput(Graph g, Port single) {
        dev.fluxion.compiler.ir.GraphBuilder b = dev.fluxion.compiler.ir.GraphBuilder.literal();
        int[] map = g.copyInto(b, new int[] {0});
        Port mapped = new Port(single.name(), single.labels(), List.of(map[single.node(0)]));
        return b.build(g.inputs(), List.of(mapped)).withoutDeadCode();
    }
}
