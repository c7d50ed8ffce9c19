package dev.fluxion.tests.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.inspect.ModeComparison;
import dev.fluxion.compiler.inspect.Point;
import dev.fluxion.compiler.inspect.Timing;
import dev.fluxion.tests.support.Corpus;
import dev.fluxion.tests.support.Corpus.Row;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code compare} on every row of the conformance corpus: forward and reverse mode give the
 * same Jacobian, and both equal the corpus gradient. Timing runs for a few milliseconds
 * only, to exercise the path; nothing is asserted about it.
 */
class CompareConformanceTest {

    private static final Fluxion FLUXION = Fluxion.create();

    @TestFactory
    Stream<DynamicTest> modesAgreeOnEveryRow() {
        List<Row> rows = Corpus.scalarRows();
        assertTrue(rows.size() >= 30, "the corpus has " + rows.size() + " rows");
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> check(row)));
    }

    private static void check(Row row) {
        String expr = row.expr();
        List<String> vars = row.vars();
        double[] grad = row.grad();
        ModeComparison c = ModeComparison.of(FLUXION, expr, Options.defaults().withVariables(vars),
                Point.of(vars, row.point()), Timing.quick());
        assertTrue(c.maxRelativeDifference() <= 1e-12,
                expr + ": forward and reverse differ by " + c.maxRelativeDifference() + "\n" + c.format());
        assertEquals(1, c.forward().length);
        for (int i = 0; i < grad.length; i++) {
            double tol = 1e-9 * Math.max(1, Math.abs(grad[i]));
            assertEquals(grad[i], c.forward()[0][i], tol, expr + ": forward d/d" + vars.get(i));
            assertEquals(grad[i], c.reverse()[0][i], tol, expr + ": reverse d/d" + vars.get(i));
        }
        assertEquals(vars.size(), c.forwardCost().passes());
        assertEquals(1, c.reverseCost().passes());
        assertTrue(c.format().contains("recommended: "));
    }
}
