package dev.fluxion.bench;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction;
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
 * Rosenbrock written as the language's sum over an array parameter,
 * {@code fn rosenbrock(x[n]) { return sum(i in 0..n-2: ...) }}, which the compiler keeps as a
 * loop ({@code ir.LoopSum}): the generated gradient against the hand-written one
 * ({@link Rosenbrock#gradient}) at n = 10, 1,000 and 1,000,000 (issue 14's target: within
 * 1.1x), and the time from source text to generated Java source and to a loaded class, which
 * should not depend on n.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class RosenbrockSumBenchmark {

    /** The program. */
    public static final String SOURCE = "fn rosenbrock(x[n]) {\n"
            + "  return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2)\n}\n";

    /** The size, the point, the generated class (checked against the hand-written gradient). */
    @State(Scope.Thread)
    public static class Sized {
        @Param({"10", "1000", "1000000"})
        public int n;
        double[] x;
        double[] grad;
        DifferentiableFunction f;
        Options options;

        @Setup(Level.Trial)
        public void setUp() {
            x = Rosenbrock.point(n);
            grad = new double[n];
            options = Options.defaults().withSize("n", n);
            DifferentiableFunction g = Fluxion.create().compile(SOURCE, options).generated();
            GradientCheck.matches("Rosenbrock sum n=" + n, Rosenbrock.gradientAt(x), out -> g.gradient(x, out));
            f = g;
        }
    }

    @Benchmark
    public double sumGradient(Sized s) {
        return s.f.gradient(s.x, s.grad);
    }

    @Benchmark
    public double handWrittenGradient(Sized s) {
        return Rosenbrock.gradient(s.x, s.grad);
    }

    /** Source text to Java source: parse, lower, simplify, loops, differentiate, emit. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int translate(Sized s) {
        return Compilation.of(SOURCE, s.options).javaSource().length();
    }

    /** Source text to a loaded class (Janino included). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int compile(Sized s, Compiler c) {
        return c.fluxion.compile(SOURCE, s.options.withClassName("R" + (c.count++))).inputCount();
    }

    /** One compiler for the compile benchmark, each class under a new name. */
    @State(Scope.Thread)
    public static class Compiler {
        final Fluxion fluxion = Fluxion.create();
        long count;
    }
}
