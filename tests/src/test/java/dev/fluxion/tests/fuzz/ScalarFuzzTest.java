package dev.fluxion.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The scalar fuzzer in the build: a fixed-seed run of a few thousand programs by default;
 * with {@code -Dfluxion.fuzz.minutes=N} a run of that many minutes instead (shared with
 * {@code ModelFuzzTest}: {@link FuzzSettings}), from {@code -Dfluxion.fuzz.seed} or the clock.
 * Either fails with each new kind of failure and its smallest program.
 */
class ScalarFuzzTest {

    @Test
    void generatedMutatedHostileAndHugeProgramsPassTheOracle() {
        FuzzSettings settings = FuzzSettings.fromSystem(FuzzSettings.SCALAR_SHARE);
        ScalarFuzz fuzz = new ScalarFuzz(Fluxion.create());
        long start = System.nanoTime();
        List<ScalarFuzz.Report> reports = fuzz.run(settings.seed(), new ScalarFuzz.Budget(
                settings.long_() ? Integer.MAX_VALUE : FuzzSettings.DEFAULT_PROGRAMS, settings.deadlineNanos(),
                settings.long_() ? 100_000 : 400, settings.shrinkNanos()));
        String summary = "scalar fuzz, seed " + settings.seed() + ", " + fuzz.language().describe() + ", "
                + String.format("%.0f s wall, %.0f s CPU of this JVM so far%n", (System.nanoTime() - start) / 1e9, FuzzSettings.processCpuSeconds()) + fuzz.stats().format()
                + (reports.isEmpty() ? "  no new findings\n"
                        : reports.stream().map(ScalarFuzz.Report::format).collect(Collectors.joining("", "  NEW FINDINGS:\n", "")));
        System.out.println(summary);
        assertTrue(reports.isEmpty(), summary);
    }
}
