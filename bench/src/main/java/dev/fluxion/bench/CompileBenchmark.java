package dev.fluxion.bench;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
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
 * The time from source text to a loaded, instantiated class: parse, lower, differentiate,
 * simplify, generate Java, compile with Janino, load. Default capabilities (value and
 * reverse-mode gradient), a fresh {@link Fluxion} per shot so its class cache never hits.
 *
 * <p>Single shots: one compile of n = 10000 takes about a minute on the shared machine.
 * So that small n are not timed on a cold compiler, the trial first compiles a mid-sized
 * Rosenbrock twice (JIT warm-up of the compiler itself), then times two shots.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss64m", "-Xmx6g"})
public class CompileBenchmark {

    /** The text to compile. */
    @State(Scope.Thread)
    public static class Source {
        @Param({"10", "100", "1000", "10000"})
        public int n;
        String text;

        @Setup(Level.Trial)
        public void setUp() {
            text = Rosenbrock.expression(n);
            String warm = Rosenbrock.expression(300);
            for (int i = 0; i < 2; i++) {
                Fluxion.create().compile(warm);
            }
        }
    }

    @Benchmark
    public CompiledFunction sourceToLoadedClass(Source s) {
        return Fluxion.create().compile(s.text);
    }
}
