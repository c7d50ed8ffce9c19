package dev.fluxion.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The O(n) methods on the n-dimensional Rosenbrock function: Fluxion's reverse-mode
 * gradient and value on the generated object, and the hand-written gradient and value.
 * The O(n^2) peers are in {@link RosenbrockPeersBenchmark}.
 *
 * <p>Warm-up is long-ish (4 x 1 s) because the generated code for n = 1000 is hundreds of
 * small methods, each of which HotSpot compiles with C2 only after thousands of calls.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss64m", "-Xmx6g"})
public class RosenbrockBenchmark {

    @Benchmark
    public double fluxionReverse(RosenbrockPoint p, RosenbrockGenerated g) {
        return g.f.gradient(p.x, p.grad);
    }

    @Benchmark
    public double fluxionValue(RosenbrockPoint p, RosenbrockGenerated g) {
        g.f.value(p.x, p.y);
        return p.y[0];
    }

    @Benchmark
    public double fluxionReverseStraightLine(RosenbrockPoint p, RosenbrockStraightLine g) {
        return g.f.gradient(p.x, p.grad);
    }

    @Benchmark
    public double handWritten(RosenbrockPoint p) {
        return Rosenbrock.gradient(p.x, p.grad);
    }

    @Benchmark
    public double handWrittenValue(RosenbrockPoint p) {
        return Rosenbrock.value(p.x);
    }
}
