package dev.fluxion.bench.adbench;

import dev.fluxion.examples.AdBench;
import dev.fluxion.examples.AdBenchHand;
import dev.fluxion.examples.HandMap;
import dev.fluxion.examples.HandProblem;
import dev.fluxion.examples.HandProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ADBench's hand tracking: the objective (3N residuals) and the Jacobian in ADBench's layout
 * (3N × 26, or 3N × 28 with the us columns for the complicated variant), by
 * {@code examples/adbench/hand.flx} through {@link HandMap} (the pose once, the point function
 * as a per-item map, the chain rule through the pose's sparse Jacobian): the figures
 * {@code hand_peers.py} gives for JAX jit and PyTorch. {@link #jacobian} returns the residuals
 * and the Jacobian, written into arrays kept between calls, as ADBench's
 * {@code calculate_jacobian} does.
 *
 * <p>Before timing, the trial checks both test inputs against ADBench's reference (1e-8). Five
 * warm-up seconds rather than BA's three: the generated code is large (the pose's JVP alone is
 * about 60 methods of 2.3 KB of bytecode), and C2 takes seconds to compile it on a loaded machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class HandBenchmark {

    /** A hand input of {@code examples/data/hand} (or {@code -Dfluxion.hand=DIR}). */
    @Param({"test.txt", "hand_complicated.txt", "simple_small/hand1_t26_c100.txt", "simple_small/hand5_t26_c800.txt",
        "simple_small/hand9_t26_c12800.txt", "complicated_small/hand1_t26_c100.txt", "complicated_small/hand5_t26_c800.txt",
        "complicated_small/hand9_t26_c12800.txt"})
    public String file;

    private HandMap map;
    private double[] theta;
    private double[] us;
    private double[] err;
    private double[] jac;

    /** The data directory: {@code -Dfluxion.hand}, else the nearest {@code examples/data/hand} above the working directory. */
    static Path handDirectory() {
        String configured = System.getProperty("fluxion.hand");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/data/hand/test.txt"))) {
                return dir.resolve("examples/data/hand");
            }
        }
        throw new IllegalStateException("no examples/data/hand above " + Path.of("").toAbsolutePath() + "; pass -Dfluxion.hand=DIR");
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = handDirectory();
        HandProgram.Functions f = HandProgram.compile();
        for (String test : AdBenchHand.TESTS) {
            double[] d = AdBenchHand.againstReference(f, dir, test);
            if (!(d[0] <= AdBench.TOLERANCE && d[1] <= AdBench.TOLERANCE)) {
                throw new IllegalStateException(test + " disagrees with ADBench: residuals " + d[0] + ", Jacobian " + d[1]);
            }
        }
        HandProblem problem = HandProblem.read(dir.resolve(file));
        map = new HandMap(f, problem);
        theta = problem.theta();
        us = problem.us();
        err = new double[map.rows()];
        jac = new double[map.rows() * map.cols()];
    }

    @Benchmark
    public double[] objective() {
        map.values(theta, us, err);
        return err;
    }

    @Benchmark
    public double[] jacobian() {
        map.jacobian(theta, us, err, jac);
        return jac;
    }
}
