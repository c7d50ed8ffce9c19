package dev.fluxion.tests.fuzz;

import dev.fluxion.compiler.Fluxion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A run of the scalar fuzzer: cases drawn from a seed until a count or a deadline, each
 * put to the {@link ScalarOracle}; the first case of each new kind of finding is shrunk
 * to a local minimum. Case {@code i} of seed {@code s} is drawn from its own random
 * source, so {@link #draw} reproduces it alone.
 *
 * <p>The mix: generated programs (most), the same with hostile names, mutations of the
 * conformance corpus, and programs of extreme size.
 */
final class ScalarFuzz {

    /** One new kind of failure: the shrunk case that shows it, and how to draw the original. */
    record Report(Finding finding, String shrunk, String original, long seed, int index, int occurrences) {

        String format() {
            return finding.kind() + " (" + occurrences + " cases; first: seed " + seed + ", case " + index + ")\n"
                    + "  smallest program:\n" + indent(shrunk) + "  observed: " + finding.detail() + "\n";
        }

        private static String indent(String text) {
            StringBuilder sb = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (!line.isEmpty()) {
                    sb.append("    ").append(line.length() > 400 ? line.substring(0, 400) + "… (" + line.length() + " chars)" : line)
                            .append('\n');
                }
            }
            return sb.toString();
        }
    }

    /** How a run is bounded and how big its programs get. */
    record Budget(int maxCases, long deadlineNanos, int maxSize, long shrinkNanos) {
    }

    private final Fluxion fluxion;
    private final Language language;
    private final CorpusMutations mutations = new CorpusMutations();
    private final Stats stats = new Stats();
    private final ScalarOracle oracle;

    ScalarFuzz(Fluxion fluxion) {
        this.fluxion = fluxion;
        this.language = Language.probe(fluxion);
        this.oracle = new ScalarOracle(fluxion, stats);
    }

    Stats stats() {
        return stats;
    }

    Language language() {
        return language;
    }

    /** Case {@code index} of the run with {@code seed}. */
    FuzzCase draw(long seed, int index, int maxSize) {
        Random r = new Random(seed * 1_000_003L + index);
        ScalarGenerator g = new ScalarGenerator(r, new Random(~(seed * 1_000_003L + index)), language);
        int k = r.nextInt(100);
        if (k < 58) {
            return new FuzzCase.Generated("generated", g.program(1 + r.nextInt(4)), FuzzCase.Expect.COMPILE);
        }
        if (k < 62) {
            return new FuzzCase.Generated("generated deep", g.program(5 + r.nextInt(3)), FuzzCase.Expect.COMPILE);
        }
        if (k < 76) {
            return new FuzzCase.Generated("hostile names", HostileNames.rename(g.program(1 + r.nextInt(3)), r),
                    FuzzCase.Expect.EITHER);
        }
        if (k < 78 && language.hasConditionals()) {
            return new FuzzCase.Generated("condition as number or number as condition",
                    TypeErrors.misuse(g.program(1 + r.nextInt(3)), r), FuzzCase.Expect.REJECT);
        }
        if (k < 97) {
            return mutations.next(r);
        }
        return SizeExtremes.random(r, maxSize);
    }

    /** Runs until {@code budget} is spent; returns the new kinds of failure, shrunk. */
    List<Report> run(long seed, Budget budget) {
        Map<String, Report> reports = new LinkedHashMap<>();
        for (int i = 0; i < budget.maxCases() && System.nanoTime() < budget.deadlineNanos(); i++) {
            FuzzCase c = draw(seed, i, budget.maxSize());
            stats.count(c);
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
            Report seen = reports.get(f.kind());
            if (seen != null) {
                reports.put(f.kind(), new Report(seen.finding(), seen.shrunk(), seen.original(), seen.seed(), seen.index(),
                        seen.occurrences() + 1));
                continue;
            }
            ScalarOracle quiet = new ScalarOracle(fluxion, new Stats());
            Shrinker.Shrunk s = Shrinker.shrink(c, f, x -> quiet.check(x, pointSeed), budget.shrinkNanos());
            reports.put(f.kind(), new Report(s.finding(), s.fuzzCase().text(), c.text(), seed, i, 1));
        }
        return new ArrayList<>(reports.values());
    }
}
