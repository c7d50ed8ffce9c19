package dev.fluxion.bench.nets;

import dev.fluxion.examples.GmmObjective;
import dev.fluxion.examples.GmmProblem;
import dev.fluxion.examples.GmmProgram;
import dev.fluxion.runtime.check.GradientCheck;
import dev.fluxion.runtime.check.GradientCheckReport;
import dev.fluxion.runtime.model.Model;
import java.io.IOException;
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
 * The ADBench GMM objective and its full gradient (α, μ, icf) on three files, the
 * figures {@code gmm_peers.py} gives for JAX jit and PyTorch. The gradient is
 * {@link Model#lossAndGradient} (one forward and one reverse sweep), the objective
 * {@link Model#loss} (the forward sweep alone), both on the same generated class.
 *
 * <p>Before timing, the trial checks the objective against the independently computed
 * value of the ADBench README (relative 1e-9) and the gradient against central
 * differences on sampled coordinates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules=jdk.incubator.vector"})
public class GmmBenchmark {

    static final double OBJECTIVE_TOLERANCE = 1e-9;
    static final double CHECK_TOLERANCE = 1e-5;

    /** A GMM file relative to the data directory (see {@link Locations}). */
    @Param({"1k/gmm_d2_K5.txt", "1k/gmm_d10_K5.txt", "10k/gmm_d2_K5.txt"})
    public String file;

    private Model model;
    private double[][] inputs;
    private int n;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        GmmProblem problem = GmmProblem.read(Locations.gmmDirectory().resolve(file));
        model = GmmProgram.loadGeneral(problem);
        inputs = GmmProgram.inputs(problem);
        n = problem.n();
        Double expected = GmmObjective.REFERENCE_OBJECTIVES.get(file);
        double got = model.loss(inputs, n);
        if (expected != null && !(Math.abs(got - expected) <= OBJECTIVE_TOLERANCE * Math.abs(expected))) {
            throw new IllegalStateException(file + ": objective " + got + ", expected " + expected);
        }
        GradientCheckReport report = GradientCheck.defaults(1).run(model, inputs, n);
        if (!report.passes(CHECK_TOLERANCE)) {
            throw new IllegalStateException(file + ": gradient disagrees with finite differences:\n" + report.format());
        }
    }

    @Benchmark
    public double objective() {
        return model.loss(inputs, n);
    }

    @Benchmark
    public double gradient() {
        return model.lossAndGradient(inputs, n);
    }
}
