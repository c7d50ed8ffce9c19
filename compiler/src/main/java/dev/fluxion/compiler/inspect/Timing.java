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
        return nanosPerCall(new Runnable[] {call})[0];
    }

    /**
     * The median nanoseconds per call of each of {@code calls}, measured interleaved (a
     * batch of the first, a batch of the second, ...) so that a machine that is busy for a
     * while slows all of them alike instead of whichever happened to run then. The budget
     * is shared among the calls.
     */
    public double[] nanosPerCall(Runnable... calls) {
        int k = calls.length;
        long budgetNanos = budget.toNanos();
        long[] warmCalls = new long[k];
        long[] warmNanos = new long[k];
        long warmupEnd = System.nanoTime() + budgetNanos / 3;
        do {
            for (int c = 0; c < k; c++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 16; i++) {
                    calls[c].run();
                }
                warmNanos[c] += System.nanoTime() - t0;
                warmCalls[c] += 16;
            }
        } while (System.nanoTime() < warmupEnd);
        long[] perBatch = new long[k];
        for (int c = 0; c < k; c++) {
            double perCall = Math.max(1.0, (double) warmNanos[c] / warmCalls[c]);
            perBatch[c] = Math.max(1, (long) (budgetNanos * 2.0 / 3 / batches / k / perCall));
        }
        double[][] times = new double[k][batches];
        for (int b = 0; b < batches; b++) {
            for (int c = 0; c < k; c++) {
                long t0 = System.nanoTime();
                for (long i = 0; i < perBatch[c]; i++) {
                    calls[c].run();
                }
                times[c][b] = (double) (System.nanoTime() - t0) / perBatch[c];
            }
        }
        double[] median = new double[k];
        for (int c = 0; c < k; c++) {
            Arrays.sort(times[c]);
            median[c] = times[c][batches / 2];
        }
        return median;
    }
}
