package dev.fluxion.bench.adbench;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.examples.AdBench;
import dev.fluxion.examples.Agreement;
import dev.fluxion.examples.BaProblem;
import dev.fluxion.examples.BaProgram;
import dev.fluxion.runtime.sparse.CsrMatrix;
import dev.fluxion.runtime.sparse.ItemMap;
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
 * ADBench's bundle adjustment: the objective (2p reprojection and p weight residuals) and the
 * 3p × (11n + 3m + p) sparse Jacobian in ADBench's CSR layout, by the per-item map of
 * {@code examples/adbench/ba.flx} (docs/sparse.md, "Per-item maps"): the figures
 * {@code ba_peers.py} gives for JAX jit and PyTorch. {@link #jacobian} is the map's choice,
 * reverse (3 adjoint sweeps per observation), returning a new {@link CsrMatrix} as ADBench's
 * {@code calculate_jacobian} fills its {@code BASparseMat}, with the residuals;
 * {@link #jacobianInto} the same values into an array kept between calls, as a solver's loop
 * would; {@link #jacobianForward} the same by 15 tangent passes per observation, for the comparison.
 *
 * <p>Before timing, the trial checks the test file against ADBench's reference (1e-8) and,
 * for every file, the map's structure against ADBench's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class BaBenchmark {

    /** A BA file of {@code examples/data/ba} (or {@code -Dfluxion.ba=DIR}). */
    @Param({"test.txt", "ba1_n49_m7776_p31843.txt", "ba2_n21_m11315_p36455.txt", "ba3_n161_m48126_p182072.txt",
        "ba10_n1197_m126327_p563734.txt"})
    public String file;

    private ItemMap reverse;
    private ItemMap forward;
    private double[] x;
    private double[] y;
    private double[] values;

    /** The data directory: {@code -Dfluxion.ba}, else the nearest {@code examples/data/ba} above the working directory. */
    static Path baDirectory() {
        String configured = System.getProperty("fluxion.ba");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/data/ba/test.txt"))) {
                return dir.resolve("examples/data/ba");
            }
        }
        throw new IllegalStateException("no examples/data/ba above " + Path.of("").toAbsolutePath() + "; pass -Dfluxion.ba=DIR");
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = baDirectory();
        if (file.equals("test.txt")) {
            for (Agreement a : AdBench.baTestCase(dir, ItemMap.Sweep.REVERSE)) {
                if (!a.ok()) {
                    throw new IllegalStateException("test.txt disagrees with ADBench: " + a.format());
                }
            }
        }
        BaProblem problem = BaProblem.read(dir.resolve(file));
        CompiledFunction f = BaProgram.compile();
        reverse = BaProgram.map(f, problem, ItemMap.Sweep.REVERSE);
        forward = BaProgram.map(f, problem, ItemMap.Sweep.FORWARD);
        x = problem.inputs();
        y = new double[reverse.rows()];
        values = new double[reverse.nonZeros()];
        int[][] want = AdBench.adbenchStructure(problem);
        CsrMatrix s = reverse.structure();
        if (!java.util.Arrays.equals(want[0], s.rowPointers()) || !java.util.Arrays.equals(want[1], s.columnIndices())) {
            throw new IllegalStateException(file + ": the map's CSR structure is not ADBench's");
        }
    }

    @Benchmark
    public double[] objective() {
        reverse.values(x, y);
        return y;
    }

    @Benchmark
    public CsrMatrix jacobian() {
        return reverse.jacobian(x, y);
    }

    /** The same values into an array the caller keeps (no 8 bytes × 31p allocated per call: 140 MB on ba10). */
    @Benchmark
    public double[] jacobianInto() {
        reverse.jacobian(x, y, values);
        return values;
    }

    @Benchmark
    public CsrMatrix jacobianForward() {
        return forward.jacobian(x, y);
    }
}
