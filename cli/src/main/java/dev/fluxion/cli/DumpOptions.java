package dev.fluxion.cli;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Printer;
import dev.fluxion.compiler.simplify.Simplifier;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --dump-after=parse|diff|simplify}: the IR after that stage, in the surface syntax
 * (so it can be pasted back in), with node counts. Written to stderr so that stdout stays
 * the command's own output ({@code gen} to stdout, {@code grad --json}).
 */
public final class DumpOptions {

    /** The stages one can dump after. */
    public enum Stage { PARSE, DIFF, SIMPLIFY }

    @Option(names = "--dump-after", paramLabel = "STAGE", split = ",",
            description = "Print the IR after parse, diff or simplify (to stderr), with node counts.")
    List<Stage> stages;

    /** Writes the requested dumps of {@code c} to {@code err}. */
    public void dump(Compilation c, PrintWriter err) {
        if (stages == null) {
            return;
        }
        for (Stage s : Stage.values()) {
            if (stages.contains(s)) {
                err.print(render(c, s));
            }
        }
        err.flush();
    }

    /** The dump of {@code c} after stage {@code s}. */
    public static String render(Compilation c, Stage s) {
        StringBuilder sb = new StringBuilder();
        String name = c.parsed().name();
        switch (s) {
            case PARSE -> {
                Graph g = c.parsed().graph();
                sb.append("== after parse: ").append(counts(g)).append(" ==\n");
                sb.append(Printer.program(g, name));
            }
            case DIFF -> {
                for (String d : c.derivatives().all().keySet()) {
                    Graph g = Derivatives.unsimplified(c.primal(), c.options().rules(), d);
                    sb.append("== after diff (").append(d).append("): ").append(counts(g)).append(" ==\n");
                    sb.append(Printer.program(g, name + "_" + d));
                }
            }
            case SIMPLIFY -> {
                sb.append("== after simplify (value): ").append(passes(c.simplifyStats())).append(" ==\n");
                sb.append(Printer.program(c.primal().graph(), name));
                for (Map.Entry<String, Graph> e : c.derivatives().all().entrySet()) {
                    sb.append("== after simplify (").append(e.getKey()).append("): ")
                            .append(passes(c.derivatives().stats().get(e.getKey()))).append(" ==\n");
                    sb.append(Printer.program(e.getValue(), name + "_" + e.getKey()));
                }
            }
        }
        return sb.toString();
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
