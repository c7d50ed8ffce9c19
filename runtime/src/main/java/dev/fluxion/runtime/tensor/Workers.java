package dev.fluxion.runtime.tensor;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The runtime's small pool of kernel threads: splits one large kernel call (a matrix
 * product above a work threshold; an SGD update of a large parameter while a worker is
 * {@link #awake}) into parts run at the same time, the caller running part 0 itself.
 * Kernels partition their output so that every element is computed by exactly one part, in
 * the same order as with one thread, so results do not depend on the number of threads.
 *
 * <p>The thread count is the system property {@value #PROPERTY} (read once, when the first
 * kernel asks), by default {@link Runtime#availableProcessors()}; {@code 1} turns
 * multithreading off. The {@code threads − 1} worker threads are daemons, created on first
 * use and then kept (a model step reuses them every call); nothing else is shared between
 * callers, so independent models may run on different threads at the same time (their
 * parts then simply queue for the workers).
 */
public final class Workers {

    /** The system property holding the thread count. */
    public static final String PROPERTY = "fluxion.threads";

    /** Spins of the caller waiting for the other parts before it blocks (most parts end within a few µs of each other). */
    private static final int SPINS = 20_000;

    /** How long an idle worker keeps polling before it blocks. */
    private static final long IDLE_SPIN_NANOS = 100_000;

    private static final Object LOCK = new Object();
    /**
     * Workers not blocked on the queue (running a part, or polling for the next one): a part
     * handed over now starts within µs. A worker counts from the end of one part to the start
     * of its poll too, so that a caller returning from {@link #run} sees it.
     */
    private static final AtomicInteger AWAKE = new AtomicInteger();
    private static volatile BlockingQueue<Runnable> queue;
    private static volatile int threads;

    private Workers() {
    }

    /**
     * The configured number of threads kernels may use.
     *
     * @return at least 1
     */
    public static int threads() {
        int t = threads;
        if (t == 0) {
            t = configured(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors());
            threads = t;
        }
        return t;
    }

    /**
     * The thread count a property value asks for: a whole number of at least 1, else an
     * error naming the property; {@code fallback} when unset.
     */
    static int configured(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return Math.max(1, fallback);
        }
        try {
            int t = Integer.parseInt(value.trim());
            if (t >= 1) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("system property " + PROPERTY + " must be a whole number >= 1, got '"
                + value + "'");
    }

    /**
     * How many workers are awake right now (running a part, or polling for the next one since
     * they ran one less than {@value #IDLE_SPIN_NANOS} ns ago): parts handed to them start at
     * once rather than after the tens of µs a parked thread takes to wake. For work small
     * enough that waking a worker would cost more than it saves (an optimizer step after a
     * product).
     *
     * @return the number of workers awake now, 0 or more
     */
    public static int awake() {
        return AWAKE.get();
    }

    /**
     * Runs {@code task.accept(p)} for p = 0..parts-1, part 0 on the calling thread and the
     * others on the pool, and returns when all have finished. An exception thrown by a part
     * is rethrown here (after every part has ended).
     *
     * @param parts the number of parts; 1 or less runs {@code task.accept(0)} here
     * @param task what each part does; parts must write disjoint data
     */
    public static void run(int parts, IntConsumer task) {
        if (parts <= 1) {
            task.accept(0);
            return;
        }
        BlockingQueue<Runnable> p = pool();
        AtomicInteger pending = new AtomicInteger(parts - 1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int part = 1; part < parts; part++) {
            int which = part;
            p.add(() -> {
                try {
                    task.accept(which);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    if (pending.decrementAndGet() == 0) {
                        done.countDown();
                    }
                }
            });
        }
        try {
            task.accept(0);
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
        for (int s = 0; s < SPINS && pending.get() > 0; s++) {
            Thread.onSpinWait();
        }
        boolean interrupted = false;
        while (pending.get() > 0) {
            try {
                done.await();
            } catch (InterruptedException e) {
                interrupted = true; // the parts write into the caller's buffers: wait for them regardless
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error r) {
            throw r;
        }
        if (e != null) {
            throw new IllegalStateException("kernel part failed", e);
        }
    }

    private static BlockingQueue<Runnable> pool() {
        BlockingQueue<Runnable> q = queue;
        if (q == null) {
            synchronized (LOCK) {
                q = queue;
                if (q == null) {
                    q = new LinkedBlockingQueue<>();
                    for (int w = 1; w < threads(); w++) {
                        Thread t = new Thread(new Worker(q), "fluxion-kernel-" + w);
                        t.setDaemon(true);
                        t.start();
                    }
                    queue = q;
                }
            }
        }
        return q;
    }

    /**
     * A worker: runs parts from the queue; when it is empty, polls it for
     * {@value #IDLE_SPIN_NANOS} ns before blocking, since the products of one training step
     * follow each other closely and waking a blocked thread takes tens of µs.
     */
    private record Worker(BlockingQueue<Runnable> queue) implements Runnable {
        @Override
        public void run() {
            AWAKE.incrementAndGet();
            while (true) {
                Runnable task = queue.poll();
                if (task == null) {
                    long until = System.nanoTime() + IDLE_SPIN_NANOS;
                    while ((task = queue.poll()) == null && System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }
                try {
                    if (task == null) {
                        AWAKE.decrementAndGet(); // counted as awake until it blocks
                        try {
                            task = queue.take();
                        } finally {
                            AWAKE.incrementAndGet();
                        }
                    }
                    task.run(); // parts catch their own exceptions (see run(int, IntConsumer))
                } catch (InterruptedException e) {
                    // a daemon of the runtime: nobody should interrupt it; keep serving
                }
            }
        }
    }
}
