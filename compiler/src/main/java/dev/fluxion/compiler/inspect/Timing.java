package dev.fluxion.compiler.inspect;

import java.time.Duration;
import java.util.Arrays;

/**
 * A short wall-clock measurement of one call: warm up so the JIT compiles the generated
 * methods, then time several batches and keep the median time per call, which a stray
 * garbage collection or a busy neighbour on a shared machine moves less than the mean.
 * Good for comparing two modes on the same machine a moment apart; not a benchmark (the
 * JMH benchmarks in {@code bench} are).
 *
 * @param budget  roughly how long one measurement may take, warm-up included
 * @param batches how many timed batches the median is taken over
 */
public record Timing(Duration budget, int batches) {

    public Timing {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the time budget must be positive, got " + budget);
        }
        if (batches < 1) {
            throw new IllegalArgumentException("need at least one batch, got " + batches);
        }
    }

    /** About half a second per measurement: enough for the JIT on small functions. */
    public static Timing standard() {
        return new Timing(Duration.ofMillis(500), 7);
    }

    /** A few milliseconds: the numbers are rough, for tests that only need the code path. */
    public static Timing quick() {
        return new Timing(Duration.ofMillis(5), 3);
    }

    /** The median nanoseconds per call of {@code call}. */
    public double nanosPerCall(Runnable call) {
        long budgetNanos = budget.toNanos();
        long warmupEnd = System.nanoTime() + budgetNanos / 3;
        long calls = 0;
        long start = System.nanoTime();
        do {
            call.run();
            calls++;
        } while (System.nanoTime() < warmupEnd);
        double perCall = (double) (System.nanoTime() - start) / calls;
        long perBatch = Math.max(1, (long) ((budgetNanos * 2.0 / 3 / batches) / Math.max(perCall, 1)));
        double[] times = new double[batches];
        for (int b = 0; b < batches; b++) {
            long t0 = System.nanoTime();
            for (long i = 0; i < perBatch; i++) {
                call.run();
            }
            times[b] = (double) (System.nanoTime() - t0) / perBatch;
        }
        Arrays.sort(times);
        return times[batches / 2];
    }
}
