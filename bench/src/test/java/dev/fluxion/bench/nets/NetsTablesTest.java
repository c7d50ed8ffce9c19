package dev.fluxion.bench.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.bench.report.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tables compute their ratios from the one run's figures and judge the targets. */
class NetsTablesTest {

    private static Result jmh(String cls, String method, String param, String value, double micros) {
        return new Result(cls, method, Map.of(param, value), micros * 1e3, micros * 100, "avgt", "5 x 1 s");
    }

    private static String render() {
        List<Result> results = List.of(
                jmh("MlpStepBenchmark", "trainingStep", "batch", "1", 93.5),
                jmh("MlpStepBenchmark", "trainingStep", "batch", "256", 2040),
                jmh("GmmBenchmark", "objective", "file", "1k/gmm_d2_K5.txt", 100),
                jmh("GmmBenchmark", "gradient", "file", "1k/gmm_d2_K5.txt", 450));
        return new NetsTables(results, PeerResults.mlp(PeerResultsTest.MNIST_LOG),
                PeerResults.gmm(PeerResultsTest.GMM_LOG), Map.of("1k/gmm_d2_K5.txt", 3e-15)).render();
    }

    @Test
    void mlpRowsCarryBothRatiosAndTheTargets() {
        String md = render();
        // 93.5 / 187 = 0.50 (target < 1), 93.5 / 434 = 0.22; 2040 / 1360 = 1.50 (target <= 1.5).
        assertTrue(md.contains("| 1 | 93.5 ± 9.4 | 187 | 434 | 0.50x (< 1.00x) ✔ | 0.22x |"), md);
        assertTrue(md.contains("| 256 | 2,040 ± 204 | 1,360 | 2,605 | 1.50x (≤ 1.50x) ✔ | 0.78x |"), md);
    }

    @Test
    void gmmRowsGiveTimesRatiosAndAgreement() {
        String md = render();
        assertTrue(md.contains("| `1k/gmm_d2_K5.txt` | 2 | 5 | 1000 | 100 ± 10.0 | 450 ± 45.0 | 153 | 491 | 466 | 1,242 | 3.0e-15 |"), md);
        // 450 / 100 = 4.5 > 4 misses; 450 / 491 = 0.92 meets.
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
