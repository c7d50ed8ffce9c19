package dev.fluxion.bench;

import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
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
 * The gradient of the n-dimensional Rosenbrock function, written out as one scalar
 * expression, by every method the issue compares, plus the plain value for the
 * gradient/function ratio.
 *
 * <p>Iterations are time-bounded (AverageTime): a cheap call is repeated many times per
 * iteration, while the O(n^2) methods at n = 10000 (forward mode, Hipparchus, finite
 * differences: each well over 100 ms a call) run one or two calls per iteration. So one
 * setting serves all n, and the run stays within minutes.
 *
 * <p>Compiling n = 10000 takes long, so each state compiles only the class its benchmark
 * needs: the default class (value and reverse-mode gradient), or one with the Jacobian
 * for forward mode.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 400, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 400, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss64m", "-Xmx4g"})
public class RosenbrockBenchmark {

    /** The problem size, the point and an output array, preallocated. */
    @State(Scope.Thread)
    public static class Point {
        @Param({"10", "100", "1000", "10000"})
        public int n;
        double[] x;
        double[] grad;
        final double[] y = new double[1];

        @Setup(Level.Trial)
        public void setUp() {
            x = Rosenbrock.point(n);
            grad = new double[n];
        }
    }

    /** The class generated with the default capabilities: value and reverse-mode gradient. */
    @State(Scope.Thread)
    public static class Generated {
        DifferentiableFunction f;
        FiniteDifferences fd;

        @Setup(Level.Trial)
        public void compile(Point p) {
            f = ClassStore.load(Rosenbrock.expression(p.n), Options.defaults());
            fd = new FiniteDifferences(f);
            GradientCheck.matches("Rosenbrock n=" + p.n + " reverse", Rosenbrock.gradientAt(p.x), g -> f.gradient(p.x, g));
        }
    }

    /** A class generated with the forward-mode Jacobian as well. */
    @State(Scope.Thread)
    public static class GeneratedForward {
        DifferentiableFunction f;

        @Setup(Level.Trial)
        public void compile(Point p) {
            Options o = Options.defaults().withCapability(Capability.JACOBIAN);
            f = ClassStore.load(Rosenbrock.expression(p.n), o);
            GradientCheck.matches("Rosenbrock n=" + p.n + " forward", Rosenbrock.gradientAt(p.x),
                    g -> f.jacobianForward(p.x, new double[1], g));
        }
    }

    @Benchmark
    public double fluxionReverse(Point p, Generated g) {
        return g.f.gradient(p.x, p.grad);
    }

    @Benchmark
    public double[] fluxionForward(Point p, GeneratedForward g) {
        g.f.jacobianForward(p.x, p.y, p.grad);
        return p.grad;
    }

    @Benchmark
    public double handWritten(Point p) {
        return Rosenbrock.gradient(p.x, p.grad);
    }

    @Benchmark
    public double hipparchus(Point p) {
        return Rosenbrock.hipparchusGradient(p.x, p.grad);
    }

    @Benchmark
    public double[] finiteDifferences(Point p, Generated g) {
        g.fd.gradient(p.x, p.grad);
        return p.grad;
    }

    @Benchmark
    public double fluxionValue(Point p, Generated g) {
        g.f.value(p.x, p.y);
        return p.y[0];
    }

    @Benchmark
    public double handWrittenValue(Point p) {
        return Rosenbrock.value(p.x);
    }
}
