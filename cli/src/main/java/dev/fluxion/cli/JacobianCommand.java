package dev.fluxion.cli;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.inspect.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fluxion jacobian}: the Jacobian at a point as a matrix (a row per output, a column per
 * input), or with {@code --sparse} in compressed sparse rows by graph coloring, as
 * {@code grad --sparse} prints it.
 */
@Command(name = "jacobian", mixinStandardHelpOptions = true,
        description = "Print the Jacobian at a point as a matrix, a row per output; --sparse: in compressed sparse "
                + "rows, by graph coloring.")
public final class JacobianCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--at", required = true, paramLabel = "POINT", description = "The point: x1=2,x2=5 or 2,5.")
    String at;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "AUTO",
            description = "forward, reverse or auto (default: reverse unless there are fewer inputs than outputs).")
    Mode mode;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--sparse", description = "Compressed sparse rows: the pattern from the program, one JVP per "
            + "column color (or VJP per row color; --mode chooses, auto takes fewer colors), with the mode, the "
            + "colors and the non-zeros.")
    boolean sparse;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CompiledFunction f = source.bind(Fluxion.create().compile(source.text(), source.options(Options.defaults())));
        double[] x = Point.parse(at, f.inputs());
        PrintWriter out = spec.commandLine().getOut();
        if (sparse) {
            out.print(json ? SparseOutput.json(f, x, mode) : SparseOutput.text(f, x, mode));
        } else {
            Mode used = GradCommand.used(f, mode);
            double[][] jacobian = GradCommand.jacobian(f, used, x);
            out.print(json ? json(f, x, used, jacobian) : text(f, x, used, jacobian));
        }
        out.flush();
        return Main.OK;
    }

    /** The matrix with the inputs as column headings and the outputs as row headings, columns aligned. */
    static String text(CompiledFunction f, double[] x, Mode used, double[][] jacobian) {
        List<String> in = f.inputs();
        List<String> outs = f.outputs();
        StringBuilder sb = new StringBuilder();
        sb.append("Jacobian ").append(outs.size()).append(" x ").append(in.size()).append(in.isEmpty() ? ""
                : " at " + Point.describe(in, x, Numbers::exact)).append(" (").append(used.name().toLowerCase())
                .append(" mode)\n");
        String[][] cells = new String[outs.size() + 1][in.size() + 1];
        cells[0][0] = "";
        for (int i = 0; i < in.size(); i++) {
            cells[0][i + 1] = in.get(i);
        }
        for (int j = 0; j < outs.size(); j++) {
            cells[j + 1][0] = outs.get(j);
            for (int i = 0; i < in.size(); i++) {
                cells[j + 1][i + 1] = Numbers.exact(jacobian[j][i]);
            }
        }
        int[] width = new int[in.size() + 1];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == 0 ? "" : "  ").append(c == 0 ? pad(row[c], width[c], false) : pad(row[c], width[c], true));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    private static String json(CompiledFunction f, double[] x, Mode used, double[][] jacobian) {
        return "{\"inputs\": " + Json.strings(f.inputs()) + ", \"point\": " + Json.numbers(x) + ", \"outputs\": "
                + Json.strings(f.outputs()) + ", \"mode\": " + Json.string(used.name().toLowerCase())
                + ", \"jacobian\": " + Json.matrix(jacobian) + "}\n";
    }
}
