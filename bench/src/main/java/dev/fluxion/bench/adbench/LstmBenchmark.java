package dev.fluxion.bench.adbench;

import dev.fluxion.examples.AdBench;
import dev.fluxion.examples.LstmManual;
import dev.fluxion.examples.LstmProblem;
import dev.fluxion.examples.LstmProgram;
import dev.fluxion.runtime.DifferentiableFunction;
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
 * ADBench's LSTM: the objective and its gradient (main and extra parameters, 8lb + 3b values) of
 * {@code LstmProgram} (a {@code for} loop over the characters kept as a Java loop, its body split
 * into step methods) on ADBench's four files, the figures {@code lstm_peers.py} gives for JAX jit
 * and PyTorch. {@link #gradient} returns the objective too, as {@code value_and_grad} does.
 *
 * <p>Before timing, the trial checks the value and the gradient against {@link LstmManual} (a
 * hand-written adjoint, itself checked against ADBench's reference by LstmTest) to 1e-8.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class LstmBenchmark {

    /** An LSTM file of {@code examples/data/lstm} (or {@code -Dfluxion.lstm=DIR}). */
    @Param({"lstm_l2_c1024.txt", "lstm_l2_c4096.txt", "lstm_l4_c1024.txt", "lstm_l4_c4096.txt"})
    public String file;

    /** The generated object, whose methods write into the arrays given (no allocation per call). */
    private DifferentiableFunction f;
    private double[] x;
    private double[] y;
    private double[] grad;

    /** The data directory: {@code -Dfluxion.lstm}, else the nearest {@code examples/data/lstm} above the working directory. */
    static Path lstmDirectory() {
        String configured = System.getProperty("fluxion.lstm");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/data/lstm/lstm_l2_c1024.txt"))) {
                return dir.resolve("examples/data/lstm");
            }
        }
        throw new IllegalStateException("no examples/data/lstm above " + Path.of("").toAbsolutePath()
                + "; pass -Dfluxion.lstm=DIR");
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        LstmProblem problem = LstmProblem.read(lstmDirectory().resolve(file));
        f = LstmProgram.compile(problem).generated();
        x = problem.inputs();
        y = new double[1];
        grad = new double[x.length];
        double value = objective();
        double expected = LstmManual.objective(problem, x);
        if (!(Math.abs(value - expected) <= AdBench.TOLERANCE)) {
            throw new IllegalStateException(file + ": objective " + value + ", the hand-written one " + expected);
        }
        f.gradient(x, grad);
        double[] manual = LstmManual.gradient(problem, x);
        for (int i = 0; i < grad.length; i++) {
            if (!(Math.abs(grad[i] - manual[i]) <= AdBench.TOLERANCE)) {
                throw new IllegalStateException(file + ": gradient entry " + i + " is " + grad[i] + ", the hand-written "
                        + manual[i]);
            }
        }
    }

    @Benchmark
    public double objective() {
        f.value(x, y);
        return y[0];
    }

    /** The objective and its gradient into an array kept between calls. */
    @Benchmark
    public double gradient() {
        return f.gradient(x, grad);
    }
}
