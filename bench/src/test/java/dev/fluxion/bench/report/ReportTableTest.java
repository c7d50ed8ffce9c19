package dev.fluxion.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The Markdown tables come from the JSON alone: units normalised, ratios computed, targets judged. */
class ReportTableTest {

    private static String entry(String benchmark, String params, double score, String unit, String mode) {
        return String.format(Locale.ROOT, """
                {"benchmark": "dev.fluxion.bench.%s", "mode": "%s", "forks": 1,
                 "warmupIterations": 3, "warmupTime": "1 s", "measurementIterations": 3, "measurementTime": "1 s",
                 "params": {%s},
                 "primaryMetric": {"score": %s, "scoreError": "NaN", "scoreUnit": "%s"}}""",
                benchmark, mode, params, score, unit);
    }

    private static final String JSON = "[" + String.join(",", List.of(
            entry("RosenbrockBenchmark.fluxionReverse", "\"n\": \"100\"", 2.0, "us/op", "avgt"),
            entry("RosenbrockBenchmark.fluxionReverseStraightLine", "\"n\": \"100\"", 8.0, "us/op", "avgt"),
            entry("RosenbrockBenchmark.handWritten", "\"n\": \"100\"", 1000.0, "ns/op", "avgt"),
            entry("RosenbrockBenchmark.fluxionValue", "\"n\": \"100\"", 0.4, "us/op", "avgt"),
            entry("RosenbrockBenchmark.handWrittenValue", "\"n\": \"100\"", 0.3, "us/op", "avgt"),
            entry("RosenbrockPeersBenchmark.hipparchus", "\"n\": \"100\"", 0.1, "ms/op", "avgt"),
            entry("RosenbrockPeersBenchmark.finiteDifferences", "\"n\": \"100\"", 10.0, "us/op", "avgt"),
            entry("RosenbrockPeersBenchmark.fluxionForward", "\"n\": \"100\"", 40.0, "us/op", "avgt"),
            entry("CompileBenchmark.sourceToLoadedClass", "\"n\": \"10\"", 90, "ms/op", "ss"),
            entry("CompileBenchmark.sourceToLoadedClass", "\"n\": \"100\"", 900, "ms/op", "ss"),
            entry("CorpusBenchmark.fluxionReverse", "\"function\": \"*\"", 300, "ns/op", "avgt"),
            entry("CorpusBenchmark.fluxionValue", "\"function\": \"*\"", 100, "ns/op", "avgt"),
            entry("SparseJacobianBenchmark.sparse", "\"n\": \"1000\"", 20, "us/op", "avgt"),
            entry("SparseJacobianBenchmark.sparseReverse", "\"n\": \"1000\"", 30, "us/op", "avgt"),
            entry("SparseJacobianBenchmark.denseInto", "\"n\": \"1000\"", 4, "ms/op", "avgt"),
            entry("SparseJacobianBenchmark.dense", "\"n\": \"1000\"", 5, "ms/op", "avgt"))) + "]";

    @Test
    void ratiosAndTargetsComeFromTheNumbers() {
        String md = new MarkdownReport(JmhJson.parse(JSON)).render();
        // reverse 2 µs / hand-written 1 µs = 2 > 1.3: missed; Hipparchus 100 µs / 2 µs = 50: met;
        // differences 10 µs / 2 µs = 5: missed; gradient/function 2 / 0.4 = 5 > 4: missed.
        // loops off 8 µs / loops on 2 µs = 4
        assertTrue(md.contains("| 100 | 2.00x ✘ | 50.0x ✔ | 5.00x ✘ | 5.00x ✘ | 20.0x | 3.33x | 4.00x |"), md);
        assertTrue(md.contains("| 100 | 400 ns | 2.00 µs | 8.00 µs | 40.0 µs | 1.00 µs | 100 µs | 10.0 µs | 300 ns |"), md);
        // compile: 10x the time for 10x the n is growth 1.00
        assertTrue(md.contains("| 100 | 99 | 900 ms | 9.09 ms | 1.00 |"), md);
        assertTrue(md.contains("| `*` | 100 ns | 300 ns | — | — | — | 3.00x | — | — |"), md);
        // sparse: dense into 4 ms / sparse 20 µs = 200
        assertTrue(md.contains("| 1000 | 20.0 µs | 30.0 µs | 4.00 ms | 5.00 ms | 200x |"), md);
        assertTrue(md.contains("`CompileBenchmark`: 0 warm-up shots") || md.contains("`CompileBenchmark`: 3 warm-up shots"), md);
    }

    @Test
    void spliceReplacesOnlyTheMarkedSection() {
        String doc = "intro\n" + ReportTable.BEGIN + "\nold\n" + ReportTable.END + "\nafter\n";
        assertEquals("intro\n" + ReportTable.BEGIN + "\n\nNEW\n" + ReportTable.END + "\nafter\n",
                ReportTable.splice(doc, "NEW\n"));
        assertThrows(IllegalArgumentException.class, () -> ReportTable.splice("no markers", "x"));
    }

    @Test
    void throughputModeIsRejectedWithItsUnit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhJson.nanosPer("ops/s"));
        assertTrue(e.getMessage().contains("ops/s"));
    }
}
