package dev.fluxion.tests.fuzz;

import dev.fluxion.compiler.Fluxion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A run of the model fuzzer: models from {@link ModelGenerator} until a count or a
 * deadline, each put to the {@link ModelOracle}; the first model of each new kind of
 * finding is shrunk by deleting lines. Model {@code i} of seed {@code s} is drawn from its
 * own random source.
 */
final class ModelFuzz {

    private final Fluxion fluxion;
    private final Language language;
    private final Stats stats = new Stats();
    private final ModelOracle oracle;

    ModelFuzz(Fluxion fluxion) {
        this.fluxion = fluxion;
        this.language = Language.probe(fluxion);
        this.oracle = new ModelOracle(fluxion, stats);
    }

    Stats stats() {
        return stats;
    }

    ModelCase draw(long seed, int index) {
        ModelGenerator.Generated g = new ModelGenerator(new Random(seed * 1_000_003L + index), language).model();
        return new ModelCase(g.text(), g.batchTwice());
    }

    List<ScalarFuzz.Report> run(long seed, int maxModels, long deadlineNanos, long shrinkNanos) {
        Map<String, ScalarFuzz.Report> reports = new LinkedHashMap<>();
        for (int i = 0; i < maxModels && System.nanoTime() < deadlineNanos; i++) {
            ModelCase c = draw(seed, i);
            stats.cases.merge(c.batchTwice() ? "model with B twice" : "model", 1, Integer::sum);
            long pointSeed = seed + i;
            Finding f = oracle.check(c, pointSeed);
            if (f == null) {
                continue;
            }
            KnownIssues known = KnownIssues.covering(c.text(), f);
            if (known != null) {
                stats.known.merge(known.item(), 1, Integer::sum);
                continue;
            }
            ScalarFuzz.Report seen = reports.get(f.kind());
            if (seen != null) {
                reports.put(f.kind(), new ScalarFuzz.Report(seen.finding(), seen.shrunk(), seen.original(), seen.seed(),
                        seen.index(), seen.occurrences() + 1));
                continue;
            }
            reports.put(f.kind(), shrink(c, f, pointSeed, seed, i, shrinkNanos));
        }
        return new ArrayList<>(reports.values());
    }

    private ScalarFuzz.Report shrink(ModelCase c, Finding f, long pointSeed, long seed, int index, long budgetNanos) {
        ModelOracle quiet = new ModelOracle(fluxion, new Stats());
        long deadline = System.nanoTime() + budgetNanos;
        ModelCase current = c;
        Finding currentFinding = f;
        boolean progress = true;
        while (progress && System.nanoTime() < deadline) {
            progress = false;
            for (ModelCase smaller : current.shrinks()) {
                Finding g = quiet.check(smaller, pointSeed);
                if (g != null && g.kind().equals(f.kind())) {
                    current = smaller;
                    currentFinding = g;
                    progress = true;
                    break;
                }
            }
        }
        return new ScalarFuzz.Report(currentFinding, current.text(), c.text(), seed, index, 1);
    }
}
