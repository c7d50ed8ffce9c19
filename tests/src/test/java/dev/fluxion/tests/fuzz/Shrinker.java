package dev.fluxion.tests.fuzz;

import java.util.function.Function;

/**
 * Greedy shrinking: take the first smaller case that fails with the same kind of
 * finding, and start again from it, until no smaller case fails so or the budget is
 * spent. The result is a local minimum: removing any one more piece makes it pass (or
 * fail differently).
 */
final class Shrinker {

    private Shrinker() {
    }

    /** A case and the finding it shows. */
    record Shrunk(FuzzCase fuzzCase, Finding finding, int steps) {
    }

    static Shrunk shrink(FuzzCase start, Finding finding, Function<FuzzCase, Finding> oracle, long budgetNanos) {
        long deadline = System.nanoTime() + budgetNanos;
        FuzzCase current = start;
        Finding currentFinding = finding;
        int steps = 0;
        boolean progress = true;
        while (progress && System.nanoTime() < deadline) {
            progress = false;
            for (FuzzCase smaller : current.shrinks()) {
                if (System.nanoTime() >= deadline) {
                    break;
                }
                Finding f = oracle.apply(smaller);
                if (f != null && f.kind().equals(finding.kind())) {
                    current = smaller;
                    currentFinding = f;
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        return new Shrunk(current, currentFinding, steps);
    }
}
