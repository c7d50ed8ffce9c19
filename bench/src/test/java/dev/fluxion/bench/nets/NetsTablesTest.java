package dev.fluxion.bench.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.bench.report.JmhJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tables compute their ratios from the one run's figures and judge the targets. */
class NetsTablesTest {

    /** One JMH result as JMH writes it: mean, error (10% of the mean) and raw iterations, µs. */
    private static String jmh(String cls, String method, String param, String value, double mean, double... raw) {
        return String.format(java.util.Locale.ROOT, """
                {"benchmark": "dev.fluxion.bench.nets.%s.%s", "mode": "avgt", "forks": 1,
                 "warmupIterations": 5, "warmupTime": "1 s", "measurementIterations": 5, "measurementTime": "1 s",
                 "params": {"%s": "%s"},
                 "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "us/op", "rawData": [%s]}}""",
                cls, method, param, value, mean, mean / 10, java.util.Arrays.toString(raw));
    }

    private static String render() {
        String json = "[" + String.join(",", List.of(
                jmh("MlpStepBenchmark", "trainingStep", "batch", "1", 93.5, 90, 97),
                jmh("MlpStepBenchmark", "trainingStep", "batch\": \"256\", \"precision", "FLOAT32", 2040, 2000, 2080),
                jmh("GmmBenchmark", "objective", "file", "1k/gmm_d2_K5.txt", 120, 100, 140),
                jmh("GmmBenchmark", "gradient", "file", "1k/gmm_d2_K5.txt", 500, 450, 550))) + "]";
        return new NetsTables(JmhJson.parse(json), PeerResults.mlp(PeerResultsTest.MNIST_LOG),
                PeerResults.gmm(PeerResultsTest.GMM_LOG), BestIterations.parse(json),
                Map.of("1k/gmm_d2_K5.txt", 3e-15)).render();
    }

    @Test
    void mlpRowsCarryBothRatiosAndTheTargets() {
        String md = render();
        // 93.5 / 187 = 0.50 (target < 1), 93.5 / 434 = 0.22; 2040 / 1360 = 1.50 (target <= 1.5). A result
        // without a precision parameter (JSON from before the option) is float64.
        assertTrue(md.contains("| 1 | float64 | 93.5 ± 9.4 | 187 | 434 | 0.50x (< 1.00x) ✔ | 0.22x |"), md);
        assertTrue(md.contains("| 256 | float32 | 2,040 ± 204 | 1,360 | 2,605 | 1.50x (≤ 1.50x) ✔ | 0.78x |"), md);
    }

    @Test
    void gmmRowsGiveTimesRatiosAndAgreement() {
        String md = render();
        // Fluxion's GMM columns: the best iteration, then the mean with its error.
        assertTrue(md.contains("| `1k/gmm_d2_K5.txt` | 2 | 5 | 1000 | 100 (120 ± 12.0) | 450 (500 ± 50.0) | 153 | 491 | 466 "
                + "| 1,242 | 3.0e-15 |"), md);
        // Ratios from the best iterations: 450 / 100 = 4.5 > 4 misses; 450 / 491 = 0.92 meets.
        assertTrue(md.contains("| `1k/gmm_d2_K5.txt` | 4.50x ✘ | 3.21x | 2.67x | 0.92x ✔ | 0.36x |"), md);
    }

    @Test
    void spliceReplacesOnlyTheMarkedSection() {
        String doc = "# B\n\ntext\n" + NetsReport.BEGIN + "\nold\n" + NetsReport.END + "\nafter\n";
        assertEquals("# B\n\ntext\n" + NetsReport.BEGIN + "\n\nnew\n" + NetsReport.END + "\nafter\n",
                NetsReport.splice(doc, "new\n"));
        assertThrows(IllegalArgumentException.class, () -> NetsReport.splice("# no markers", "x"));
    }

    @Test
    void gradientAgreementIsRelativeToTheLargestEntry() {
        assertEquals(0.01, NetsReport.relativeDifference(new double[] {1, 100}, new double[] {1, 101}) * 1.01, 1e-12);
        assertThrows(IllegalArgumentException.class, () -> NetsReport.relativeDifference(new double[1], new double[2]));
        assertEquals("- a\n- b\n\n", NetsReport.runFacts("a\n\n  b  \n"));
    }
}
