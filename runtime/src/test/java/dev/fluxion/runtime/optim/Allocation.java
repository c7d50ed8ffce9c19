package dev.fluxion.runtime.optim;

import java.lang.management.ManagementFactory;

/** Measures the bytes the current thread allocates, through HotSpot's per-thread counter. */
public final class Allocation {

    private Allocation() {
    }

    /**
     * Bytes allocated per run of {@code task}, the least of five measurements of {@code runs} runs
     * (the first ones include interpreter and JIT warm-up), rounded down per run.
     */
    public static long bytesOf(Runnable task, int runs) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && best > 0; attempt++) {
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
