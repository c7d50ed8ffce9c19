package dev.fluxion.cli;

import dev.fluxion.cli.trace.TraceFormat;
import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Printer;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.compiler.trace.Trace;
import dev.fluxion.compiler.trace.Tracer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fluxion trace}: the lecture's three tables (forward evaluation, forward tangent,
 * reverse adjoint) for the program as written, at a point. The tables are computed in
 * the compiler ({@link Tracer}); this class only picks the format.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Print the forward evaluation, forward tangent and reverse adjoint traces at a point.")
public final class TraceCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    DumpOptions dump;

    @Option(names = "--at", required = true, paramLabel = "POINT", description = "The point: x1=2,x2=5 or 2,5.")
    String at;

    @Option(names = "--wrt", paramLabel = "INPUT", description = "The input the tangent trace follows (default: the first).")
    String wrt;

    @Option(names = "--of", paramLabel = "OUTPUT", description = "The output the adjoint trace starts from (default: the first).")
    String of;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "TEXT",
            description = "text, markdown or latex (default: text).")
    TraceFormat format;

    @Option(names = "--digits", paramLabel = "N", defaultValue = "3",
            description = "Decimals shown (default: 3, as in the lecture).")
    int digits;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (digits < 0 || digits > 17) {
            throw new UserError("--digits " + digits + ": expected 0 to 17");
        }
        Compilation c = Fluxion.create().translate(source.text(), source.options(Options.defaults()));
        dump.dump(c, spec.commandLine().getErr());
        if (!c.dataNames().isEmpty()) {
            throw new UserError("the trace does not take data parameters (" + String.join(", ", c.dataNames())
                    + ") yet; fluxion grad and fluxion check do, with --data");
        }
        Program p = c.parsed();
        if (p.inputCount() == 0) {
            throw new UserError("the program has no inputs: there is nothing to differentiate");
        }
        double[] x = Point.parse(at, p.inputNames());
        String input = wrt == null ? p.inputNames().get(0) : Inputs.require(wrt, p.inputNames(), "--wrt");
        String output = of == null ? p.outputNames().get(0) : Inputs.require(of, p.outputNames(), "--of");
        Trace t = Tracer.trace(p, x, input, output);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.render(t, title(p), digits));
        out.flush();
        return Main.OK;
    }

    /** {@code f(x1, x2) = ln(x1) + x1*x2 - sin(x2)} when short, else the program's signature. */
    static String title(Program p) {
        String signature = p.name() + "(" + String.join(", ", p.inputNames()) + ")";
        Graph g = p.graph();
        if (p.outputCount() == 1) {
            String body = Printer.inline(g, g.outputs().get(0).node(0), 100);
            if (body != null) {
                return signature + " = " + body;
            }
        }
        return signature;
    }
}
