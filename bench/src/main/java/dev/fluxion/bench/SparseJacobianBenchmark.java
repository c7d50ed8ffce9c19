package dev.fluxion.bench;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.sparse.CsrMatrix;
import java.util.EnumSet;
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
 * The sparse Jacobian ({@code jacobianSparse}: 3 compressed JVPs in one {@code jvpMany}, by the
 * column coloring) against the dense one (one tangent pass per input) on Broyden's tridiagonal
 * function of n = 1,000 inputs and outputs. {@code denseInto} is the generated class's forward
 * Jacobian written into a preallocated array (n JVPs, no 8 MB allocation per call), the fairest
 * dense figure; {@code dense} is the API's {@code jacobian(x)} (auto mode: n VJPs for a square
 * Jacobian, and a new n × n array); {@code sparseReverse} forces the row coloring (3 VJPs).
 *
 * <p>A smoke run (1 fork, 1 × 1 s warm-up, 1 × 1 s, machine shared, load 8) gave sparse 210 µs,
 * sparse reverse 164 µs, dense into 11.9 ms, dense 144 ms: the lead's full run replaces these.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss64m", "-Xmx4g"})
public class SparseJacobianBenchmark {

    /** The compiled function, checked against the hand-written Jacobian before timing. */
    @State(Scope.Benchmark)
    public static class Banded {

        /** The number of inputs (and outputs). */
        @Param("1000")
        public int n;

        CompiledFunction f;
        double[] x;
        double[] y;
        double[] dense;

        /** Compiles, finds the pattern and colorings (first call), and checks both paths against the oracle. */
        @Setup(Level.Trial)
        public void setUp() {
            f = Fluxion.create().compile(Broyden.program(n), Options.defaults().withSize("n", n)
                    .withCapabilities(EnumSet.of(Capability.GRADIENT, Capability.JVP, Capability.JACOBIAN)));
            x = Broyden.point(n);
            y = new double[n];
            dense = new double[n * n];
            double[][] expected = Broyden.jacobian(x);
            check("sparse", expected, f.jacobianSparse(x).toDense());
            check("sparse reverse", expected, f.jacobianSparse(dev.fluxion.compiler.Mode.REVERSE, x).toDense());
            check("dense", expected, f.jacobian(dev.fluxion.compiler.Mode.FORWARD, x));
            if (f.sparsity().colors() != 3) {
                throw new IllegalStateException("expected 3 colors: " + f.sparsity());
            }
        }

        private static void check(String what, double[][] expected, double[][] got) {
            for (int i = 0; i < expected.length; i++) {
                double[] row = got[i];
                GradientCheck.matches(what + " row " + i, expected[i], out -> System.arraycopy(row, 0, out, 0,
                        out.length), 1e-12);
            }
        }
    }

    @Benchmark
    public CsrMatrix sparse(Banded b) {
        return b.f.jacobianSparse(b.x);
    }

    @Benchmark
    public CsrMatrix sparseReverse(Banded b) {
        return b.f.jacobianSparse(dev.fluxion.compiler.Mode.REVERSE, b.x);
    }

    @Benchmark
    public double[] denseInto(Banded b) {
        b.f.generated().jacobianForward(b.x, b.y, b.dense);
        return b.dense;
    }

    @Benchmark
    public double[][] dense(Banded b) {
        return b.f.jacobian(b.x);
    }
}
