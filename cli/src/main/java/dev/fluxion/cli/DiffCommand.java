package dev.fluxion.cli;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fluxion diff}: the simplified symbolic partial derivatives. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Print the simplified symbolic partial derivatives, e.g. d/dx1 ln(x1)+x1*x2-sin(x2) = 1/x1 + x2.")
public final class DiffCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    DumpOptions dump;

    @Option(names = "--wrt", split = ",", paramLabel = "INPUT", description = "Only these inputs (default: all).")
    List<String> wrt;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CompiledFunction f = Fluxion.create().compile(source.text(), source.options(Options.defaults()));
        dump.dump(f.compilation(), spec.commandLine().getErr());
        List<String> inputs = wrt == null ? f.inputs() : Inputs.require(wrt, f.inputs(), "--wrt");
        PrintWriter out = spec.commandLine().getOut();
        for (String y : f.outputs()) {
            for (String x : inputs) {
                String d = f.derivative(y, x);
                String head = "d" + y + "/d" + x + " = ";
                if (d.contains("\n")) {
                    out.println(head);
                    out.print(d.endsWith("\n") ? d : d + "\n");
                } else {
                    out.println(head + d);
                }
            }
        }
        out.flush();
        return Main.OK;
    }
}
