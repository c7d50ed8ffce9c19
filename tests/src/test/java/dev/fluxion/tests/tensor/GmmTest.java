package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fluxion.examples.GmmObjective;
import dev.fluxion.examples.GmmProblem;
import dev.fluxion.examples.GmmProgram;
import dev.fluxion.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ADBench GMM objective written in the language: examples/gmm/gmm_d2.flx (d = 2,
 * spelled out) and examples/gmm/gmm.flx.template (any d and K, with einsum) reproduce the
 * expected objective and 18-entry gradient of data/gmm/test.txt to 1e-8, and the template
 * reproduces the objectives of the 1k and 10k files. The problem, the programs and their
 * inputs come from the examples module; the data and the expected values are the shared
 * ADBench copy, not the examples' own.
 */
class GmmTest {

    private static final Path SHARED = Path.of("/work/shared/adbench");

    private static void assertTestCase(Model m, double[][] inputs, int n) throws IOException {
        String[] expected = Files.readAllLines(SHARED.resolve("reference/gmm_test_expected.txt")).stream()
                .filter(l -> !l.startsWith("#")).toArray(String[]::new);
        double objective = Double.parseDouble(expected[0].split("\\s+")[1]);
        double[] gradient = Arrays.stream(expected[1].trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(objective, m.lossAndGradient(inputs, n), 1e-8);
        int g = 0;
        for (double[] grad : m.gradients()) {
            for (double v : grad) {
                assertEquals(gradient[g], v, 1e-8, "gradient entry " + g);
                g++;
            }
        }
        assertEquals(18, g);
    }

    @Test
    void spelledOutProgramReproducesTheTestCase() throws IOException {
        GmmProblem pr = GmmProblem.read(SHARED.resolve("data/gmm/test.txt"));
        Model m = GmmProgram.load(GmmProgram.spelledOut(), pr);
        assertTestCase(m, new double[][] {pr.x()}, pr.n());
    }

    @Test
    void generalProgramReproducesTheTestCase() throws IOException {
        GmmProblem pr = GmmProblem.read(SHARED.resolve("data/gmm/test.txt"));
        assertTestCase(GmmProgram.loadGeneral(pr), GmmProgram.inputs(pr), pr.n());
    }

    @Test
    void generalProgramReproducesTheLargerObjectives() throws IOException {
        for (Map.Entry<String, Double> c : GmmObjective.REFERENCE_OBJECTIVES.entrySet()) {
            GmmProblem pr = GmmProblem.read(SHARED.resolve("data/gmm").resolve(c.getKey()));
            Model m = GmmProgram.loadGeneral(pr);
            double expected = c.getValue();
            assertEquals(expected, m.loss(GmmProgram.inputs(pr), pr.n()), 1e-9 * Math.abs(expected), c.getKey());
        }
    }
}
