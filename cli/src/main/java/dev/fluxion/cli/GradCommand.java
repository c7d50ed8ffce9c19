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

/** {@code fluxion grad}: the value and the gradient (or, for several outputs, the values and the Jacobian) at a point. */
@Command(name = "grad", mixinStandardHelpOptions = true,
        description = "Print the value and gradient at a point; for several outputs, the values and the Jacobian.")
public final class GradCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    DumpOptions dump;

    @Option(names = "--at", required = true, paramLabel = "POINT", description = "The point: x1=2,x2=5 or 2,5.")
    String at;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "AUTO",
            description = "forward, reverse or auto (default: reverse unless there are fewer inputs than outputs).")
    Mode mode;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--sparse", description = "The Jacobian in compressed sparse rows, by graph coloring: the pattern "
            + "from the program, one JVP per column color (or VJP per row color; --mode chooses, auto takes fewer "
            + "colors), with the mode, the colors and the non-zeros; for one output also the Hessian, by star coloring.")
    boolean sparse;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CompiledFunction f = Fluxion.create().compile(source.text(), source.options(Options.defaults()));
        dump.dump(f.compilation(), spec.commandLine().getErr());
        f = source.bind(f);
        double[] x = Point.parse(at, f.inputs());
        if (sparse) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? SparseOutput.json(f, x, mode) : SparseOutput.text(f, x, mode));
            out.flush();
            return Main.OK;
        }
        Mode used = used(f, mode);
        double[] y = f.values(x);
        double[][] jacobian = jacobian(f, used, x);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(f, x, used, y, jacobian) : text(f, x, used, y, jacobian));
        out.flush();
        return Main.OK;
    }

    /** The mode asked for, or for auto the one the shape of {@code f} calls for. */
    static Mode used(CompiledFunction f, Mode mode) {
        return mode == Mode.AUTO ? Mode.forShape(f.inputCount(), f.outputCount()) : mode;
    }

    /** The Jacobian at {@code x} in mode {@code used}: for one output, its gradient as the one row. */
    static double[][] jacobian(CompiledFunction f, Mode used, double[] x) {
        return f.outputCount() == 1 ? new double[][] {f.gradient(used, x)} : f.jacobian(used, x);
    }

    private static String text(CompiledFunction f, double[] x, Mode used, double[] y, double[][] jacobian) {
        StringBuilder sb = new StringBuilder();
        List<String> in = f.inputs();
        List<String> out = f.outputs();
        sb.append(in.isEmpty() ? "no inputs" : "at " + Point.describe(in, x, Numbers::exact))
                .append(" (").append(used.name().toLowerCase()).append(" mode)\n");
        for (int j = 0; j < y.length; j++) {
            sb.append(out.get(j)).append(" = ").append(Numbers.exact(y[j])).append('\n');
        }
        for (int j = 0; j < y.length; j++) {
            for (int i = 0; i < in.size(); i++) {
                sb.append('d').append(out.get(j)).append("/d").append(in.get(i)).append(" = ")
                        .append(Numbers.exact(jacobian[j][i])).append('\n');
            }
        }
        return sb.toString();
    }

    private static String json(CompiledFunction f, double[] x, Mode used, double[] y, double[][] jacobian) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"inputs\": ").append(Json.strings(f.inputs()));
        sb.append(", \"point\": ").append(Json.numbers(x));
        sb.append(", \"outputs\": ").append(Json.strings(f.outputs()));
        sb.append(", \"mode\": ").append(Json.string(used.name().toLowerCase()));
        if (y.length == 1) {
            sb.append(", \"value\": ").append(Json.number(y[0]));
            sb.append(", \"gradient\": ").append(Json.numbers(jacobian[0]));
        }
        sb.append(", \"values\": ").append(Json.numbers(y));
        sb.append(", \"jacobian\": ").append(Json.matrix(jacobian));
        return sb.append("}\n").toString();
    }
}
