package dev.fluxion.tests.concurrency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One compiled function called from several threads at once gives each thread the
 * numbers it gives alone: the generated code keeps no state between calls (large
 * functions use a per-thread scratch buffer), and capabilities compiled on first use are
 * compiled once even when several threads ask at the same moment.
 */
class ThreadSafetyTest {

    private static final int THREADS = 8;
    private static final int CALLS = 300;

    @Test
    void smallFunctionFromManyThreadsIncludingFirstUseOfLazyCapabilities() throws Exception {
        CompiledFunction f = Fluxion.create().compile("ln(x1)+x1*x2-sin(x2) + tanh(x1*x2)^2");
        // The reference numbers come from a second, independent compilation, called from one thread.
        CompiledFunction ref = Fluxion.create().compile("ln(x1)+x1*x2-sin(x2) + tanh(x1*x2)^2");
        hammer(f, ref, 2, true);
    }

    @Test
    void largeSplitFunctionFromManyThreads() throws Exception {
        StringBuilder sb = new StringBuilder();
        int m = 40;
        for (int k = 0; k < 2000; k++) {
            sb.append(k == 0 ? "" : " + ").append("sin(x").append(k % m).append(" * x").append((k * 7 + 3) % m)
                    .append(")");
        }
        Options straight = Options.defaults().withLoops(false);
        CompiledFunction f = Fluxion.create().compile(sb.toString(), straight);
        CompiledFunction ref = Fluxion.create().compile(sb.toString(), straight);
        org.junit.jupiter.api.Assertions.assertTrue(f.javaSource().contains("workspace"),
                "the function should be large enough to be split and to use the per-thread scratch buffer");
        hammer(f, ref, m, false);
    }

    @Test
    void loopsOverRerolledSumsFromManyThreads() throws Exception {
        // the loop sums live in a per-thread buffer between the loops and the rest of the function
        StringBuilder sb = new StringBuilder("ln(1 + ");
        int m = 60;
        for (int k = 0; k < m; k++) {
            sb.append(k == 0 ? "" : " + ").append("exp(x").append(k).append(" - x0) + x").append(k).append("^2");
        }
        sb.append(")");
        CompiledFunction f = Fluxion.create().compile(sb.toString());
        CompiledFunction ref = Fluxion.create().compile(sb.toString());
        org.junit.jupiter.api.Assertions.assertNotNull(f.compilation().rolling(), "the sum should become a loop");
        hammer(f, ref, m, true);
    }

    private static void hammer(CompiledFunction f, CompiledFunction ref, int m, boolean secondOrder) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<Integer> job = () -> {
                    start.await();
                    int checked = 0;
                    for (int c = 0; c < CALLS; c++) {
                        double[] x = point(thread, c, m);
                        assertEquals(ref.value(x), f.value(x), 0.0, "value, thread " + thread);
                        assertArrayEquals(ref.gradient(x), f.gradient(x), "reverse gradient, thread " + thread);
                        if (c % 25 == 0) {
                            assertArrayEquals(ref.gradient(Mode.FORWARD, x), f.gradient(Mode.FORWARD, x),
                                    "forward gradient, thread " + thread);
                        }
                        if (secondOrder && c % 25 == 0) {
                            double[] v = point(thread + 100, c, m);
                            assertArrayEquals(ref.hessianVector(x, v), f.hessianVector(x, v),
                                    "Hessian-vector product, thread " + thread);
                        }
                        checked++;
                    }
                    return checked;
                };
                results.add(pool.submit(job));
            }
            start.countDown();
            for (Future<Integer> r : results) {
                assertEquals(CALLS, r.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A point that differs per thread and per call, with positive entries (ln is defined). */
    private static double[] point(int thread, int call, int m) {
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = 0.5 + ((thread * 31 + call * 17 + i * 13) % 97) / 50.0;
        }
        return x;
    }
}
