package dev.fluxion.compiler.inspect;

import java.time.Duration;
import java.util.Arrays;

/**
 * A short wall-clock measurement of one call: warm up so the JIT compiles the generated
 * methods, then time several batches and keep the fastest batch's time per call. On a
 * shared machine other work only ever adds time, so the fastest batch is the closest to
 * what the code itself costs (the advice of Python's {@code timeit}); the mean and even
 * the median move with the neighbours' load.
 * Good for comparing two modes on the same machine a moment apart; not a benchmark (the
 * JMH benchmarks in {@code bench} are).
 *
 * <p>The warm-up lasts a third of the budget and at least {@code warmupCalls} calls of each
 * function (HotSpot compiles a method after some thousands of calls; a large generated
 * Jacobian measured before that is measured in the interpreter), but never more than
 * {@link #WARMUP_LIMIT} budgets.
 *
 * @param budget      roughly how long one measurement may take, warm-up included
 * @param batches     how many timed batches the fastest is taken from
 * @param warmupCalls the fewest calls of each function before timing starts
 */
public record Timing(Duration budget, int batches, int warmupCalls) {

    /** The warm-up stops after this many budgets even if it has not made {@code warmupCalls} calls. */
    static final int WARMUP_LIMIT = 10;

    public Timing {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the time budget must be positive, got " + budget);
        }
        if (batches < 1) {
            throw new IllegalArgumentException("need at least one batch, got " + batches);
        }
        if (warmupCalls < 0) {
            throw new IllegalArgumentException("warm-up calls must be >= 0, got " + warmupCalls);
        }
    }

    /** {@code budget} with {@code batches} batches and a warm-up of at least 2,000 calls. */
    public static Timing of(Duration budget, int batches) {
        return new Timing(budget, batches, 2000);
    }

    /** About half a second per measurement: enough for the JIT on small functions. */
    public static Timing standard() {
        return of(Duration.ofMillis(500));
    }

    /**
     * {@code budget} split into batches of about a millisecond each (at least 7): on a busy
     * machine a short batch has a fair chance of running without being descheduled, and
     * the fastest one is what is kept.
     */
    public static Timing of(Duration budget) {
        long millis = budget.toMillis();
        return of(budget, (int) Math.max(7, Math.min(1000, millis * 2 / 3 / 2)));
    }

    /** A few milliseconds: the numbers are rough, for tests that only need the code path. */
    public static Timing quick() {
        return new Timing(Duration.ofMillis(5), 3, 0);
    }

    /** The nanoseconds per call of {@code call}, from its fastest batch. */
    public double nanosPerCall(Runnable call) {
        return nanosPerCall(new Runnable[] {call})[0];
    }

    /**
     * The nanoseconds per call of each of {@code calls} (fastest batch), measured interleaved (a
     * batch of the first, a batch of the second, ...) so that a machine that is busy for a
     * while slows all of them alike instead of whichever happened to run then. The budget
     * is shared among the calls.
     */
    public double[] nanosPerCall(Runnable... calls) {
        int k = calls.length;
        long budgetNanos = budget.toNanos();
        long[] warmCalls = new long[k];
        long begin = System.nanoTime();
        long warmupEnd = begin + budgetNanos / 3;
        long warmupLimit = begin + WARMUP_LIMIT * budgetNanos;
        do {
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < 16; i++) {
                    calls[c].run();
                }
                warmCalls[c] += 16;
            }
        } while (System.nanoTime() < warmupEnd
                || (warmCalls[0] < warmupCalls && System.nanoTime() < warmupLimit));
        // calibrate on warm code: the warm-up's average includes the slow first calls
        long[] perBatch = new long[k];
        for (int c = 0; c < k; c++) {
            long t0 = System.nanoTime();
            long n = 0;
            do {
                calls[c].run();
                n++;
            } while (n < 16 || System.nanoTime() - t0 < 1_000_000 && n < 1_000_000);
            double perCall = Math.max(1.0, (double) (System.nanoTime() - t0) / n);
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
        double[] best = new double[k];
        for (int c = 0; c < k; c++) {
            Arrays.sort(times[c]);
            best[c] = times[c][0];
        }
        return best;
    }
}
