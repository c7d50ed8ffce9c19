package dev.fluxion.compiler;

import dev.fluxion.compiler.codegen.ClassEmitter;
import dev.fluxion.compiler.diag.SourceText;
import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.diff.Reverse;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Printer;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.compiler.ir.Schedule;
import dev.fluxion.compiler.parse.Frontend;
import dev.fluxion.compiler.simplify.Simplifier;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything the pipeline produced for one program, stage by stage: the lowered program
 * (what the user wrote, constants folded), the simplified primal in lecture order, the
 * derivative graphs, and the Java source. Immutable.
 */
public final class Compilation {

    private final Options options;
    private final Program parsed;
    private final Simplifier.Result simplified;
    private final Program primal;
    private final Derivatives derivatives;
    private final Set<Capability> capabilities;
    private final String className;
    private final String source;

    private Compilation(String text, Options options) {
        SourceText src = new SourceText(options.sourceName(), text);
        this.options = options;
        this.parsed = Frontend.parse(src, options.variables(), options.rules().newBuilder());           // parse
        this.simplified = Simplifier.simplify(parsed.graph(), options.rules());                        // simplify
        this.primal = new Program(parsed.name(), Schedule.lectureOrder(simplified.graph()));           // schedule
        this.capabilities = Derivatives.effective(options.capabilities(), primal.outputCount());
        this.derivatives = Derivatives.build(primal, options.rules(), capabilities);                   // differentiate
        this.className = options.className() != null ? options.className() : defaultClassName(parsed.name());
        Mode jacobian = options.jacobianMode() == Mode.AUTO
                ? Mode.forShape(primal.inputCount(), primal.outputCount()) : options.jacobianMode();
        this.source = ClassEmitter.emit(primal, derivatives, capabilities, options.packageName(), className,
                jacobian == Mode.FORWARD);                                                             // emit
    }

    /** Runs the pipeline up to the Java source. Throws {@link dev.fluxion.compiler.diag.CompileException} on bad input. */
    public static Compilation of(String text, Options options) {
        return new Compilation(text, options);
    }

    static String defaultClassName(String programName) {
        if (programName.equals("f")) {
            return "Expression";
        }
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (char c : programName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        String s = sb.length() == 0 ? "Expression" : sb.toString();
        return javax.lang.model.SourceVersion.isKeyword(s) ? s + "Function" : s;
    }

    public Options options() {
        return options;
    }

    /** The program as lowered from the text, in lecture order: what {@code trace} shows. */
    public Program parsed() {
        return new Program(parsed.name(), Schedule.lectureOrder(parsed.graph()));
    }

    /** The simplified primal program in lecture order. */
    public Program primal() {
        return primal;
    }

    /** Node counts after each simplification pass of the primal. */
    public List<Simplifier.PassStats> simplifyStats() {
        List<Simplifier.PassStats> s = new ArrayList<>();
        s.add(new Simplifier.PassStats("parse", parsed.graph().size(), parsed.graph().operationCount()));
        s.addAll(simplified.stats());
        return s;
    }

    public Derivatives derivatives() {
        return derivatives;
    }

    public Set<Capability> capabilities() {
        return capabilities;
    }

    public String packageName() {
        return options.packageName();
    }

    public String className() {
        return className;
    }

    public String qualifiedClassName() {
        return options.packageName().isEmpty() ? className : options.packageName() + "." + className;
    }

    /** The generated Java source. */
    public String javaSource() {
        return source;
    }

    /**
     * The simplified symbolic partial derivative of output {@code output} with respect to
     * input {@code input}, as surface syntax: inline when short, else as a program with
     * named intermediates.
     */
    public String derivative(int output, int input) {
        Graph g = primal.graph();
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
        Graph only = grad.keepOutputs(List.of(Derivatives.GRAD));
        return Printer.program(only, "d_" + y.labels().get(output) + "_d_" + gp.labels().get(input));
    }

    private static Graph rebuildWithOutput(Graph g, Port single) {
        dev.fluxion.compiler.ir.GraphBuilder b = dev.fluxion.compiler.ir.GraphBuilder.literal();
        int[] map = g.copyInto(b, new int[] {0});
        Port mapped = new Port(single.name(), single.labels(), List.of(map[single.node(0)]));
        return b.build(g.inputs(), List.of(mapped)).withoutDeadCode();
    }
}
