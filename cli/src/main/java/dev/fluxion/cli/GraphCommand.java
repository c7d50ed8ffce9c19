package dev.fluxion.cli;

import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.inspect.DotOptions;
import dev.fluxion.compiler.inspect.DotWriter;
import dev.fluxion.compiler.inspect.Graphviz;
import dev.fluxion.compiler.inspect.Lowered;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Program;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fluxion graph}: the computation graph of a program as Graphviz DOT, and as SVG and
 * PNG when Graphviz is installed. The drawing itself is {@link DotWriter}'s; what the
 * output file's extension asks for is {@link GraphTarget}'s; this class only reads options,
 * writes files and says what it wrote. A picture ({@code -o x.png}) that cannot be drawn
 * because Graphviz is missing is refused (exit 2) before anything is written, never
 * replaced by DOT text under the picture's name.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Draw the computation graph of a program as Graphviz DOT (and SVG/PNG when `dot` is installed).",
                "With --backward, each value's adjoint is drawn beside it; with --at, nodes and edges carry values "
                        + "and gradients."},
        footer = {"", "Example: fluxion graph '(x+y)*z' --at x=-2,y=5,z=-4 --backward -o circuit.dot",
                "         fluxion graph '(x+y)*z' -o circuit.svg   (needs Graphviz: apt-get install graphviz)"})
public final class GraphCommand implements Callable<Integer> {

    @Mixin
    SourceOptions program;

    @Option(names = "--at", paramLabel = "NAME=VALUE,...", description = "Label the graph with values at this point, e.g. x1=2,x2=5.")
    String at;

    @Option(names = "--backward", description = "Also draw the adjoint nodes of reverse mode.")
    boolean backward;

    @Option(names = "--of", paramLabel = "OUTPUT", description = "The output whose adjoints are drawn (default: the first).")
    String of;

    @Option(names = "--digits", defaultValue = "4", description = "Significant digits of the numbers shown (default: ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = {"FILE.dot (or .gv): write the DOT, and FILE.svg, FILE.png beside it when `dot` is installed.",
                    "FILE.svg, FILE.png or FILE.pdf: draw that picture with Graphviz (refused when `dot` is not installed).",
                    "Default: print the DOT."})
    Path output;

    @Option(names = "--no-render", description = "With -o FILE.dot: write only the DOT, even when `dot` is installed.")
    boolean noRender;

    @Spec
    CommandSpec spec;

    /** Where to look for Graphviz; tests replace it to simulate a machine without it. */
    java.util.function.Supplier<Optional<Graphviz>> graphviz = Graphviz::find;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String text = program.text();
        Program p = Lowered.of(text, program.options(Options.defaults()));
        Graph g = p.graph();
        DotOptions o = DotOptions.forward().withTitle(text).withBackward(backward).withDigits(digits);
        if (at != null) {
            o = o.at(Point.of(at, p.inputNames()));
        }
        if (of != null) {
            List<String> outputs = p.outputNames();
            int index = outputs.indexOf(of);
            if (index < 0) {
                throw new UserError("--of: no output '" + of + "'; the outputs are " + outputs);
            }
            o = o.withSeed(index);
        }
        GraphTarget target = GraphTarget.of(output);
        if (target.picture() != null && noRender) {
            throw new UserError("--no-render contradicts -o " + output + ": write FILE.dot to get only the DOT");
        }
        // Refuse a picture that cannot be drawn before any work or any file is written.
        Optional<Graphviz> gv = target.wantsGraphviz() && !noRender ? graphviz.get() : Optional.empty();
        if (target.picture() != null && gv.isEmpty()) {
            throw new UserError(GraphTarget.missingGraphviz(output));
        }
        String dot = DotWriter.write(g, o);
        if (output == null) {
            out.print(dot);
            out.flush();
            return 0;
        }
        if (target.picture() != null) {
            Path temporary = Files.createTempFile("fluxion-graph", ".dot");
            try {
                Files.writeString(temporary, dot, StandardCharsets.UTF_8);
                gv.get().render(temporary, target.picture(), output);
            } finally {
                Files.deleteIfExists(temporary);
            }
            out.println("wrote " + output);
            out.flush();
            return 0;
        }
        Files.writeString(output, dot, StandardCharsets.UTF_8);
        out.println("wrote " + output);
        if (!noRender) {
            if (gv.isEmpty()) {
                out.println("Graphviz `dot` is not installed, so only the DOT was written "
                        + "(" + GraphTarget.INSTALL + ", or render the file elsewhere).");
            } else {
                for (String format : List.of("svg", "png")) {
                    Path rendered = sibling(output, format);
                    gv.get().render(output, format, rendered);
                    out.println("wrote " + rendered);
                }
            }
        }
        out.flush();
        return 0;
    }

    /** {@code graph.dot} → {@code graph.svg}; a name without {@code .dot} gets the extension added. */
    static Path sibling(Path dot, String extension) {
        String name = dot.getFileName().toString();
        String base = name.endsWith(".dot") || name.endsWith(".gv") ? name.substring(0, name.lastIndexOf('.')) : name;
        return dot.resolveSibling(base + "." + extension);
    }
}
