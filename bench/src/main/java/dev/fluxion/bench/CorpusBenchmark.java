package dev.fluxion.bench;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * The gradients of the conformance corpus functions, each at its corpus point.
 *
 * <p>One invocation is a sweep: every selected function once. By default ({@code
 * function = "*"}) that is the whole corpus, which keeps the full run to a handful of
 * trials; {@code -p function=beale,ackley} measures functions one by one. There is no
 * hand-written gradient for the corpus functions (the hand-written baseline is the
 * Rosenbrock benchmark); Hipparchus evaluates the same primal IR that Fluxion compiles
 * (see {@link HipparchusGraph}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 400, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 6, time = 400, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class CorpusBenchmark {

    /** The selected functions, their points and output arrays. */
    @State(Scope.Thread)
    public static class Selection {
        /** A corpus function name, a comma-separated list of them, or * for all. */
        @Param({"*"})
        public String function;
        List<CorpusFunction> rows;
        double[][] x;
        double[][] grad;
        final double[] y = new double[1];

        @Setup(Level.Trial)
        public void setUp() {
            rows = select(Corpus.load(), function);
            x = new double[rows.size()][];
            grad = new double[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                x[i] = rows.get(i).point();
                grad[i] = new double[x[i].length];
            }
        }

        Options options(int i) {
            return Options.defaults().withVariables(rows.get(i).vars());
        }
    }

    /** The default classes (value and reverse-mode gradient). */
    @State(Scope.Thread)
    public static class Generated {
        DifferentiableFunction[] f;
        FiniteDifferences[] fd;

        @Setup(Level.Trial)
        public void compile(Selection s) {
            Fluxion fluxion = Fluxion.create();
            f = new DifferentiableFunction[s.rows.size()];
            fd = new FiniteDifferences[f.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = fluxion.compile(s.rows.get(i).expr(), s.options(i)).generated();
                fd[i] = new FiniteDifferences(f[i]);
            }
        }
    }

    /** Classes with the forward-mode Jacobian, checked against reverse mode. */
    @State(Scope.Thread)
    public static class GeneratedForward {
        DifferentiableFunction[] f;

        @Setup(Level.Trial)
        public void compile(Selection s) {
            Fluxion fluxion = Fluxion.create();
            f = new DifferentiableFunction[s.rows.size()];
            for (int i = 0; i < f.length; i++) {
                DifferentiableFunction g = fluxion.compile(s.rows.get(i).expr(),
                        s.options(i).withCapability(Capability.JACOBIAN)).generated();
                double[] x = s.x[i];
                double[] reverse = new double[x.length];
                g.gradient(x, reverse);
                GradientCheck.matches(s.rows.get(i).name() + " forward", reverse,
                        out -> g.jacobianForward(x, new double[1], out));
                f[i] = g;
            }
        }
    }

    /** Hipparchus over each function's primal IR, checked against Fluxion's reverse mode. */
    @State(Scope.Thread)
    public static class Hipparchus {
        HipparchusGraph[] h;

        @Setup(Level.Trial)
        public void prepare(Selection s, Generated g) {
            Fluxion fluxion = Fluxion.create();
            h = new HipparchusGraph[s.rows.size()];
            for (int i = 0; i < h.length; i++) {
                HipparchusGraph hg = new HipparchusGraph(fluxion.translate(s.rows.get(i).expr(), s.options(i)).primal());
                double[] x = s.x[i];
                double[] reverse = new double[x.length];
                g.f[i].gradient(x, reverse);
                GradientCheck.matches(s.rows.get(i).name() + " Hipparchus", reverse, out -> hg.gradient(x, out), 1e-8);
                h[i] = hg;
            }
        }
    }

    @Benchmark
    public double fluxionReverse(Selection s, Generated g) {
        double acc = 0;
        for (int i = 0; i < g.f.length; i++) {
            acc += g.f[i].gradient(s.x[i], s.grad[i]);
        }
        return acc;
    }

    @Benchmark
    public double[][] fluxionForward(Selection s, GeneratedForward g) {
        for (int i = 0; i < g.f.length; i++) {
            g.f[i].jacobianForward(s.x[i], s.y, s.grad[i]);
        }
        return s.grad;
    }

    @Benchmark
    public double hipparchus(Selection s, Hipparchus h) {
        double acc = 0;
        for (int i = 0; i < h.h.length; i++) {
            acc += h.h[i].gradient(s.x[i], s.grad[i]);
        }
        return acc;
    }

    @Benchmark
    public double[][] finiteDifferences(Selection s, Generated g) {
        for (int i = 0; i < g.fd.length; i++) {
            g.fd[i].gradient(s.x[i], s.grad[i]);
        }
        return s.grad;
    }

    @Benchmark
    public double fluxionValue(Selection s, Generated g) {
        double acc = 0;
        for (int i = 0; i < g.f.length; i++) {
            g.f[i].value(s.x[i], s.y);
            acc += s.y[0];
        }
        return acc;
    }

    /** The rows named by {@code spec} (* for all), in corpus order; an unknown name is an error. */
    static List<CorpusFunction> select(List<CorpusFunction> all, String spec) {
        if (spec.equals("*")) {
            return all;
        }
        List<String> names = Arrays.stream(spec.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        List<CorpusFunction> out = new ArrayList<>();
        for (String name : names) {
            CorpusFunction row = all.stream().filter(r -> r.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no corpus function '" + name + "'"));
            out.add(row);
        }
        return out;
    }
}
