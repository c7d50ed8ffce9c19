package dev.fluxion.compiler;

import dev.fluxion.compiler.roll.ScanLoop;
import java.util.List;

/**
 * What the reverse sweep of a function's {@code for} loops kept as loops stores and recomputes
 * ({@link Compilation#tapeReport()}): the plain sweep stores what every step's adjoint reads
 * (the carries and the body's values that change from step to step); with
 * {@link Options#withCheckpoints} it stores the carries every k steps and one segment, and runs
 * every step twice forward.
 *
 * @param loops           the loops kept
 * @param steps           their iterations, summed
 * @param storedDoubles   the doubles the tapes hold (per thread), summed
 * @param plainDoubles    what they would hold without checkpointing
 * @param recomputedSteps the steps the backward loops run forward again, summed
 */
public record TapeReport(int loops, long steps, long storedDoubles, long plainDoubles, long recomputedSteps) {

    static TapeReport of(List<ScanLoop> scans) {
        long steps = 0;
        long stored = 0;
        long plain = 0;
        long again = 0;
        for (ScanLoop q : scans) {
            steps += q.count();
            stored += q.tapeDoubles();
            plain += (long) q.count() * q.stepWidth();
            again += q.recomputedSteps();
        }
        return new TapeReport(scans.size(), steps, stored, plain, again);
    }

    @Override
    public String toString() {
        return loops + (loops == 1 ? " loop" : " loops") + " of " + steps + " steps: tape of " + storedDoubles + " doubles"
                + (storedDoubles == plainDoubles ? "" : " (" + plainDoubles + " without checkpoints)") + ", "
                + recomputedSteps + " steps recomputed";
    }
}
