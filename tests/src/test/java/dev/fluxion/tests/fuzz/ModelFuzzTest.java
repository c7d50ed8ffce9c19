package dev.fluxion.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The model fuzzer in the build: a fixed-seed run of {@link FuzzSettings#DEFAULT_MODELS}
 * random models by default; with {@code -Dfluxion.fuzz.minutes=N} its share of that time.
 * Fails with each new kind of failure and its smallest model.
 */
class ModelFuzzTest {

    @Test
    void randomModelsPassTheOracle() {
        FuzzSettings settings = FuzzSettings.fromSystem(FuzzSettings.MODEL_SHARE);
        ModelFuzz fuzz = new ModelFuzz(Fluxion.create());
        long start = System.nanoTime();
        List<ScalarFuzz.Report> reports = fuzz.run(settings.seed(),
                settings.long_() ? Integer.MAX_VALUE : FuzzSettings.DEFAULT_MODELS, settings.deadlineNanos(), settings.shrinkNanos());
        String summary = "model fuzz, seed " + settings.seed() + ", "
                + String.format("%.0f s wall, %.0f s CPU of this JVM so far%n", (System.nanoTime() - start) / 1e9,
                        FuzzSettings.processCpuSeconds())
                + fuzz.stats().format()
                + (reports.isEmpty() ? "  no new findings\n"
                        : reports.stream().map(ScalarFuzz.Report::format).collect(Collectors.joining("", "  NEW FINDINGS:\n", "")));
        System.out.println(summary);
        assertTrue(reports.isEmpty(), summary);
    }
}
