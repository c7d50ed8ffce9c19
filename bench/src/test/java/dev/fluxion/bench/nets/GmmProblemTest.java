package dev.fluxion.bench.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.examples.GmmObjective;
import dev.fluxion.examples.GmmProblem;
import dev.fluxion.examples.GmmProgram;
import dev.fluxion.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GMM file reader and the instantiated program of the examples module, as the benchmarks
 * use them, reproduce ADBench's expected values from the shared data.
 */
class GmmProblemTest {

    @Test
    void testCaseObjectiveAndGradientMatchTheReference() throws IOException {
        Path dir = Locations.gmmDirectory();
        GmmProblem p = GmmProblem.read(dir.resolve("test.txt"));
        assertEquals(2, p.d());
        assertEquals(3, p.k());
        assertEquals(1, p.n());
        Model m = GmmProgram.loadGeneral(p);
        String[] expected = Files.readAllLines(Files.exists(dir.resolve("gmm_test_expected.txt")) ? dir.resolve("gmm_test_expected.txt")
                : dir.resolve("../../reference/gmm_test_expected.txt")).stream()
                .filter(l -> !l.startsWith("#")).toArray(String[]::new);
        assertEquals(Double.parseDouble(expected[0].split("\\s+")[1]), m.lossAndGradient(GmmProgram.inputs(p), p.n()), 1e-8);
        double[] want = Arrays.stream(expected[1].trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
        double[] got = Arrays.stream(m.gradients()).flatMapToDouble(Arrays::stream).toArray();
        assertEquals(18, got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals(want[i], got[i], 1e-8, "gradient entry " + i);
        }
    }

    @Test
    void benchmarkedFileReproducesItsReferenceObjective() throws IOException {
        GmmProblem p = GmmProblem.read(Locations.gmmDirectory().resolve("1k/gmm_d10_K5.txt"));
        assertEquals(1000, p.n());
        double expected = GmmObjective.REFERENCE_OBJECTIVES.get("1k/gmm_d10_K5.txt");
        assertEquals(expected, GmmProgram.loadGeneral(p).loss(GmmProgram.inputs(p), p.n()), 1e-9 * Math.abs(expected));
    }

    @Test
    void rejectsOtherPriorsAndTruncatedFiles(@TempDir Path tmp) throws IOException {
        Path prior = tmp.resolve("prior.txt");
        Files.writeString(prior, "1 1 1\n0.5\n0.1\n0.2\n0.3\n2.0 1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GmmProgram.loadGeneral(GmmProblem.read(prior)));
        assertTrue(e.getMessage().contains("gamma = 2.0"), e.getMessage());
        Path shortFile = tmp.resolve("short.txt");
        Files.writeString(shortFile, "1 1 3\n0.5\n0.1\n0.2\n0.3\n1 0\n");
        e = assertThrows(IllegalArgumentException.class, () -> GmmProblem.read(shortFile));
        assertTrue(e.getMessage().contains("expected 11 numbers") && e.getMessage().endsWith("found 9"), e.getMessage());
    }
}
