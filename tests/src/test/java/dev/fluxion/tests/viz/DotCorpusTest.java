package dev.fluxion.tests.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.inspect.Adjoints;
import dev.fluxion.compiler.inspect.DotOptions;
import dev.fluxion.compiler.inspect.DotWriter;
import dev.fluxion.compiler.inspect.Graphviz;
import dev.fluxion.compiler.inspect.LocalPartials;
import dev.fluxion.compiler.inspect.Point;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Interpreter;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.tests.support.Corpus;
import dev.fluxion.tests.support.Corpus.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers the pictures show are right: on every corpus row, the adjoints the DOT writer
 * computes by hand-style back-propagation (local partials times the adjoint, summed where
 * values branch) equal the corpus gradient at the row's point; and every picture is valid
 * DOT, checked by Graphviz itself when it is installed.
 */
class DotCorpusTest {

    private static List<Row> rows() {
        return Corpus.scalarRows();
    }

    private static Graph graph(Row r) {
        return Compilation.of(r.expr(), Options.defaults().withVariables(r.vars())).parsed().graph();
    }

    @Test
    void adjointsInThePictureAreTheGradient() throws IOException {
        for (Row r : rows()) {
            Graph g = graph(r);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < g.size(); i++) {
                names.add("n" + i);
            }
            LocalPartials lp = LocalPartials.of(g, names);
            double[] values = Interpreter.evaluateAll(g, List.of(r.point()));
            int out = g.outputs().get(0).node(0);
            Adjoints a = Adjoints.sweep(lp, lp.values(values), out);
            double[] got = new double[r.vars().size()];
            for (int i = 0; i < g.size(); i++) {
                if (g.node(i).op() == Leaf.INPUT) {
                    got[((InputRef) g.node(i).attr()).index()] = a.adjoint(i);
                }
            }
            for (int i = 0; i < got.length; i++) {
                assertEquals(r.grad()[i], got[i], 1e-9 * Math.max(1, Math.abs(r.grad()[i])),
                        r.name() + " " + r.expr() + ": adjoint of " + r.vars().get(i));
            }
        }
    }

    @Test
    void everyPictureIsValidDot(@TempDir Path dir) throws Exception {
        Optional<Graphviz> gv = Graphviz.find();
        Assumptions.assumeTrue(gv.isPresent(), "Graphviz dot is not installed");
        StringBuilder all = new StringBuilder();
        for (Row r : rows()) {
            Graph g = graph(r);
            all.append(DotWriter.write(g, DotOptions.forward().withTitle(r.expr()).withBackward(true)
                    .at(Point.of(r.vars(), r.point()))));
        }
        Path dot = dir.resolve("corpus.dot");
        Files.writeString(dot, all);
        Path svg = dir.resolve("corpus.svg");
        gv.get().render(dot, "svg", svg);         // throws with dot's message on a syntax error
        String out = Files.readString(svg);
        assertTrue(out.contains("<svg"), "dot wrote no SVG");
    }
}
