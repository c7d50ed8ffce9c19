package dev.fluxion.bench;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.TapeReport;
import dev.fluxion.runtime.DifferentiableFunction;
import java.util.Arrays;
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
 * A recurrent cell with two carried variables over T = 1,000 and 10,000 steps, written as a
 * {@code for} loop that the compiler keeps as a Java loop with a tape ({@code ir.Scan}): value,
 * gradient, gradient with checkpoints every √T steps and with binomial checkpointing of 10
 * snapshots (issue 14's targets: gradient / value ≤
 * 3; with checkpoints, the tape at least 10× smaller at T = 10,000 for at most 2× the time). The
 * trial setup checks the checkpointed gradient against the plain one bit for bit and prints the
 * tape sizes ({@code Compilation.tapeReport()}). {@link #main} times the compilation of the
 * T = 1,000 cell kept as a loop and unrolled ({@code Options.withLoops(false)}, as every loop
 * compiled before).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RnnScanBenchmark {

    /** The cell: a state h and a cell value c, a loss on the last state. */
    public static final String SOURCE = """
            fn rnn(w, u, b, v, x[T]) {
              h = 0
              c = 0
              for t in 0..T-1 {
                z = w*h + u*x[t] + b
                c = 0.9*c + v*tanh(z)
                h = tanh(c)
              }
              return (h - 0.5)^2 + 0.1*c
            }
            """;

    /** The trip count, the point, the classes. */
    @State(Scope.Thread)
    public static class Cell {
        @Param({"1000", "10000"})
        public int steps;
        double[] x;
        double[] y = new double[1];
        double[] grad;
        DifferentiableFunction plain;
        DifferentiableFunction checkpointed;
        DifferentiableFunction binomial;

        @Setup(Level.Trial)
        public void setUp() {
            x = new double[4 + steps];
            x[0] = 0.8;
            x[1] = -0.4;
            x[2] = 0.1;
            x[3] = 0.7;
            for (int t = 0; t < steps; t++) {
                x[4 + t] = Math.sin(0.37 * t);
            }
            grad = new double[x.length];
            Fluxion fluxion = Fluxion.create();
            CompiledFunction p = fluxion.compile(SOURCE, Options.defaults().withSize("T", steps));
            CompiledFunction c = fluxion.compile(SOURCE, Options.defaults().withSize("T", steps)
                    .withCheckpoints(checkpoints(steps)));
            CompiledFunction r = fluxion.compile(SOURCE, Options.defaults().withSize("T", steps)
                    .withBinomialCheckpoints(SNAPSHOTS));
            double[] a = p.gradient(x);
            if (!Arrays.equals(a, c.gradient(x)) || !Arrays.equals(a, r.gradient(x))) {
                throw new IllegalStateException("checkpointed gradient differs from the plain one at T = " + steps);
            }
            TapeReport tp = p.compilation().tapeReport();
            TapeReport tc = c.compilation().tapeReport();
            TapeReport tr = r.compilation().tapeReport();
            System.out.println("T = " + steps + ": plain " + tp + "; checkpointed " + tc + "; ratio "
                    + (double) tp.storedDoubles() / tc.storedDoubles() + "; binomial " + tr);
            plain = p.generated();
            checkpointed = c.generated();
            binomial = r.generated();
        }
    }

    /** The snapshots of the binomial schedule. */
    static final int SNAPSHOTS = 10;

    /** Checkpoints every √T steps: √T checkpoints of the carries and one segment of √T steps. */
    static int checkpoints(int steps) {
        return (int) Math.round(Math.sqrt(steps));
    }

    @Benchmark
    public double value(Cell s) {
        s.plain.value(s.x, s.y);
        return s.y[0];
    }

    @Benchmark
    public double gradient(Cell s) {
        return s.plain.gradient(s.x, s.grad);
    }

    @Benchmark
    public double gradientCheckpointed(Cell s) {
        return s.checkpointed.gradient(s.x, s.grad);
    }

    /** Binomial checkpointing with {@value #SNAPSHOTS} snapshots (revolve). */
    @Benchmark
    public double gradientBinomial(Cell s) {
        return s.binomial.gradient(s.x, s.grad);
    }

    /**
     * Compile time of the T = 1,000 cell from text to a loaded class and a first gradient: kept as
     * a loop, and unrolled as before; {@code runs} times each after one warm-up compilation.
     *
     * @param args the number of runs (default 3)
     */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        double[] x = new double[1004];
        Arrays.fill(x, 0.1);
        for (boolean loops : new boolean[] {true, false}) {
            Options o = Options.defaults().withSize("T", 1000).withLoops(loops);
            Fluxion.create().compile(SOURCE, o.withClassName("Warm" + loops)).gradient(x);
            long[] ms = new long[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                Fluxion.create().compile(SOURCE, o.withClassName("Rnn" + loops + r)).gradient(x);
                ms[r] = (System.nanoTime() - t0) / 1_000_000;
            }
            System.out.println((loops ? "kept as a loop" : "unrolled (withLoops(false))") + ": " + Arrays.toString(ms)
                    + " ms");
        }
    }
}
