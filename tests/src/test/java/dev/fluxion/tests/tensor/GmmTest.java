package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The ADBench GMM objective written in the language (examples/gmm/gmm_d2.flx) reproduces
 * the expected objective and 18-entry gradient of data/gmm/test.txt to 1e-8.
 */
class GmmTest {

    private static final Path SHARED = Path.of("/work/shared/adbench");

    @Test
    void reproducesTheAdbenchTestCase() throws IOException {
        String program = Files.readString(Path.of("..", "examples", "gmm", "gmm_d2.flx"));
        Model m = Fluxion.create().compileModel(program).newModel();
        double[] data = Arrays.stream(Files.readString(SHARED.resolve("data/gmm/test.txt")).trim().split("\\s+"))
                .mapToDouble(Double::parseDouble).toArray();
        int d = (int) data[0];
        int k = (int) data[1];
        int n = (int) data[2];
        int at = 3;
        double[][] p = m.parameters();
        for (double[] target : p) {
            System.arraycopy(data, at, target, 0, target.length);
            at += target.length;
        }
        double[] x = Arrays.copyOfRange(data, at, at + n * d);
        assertEquals(2, d);
        assertEquals(3, k);
        String[] expected = Files.readAllLines(SHARED.resolve("reference/gmm_test_expected.txt")).stream()
                .filter(l -> !l.startsWith("#")).toArray(String[]::new);
        double objective = Double.parseDouble(expected[0].split("\\s+")[1]);
        double[] gradient = Arrays.stream(expected[1].trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
        double loss = m.lossAndGradient(new double[][] {x}, n);
        assertEquals(objective, loss, 1e-8);
        int g = 0;
        for (double[] grad : m.gradients()) {
            for (double v : grad) {
                assertEquals(gradient[g], v, 1e-8, "gradient entry " + g);
                g++;
            }
        }
        assertEquals(18, g);
    }
}
