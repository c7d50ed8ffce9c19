package dev.fluxion.cli;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.ModelCompilation;
import dev.fluxion.compiler.Pipeline;
import dev.fluxion.compiler.diff.DerivativeKind;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Printer;
import dev.fluxion.compiler.roll.Loop;
import dev.fluxion.compiler.roll.Rolling;
import dev.fluxion.compiler.simplify.Simplifier;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --dump-after=parse|diff|simplify|roll}: the IR after that stage, in the surface syntax
 * (so it can be pasted back in), with node counts; after {@code roll}, the loops the value
 * and gradient run over re-rolled sums (each term's template, over the inputs it reads at
 * {@code x[i]}, {@code x[i + 1]}, ...) and the rest of the function with each loop's sum as
 * an input {@code s0, s1, ...}. Written to stderr so that stdout stays
 * the command's own output ({@code gen} to stdout, {@code grad --json}).
 */
public final class DumpOptions {

    /** The stages one can dump after. */
    public enum Stage { PARSE, DIFF, SIMPLIFY, ROLL }

    @Option(names = "--dump-after", paramLabel = "STAGE", split = ",",
            description = "Print the IR after parse, diff, simplify or roll (to stderr), with node counts.")
    List<Stage> stages;

    /** Writes the requested dumps of {@code p}, a function's or a model's pipeline, to {@code err}. */
    public void dump(Pipeline p, PrintWriter err) {
        if (stages == null) {
            return;
        }
        for (Stage s : Stage.values()) {
            if (stages.contains(s)) {
                err.print(render(p, s));
            }
        }
        err.flush();
    }

    /** The dump of {@code p} after stage {@code s}: each stage's kept value, never recomputed. */
    public static String render(Pipeline p, Stage s) {
        return p.accept(new Pipeline.Visitor<String>() {
            @Override
            public String function(Compilation c) {
                return c.tensor() != null ? render(c.tensor(), s) : render(c, s);
            }

            @Override
            public String model(ModelCompilation m) {
                return render(m, s);
            }
        });
    }

    /**
     * The dump of a model's pipeline, or of a function's of the tensor back end, after stage
     * {@code s}: the lowered program, the gradient graph as differentiated, the simplified program
     * and gradient; a tensor program has no re-rolled loops (one kernel per operation).
     */
    private static String render(ModelCompilation m, Stage s) {
        StringBuilder sb = new StringBuilder();
        String name = m.entryName();
        switch (s) {
            case PARSE -> sb.append("== after parse: ").append(counts(m.lowered().graph())).append(" ==\n")
                    .append(Printer.program(m.lowered().graph(), name));
            case DIFF -> sb.append("== after diff (gradient): ").append(counts(m.differentiated())).append(" ==\n")
                    .append(Printer.program(m.differentiated(), name + "_gradient"));
            case SIMPLIFY -> sb.append("== after simplify (value): ").append(passes(m.simplifyStats())).append(" ==\n")
                    .append(Printer.program(m.program().graph(), name))
                    .append("== after simplify (gradient): ").append(counts(m.gradient())).append(" ==\n")
                    .append(Printer.program(m.gradient(), name + "_gradient"));
            case ROLL -> sb.append("== after roll: no loops (a tensor program runs one kernel per operation) ==\n");
        }
        return sb.toString();
    }

    /** The dump of a function of the scalar back ends after stage {@code s}. */
    private static String render(Compilation c, Stage s) {
        String gather = c.primalWithLoops().firstGather();
        if (gather != null) {
            throw new UserError("--dump-after prints the program written out term by term, and " + gather
                    + " reads at a position taken from data when the function is called, so it has no such form");
        }
        StringBuilder sb = new StringBuilder();
        String name = c.parsed().name();
        switch (s) {
            case PARSE -> {
                Graph g = c.parsed().graph();
                sb.append("== after parse: ").append(counts(g)).append(" ==\n");
                sb.append(Printer.program(g, name));
            }
            case DIFF -> {
                for (DerivativeKind d : c.derivatives().all().keySet()) {
                    Graph g = c.derivatives().unsimplified(d);
                    sb.append("== after diff (").append(d.label()).append("): ").append(counts(g)).append(" ==\n");
                    sb.append(Printer.program(g, name + "_" + d.label()));
                }
            }
            case SIMPLIFY -> {
                sb.append("== after simplify (value): ").append(passes(c.simplifyStats())).append(" ==\n");
                sb.append(Printer.program(c.primal().graph(), name));
                for (Map.Entry<DerivativeKind, Graph> e : c.derivatives().all().entrySet()) {
                    sb.append("== after simplify (").append(e.getKey().label()).append("): ")
                            .append(passes(c.derivatives().stats().get(e.getKey()))).append(" ==\n");
                    sb.append(Printer.program(e.getValue(), name + "_" + e.getKey().label()));
                }
            }
            case ROLL -> roll(c, name, sb);
        }
        return sb.toString();
    }

    private static void roll(Compilation c, String name, StringBuilder sb) {
        Rolling r = c.rolling();
        if (r == null) {
            sb.append("== after roll: no loops (no sum has ").append(Rolling.MIN_TERMS)
                    .append(" or more terms of one form on inputs at regular positions) ==\n");
            return;
        }
        sb.append("== after roll: ").append(r.loops().size()).append(r.loops().size() == 1 ? " loop, " : " loops, ")
                .append(sums(r)).append(sums(r) == 1 ? " sum" : " sums")
                .append(r.scans().isEmpty() ? "" : ", " + r.scans().size() + " for " + (r.scans().size() == 1 ? "loop" : "loops"))
                .append(" ==\n");
        for (int l = 0; l < r.loops().size(); l++) {
            Loop loop = r.loops().get(l);
            Graph v = loop.value();
            sb.append("# loop ").append(l + 1).append(": for i = 0 .. ").append(loop.count() - 1).append('\n');
            for (int q = 0; q < loop.members().size(); q++) {
                String term = Printer.inline(v, v.output(Loop.T).node(q), 0);
                sb.append("#   s").append(loop.members().get(q)).append(" = sum of ").append(term).append('\n');
            }
            for (int k = 0; k < loop.columns().size(); k++) {
                var column = loop.columns().get(k);
                sb.append("#   where c").append(k).append("[i] = ").append(column.affine()
                        ? Printer.number(column.first()) + " + " + Printer.number(column.step()) + "*i"
                        : "the constant of term i (" + column.table().length + " values)").append('\n');
            }
        }
        for (int q = 0; q < r.scans().size(); q++) {
            dev.fluxion.compiler.roll.ScanLoop scan = r.scans().get(q);
            Graph body = scan.value();
            sb.append("# for loop ").append(q + 1).append(": ").append(scan.count()).append(" steps, carries ")
                    .append(String.join(", ", scan.scan().carries())).append(" (s").append(scan.offset()).append(" ..)\n");
            for (int k = 0; k < scan.width(); k++) {
                sb.append("#   ").append(scan.scan().carries().get(k)).append(" = ")
                        .append(Printer.inline(body, body.output(dev.fluxion.compiler.ir.Scan.NEXT).node(k), 0)).append('\n');
            }
            sb.append("#   reverse sweep: ").append(scan.checkpointed() ? "checkpoints every " + scan.checkpoints()
                    + " steps, " : "").append("tape of ").append(scan.tapeDoubles()).append(" doubles (")
                    .append(scan.stepWidth()).append(" per step), ").append(scan.recomputedSteps())
                    .append(" steps recomputed\n");
        }
        sb.append(r.scans().isEmpty() ? "# the rest, with the loop sums as inputs:\n"
                : "# the rest, with the loop sums and the loops' final carries as inputs:\n");
        sb.append(Printer.program(r.residual(), name + "_rest"));
    }

    /** The loop sums of {@code r} (port s also holds the for loops' carries). */
    private static int sums(Rolling r) {
        return r.loops().stream().mapToInt(l -> l.members().size()).sum();
    }

    private static String counts(Graph g) {
        return g.size() + " nodes, " + g.operationCount() + " operations";
    }

    /** Node counts pass by pass: {@code parse 7 → dce 7 → stabilize 7 → specialize 7 nodes}. */
    private static String passes(List<Simplifier.PassStats> stats) {
        StringBuilder sb = new StringBuilder();
        for (Simplifier.PassStats p : stats) {
            if (sb.length() > 0) {
                sb.append(" -> ");
            }
            sb.append(p.pass()).append(' ').append(p.nodes());
        }
        return sb.append(" nodes").toString();
    }
}
