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
 * The ADBench GMM objective written in the language: examples/gmm/gmm_d2.flx (d = 2,
 * spelled out) and examples/gmm/gmm.flx.template (any d and K, with einsum) reproduce the
 * expected objective and 18-entry gradient of data/gmm/test.txt to 1e-8, and the template
 * reproduces the objectives of the 1k and 10k files.
 */
class GmmTest {

    private static final Path SHARED = Path.of("/work/shared/adbench");
    private static final Path EXAMPLES = Path.of("..", "examples", "gmm");

    /** A GMM data file: dims, the three parameter arrays in order, and the points. */
    record Problem(int d, int k, int n, double[][] params, double[] x) {
        static Problem read(Path file) throws IOException {
            double[] v = Arrays.stream(Files.readString(file).trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
            int d = (int) v[0];
            int k = (int) v[1];
            int n = (int) v[2];
            int[] sizes = {k, k * d, k * d * (d + 1) / 2};
            double[][] params = new double[3][];
            int at = 3;
            for (int i = 0; i < 3; i++) {
                params[i] = Arrays.copyOfRange(v, at, at + sizes[i]);
                at += sizes[i];
            }
            return new Problem(d, k, n, params, Arrays.copyOfRange(v, at, at + n * d));
        }
    }

    static String instantiate(int d, int k) throws IOException {
        int p = d * (d - 1) / 2;
        // C = n'd(log gamma - log(2)/2) - log Gamma_d(n'/2), n' = d + m + 1 with gamma = 1, m = 0.
        double np = d + 1;
        double logGamma = 0.25 * d * (d - 1) * Math.log(Math.PI);
        for (int j = 1; j <= d; j++) {
            logGamma += lgamma(np / 2 + (1 - j) / 2.0);
        }
        double c = np * d * (-0.5 * Math.log(2)) - logGamma;
        return Files.readString(EXAMPLES.resolve("gmm.flx.template")).replace("{D}", String.valueOf(d))
                .replace("{K}", String.valueOf(k)).replace("{P}", String.valueOf(p)).replace("{T}", String.valueOf(d + p))
                .replace("{C}", Double.toString(c));
    }

    /** log Γ(a) for a a positive multiple of 1/2 (all the prior needs), exactly from Γ(1) = 1 and Γ(1/2) = √π. */
    private static double lgamma(double a) {
        double r = a == Math.rint(a) ? 0 : 0.5 * Math.log(Math.PI);
        for (double t = a == Math.rint(a) ? 1 : 0.5; t < a - 1e-9; t += 1) {
            r += Math.log(t);
        }
        return r;
    }

    /** The selector inputs: diag[j, a, b] and lower[p, a, b]. */
    static double[][] inputs(Problem pr) {
        int d = pr.d();
        double[] diag = new double[d * d * d];
        for (int j = 0; j < d; j++) {
            diag[(j * d + j) * d + j] = 1;
        }
        double[] lower = new double[Math.max(1, d * (d - 1) / 2) * d * d];
        int p = 0;
        for (int col = 0; col < d; col++) {
            for (int row = col + 1; row < d; row++) {
                lower[(p++ * d + row) * d + col] = 1;
            }
        }
        return new double[][] {pr.x(), diag, lower};
    }

    static Model load(String program, Problem pr) {
        Model m = Fluxion.create().compileModel(program).newModel();
        for (int i = 0; i < 3; i++) {
            System.arraycopy(pr.params()[i], 0, m.parameters()[i], 0, pr.params()[i].length);
        }
        return m;
    }

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
        Problem pr = Problem.read(SHARED.resolve("data/gmm/test.txt"));
        Model m = load(Files.readString(EXAMPLES.resolve("gmm_d2.flx")), pr);
        assertTestCase(m, new double[][] {pr.x()}, pr.n());
    }

    @Test
    void generalProgramReproducesTheTestCase() throws IOException {
        Problem pr = Problem.read(SHARED.resolve("data/gmm/test.txt"));
        assertTestCase(load(instantiate(pr.d(), pr.k()), pr), inputs(pr), pr.n());
    }

    @Test
    void generalProgramReproducesTheLargerObjectives() throws IOException {
        String[][] cases = {{"1k/gmm_d2_K5.txt", "-5240.59056254965"}, {"1k/gmm_d2_K10.txt", "-3484.55236634819"},
            {"1k/gmm_d10_K5.txt", "-31302.5409109107"}, {"10k/gmm_d2_K5.txt", "-52512.3060545236"}};
        for (String[] c : cases) {
            Problem pr = Problem.read(SHARED.resolve("data/gmm").resolve(c[0]));
            Model m = load(instantiate(pr.d(), pr.k()), pr);
            double expected = Double.parseDouble(c[1]);
            assertEquals(expected, m.loss(inputs(pr), pr.n()), 1e-9 * Math.abs(expected), c[0]);
        }
    }
}
