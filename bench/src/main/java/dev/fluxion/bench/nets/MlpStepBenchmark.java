package dev.fluxion.bench.nets;

import dev.fluxion.runtime.check.GradientCheck;
import dev.fluxion.runtime.check.GradientCheckReport;
import dev.fluxion.runtime.tensor.Precision;
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
 * One MLP 784-128-10 training step (forward, backward, SGD update) at batch 1, 32 and
 * 256 on MNIST images, the figure {@code mnist_peers.py} gives for JAX jit and PyTorch.
 *
 * <p>Before timing, the trial checks the generated gradient against central differences
 * on sampled coordinates of every parameter (with FLOAT32 products: against the FLOAT64
 * model's gradient) and refuses to time a wrong gradient.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules=jdk.incubator.vector"})
public class MlpStepBenchmark {

    /** Relative error the sampled finite-difference check must stay under. */
    static final double CHECK_TOLERANCE = 1e-4;

    /** Largest difference between the FLOAT32 and FLOAT64 gradients, relative to the largest entry. */
    static final double FLOAT32_TOLERANCE = 1e-4;

    @Param({"1", "32", "256"})
    public int batch;

    /** The arithmetic of the model's matrix products. */
    @Param({"FLOAT64", "FLOAT32"})
    public Precision precision;

    private MlpStep mlp;

    @Setup(Level.Trial)
    public void setUp() {
        mlp = MlpStep.create(batch, precision);
        if (precision == Precision.FLOAT64) {
            GradientCheckReport report = GradientCheck.defaults(1).run(mlp.model(), mlp.inputs(), batch);
            if (!report.passes(CHECK_TOLERANCE)) {
                throw new IllegalStateException("MLP gradient disagrees with finite differences at batch " + batch
                        + ":\n" + report.format());
            }
        } else {
            // Central differences of a float-rounded loss are noise; the double model, checked
            // as above, is the reference instead.
            double d = MlpStep.create(batch).gradientDifference(mlp);
            if (!(d <= FLOAT32_TOLERANCE)) {
                throw new IllegalStateException("MLP gradient in " + precision + " differs from FLOAT64 by " + d
                        + " (relative) at batch " + batch);
            }
        }
    }

    @Benchmark
    public double trainingStep() {
        return mlp.step();
    }
}
