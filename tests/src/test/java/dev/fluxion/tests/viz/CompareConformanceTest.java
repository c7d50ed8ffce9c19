package dev.fluxion.tests.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.inspect.ModeComparison;
import dev.fluxion.compiler.inspect.Point;
import dev.fluxion.compiler.inspect.Timing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
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

    static Path corpus() {
        Path local = Paths.get("src/test/resources/conformance/scalar.jsonl");
        if (Files.exists(local)) {
            return local;
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path shared = p.resolve("shared/conformance/scalar.jsonl");
            if (Files.exists(shared)) {
                return shared;
            }
        }
        Path fixed = Paths.get("/work/shared/conformance/scalar.jsonl");
        if (Files.exists(fixed)) {
            return fixed;
        }
        throw new IllegalStateException("conformance corpus not found: put it at tests/src/test/resources/conformance/"
                + "scalar.jsonl or ../shared/conformance/scalar.jsonl");
    }

    @TestFactory
    Stream<DynamicTest> modesAgreeOnEveryRow() throws IOException {
        List<String> lines = Files.readAllLines(corpus()).stream().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.size() >= 30, "the corpus has " + lines.size() + " rows");
        return lines.stream().map(line -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) Json.parse(line);
            return DynamicTest.dynamicTest((String) row.get("name"), () -> check(row));
        });
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> row) {
        String expr = (String) row.get("expr");
        List<String> vars = ((List<Object>) row.get("vars")).stream().map(String.class::cast).toList();
        double[] x = ((List<Object>) row.get("point")).stream().mapToDouble(v -> (Double) v).toArray();
        double[] grad = ((List<Object>) row.get("grad")).stream().mapToDouble(v -> (Double) v).toArray();
        ModeComparison c = ModeComparison.of(FLUXION, expr, Options.defaults().withVariables(vars),
                Point.of(vars, x), Timing.quick());
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
