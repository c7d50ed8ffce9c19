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
 * The O(n^2) ways to a full Rosenbrock gradient: Fluxion's forward mode (one tangent sweep
 * per input), Hipparchus {@code Gradient} (every operation carries an n-vector), and
 * central finite differences (2n evaluations of the generated value).
 *
 * <p>Iterations are time-bounded (1 s), so at n = 10000, where one call takes seconds,
 * each iteration is a single call: few iterations, as the run's time budget needs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss64m", "-Xmx6g"})
public class RosenbrockPeersBenchmark {

    @Benchmark
    public double[] fluxionForward(RosenbrockPoint p, RosenbrockGeneratedForward g) {
        g.f.jacobianForward(p.x, p.y, p.grad);
        return p.grad;
    }

    @Benchmark
    public double hipparchus(RosenbrockPoint p) {
        return Rosenbrock.hipparchusGradient(p.x, p.grad);
    }

    @Benchmark
    public double[] finiteDifferences(RosenbrockPoint p, RosenbrockGenerated g) {
        g.fd.gradient(p.x, p.grad);
        return p.grad;
    }
}
