package dev.fluxion.runtime.optim;

import java.lang.management.ManagementFactory;

/** Measures the bytes the current thread allocates, through HotSpot's per-thread counter. */
public final class Allocation {

    private Allocation() {
    }

    /**
     * Bytes allocated per run of {@code task}, after a warm-up of 5·{@code runs} runs, the least of up to
     * ten measurements of {@code runs} runs (a compilation or safepoint in one of them can allocate on
     * this thread's account), rounded down per run.
     */
    public static long bytesOf(Runnable task, int runs) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 5 * runs; i++) {
            task.run();                     // warm-up: interpreter, C1 and C2 before anything is counted
        }
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 10 && best > 0; attempt++) {
            long before = bean.getThreadAllocatedBytes(id);
            long calibration = bean.getThreadAllocatedBytes(id) - before;
            before = bean.getThreadAllocatedBytes(id);
            for (int i = 0; i < runs; i++) {
                task.run();
            }
            long after = bean.getThreadAllocatedBytes(id);
            best = Math.min(best, Math.max(0, after - before - calibration) / runs);
        }
        return best;
    }
}
