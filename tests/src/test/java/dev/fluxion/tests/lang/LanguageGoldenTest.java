package dev.fluxion.tests.lang;

import static dev.fluxion.tests.support.Tolerance.assertClose;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.jit.JavaCompiler;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.Golden;
import java.util.EnumSet;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated Java of one program per construct of the language (a conditional, an indexed
 * reduction written out and re-rolled into a loop, a loop with carried state) is exactly its
 * golden file ({@code -Dfluxion.golden.update=true} rewrites them; review the diff), and the
 * golden source compiles with both compilers and computes what the same function written
 * directly in Java computes.
 */
class LanguageGoldenTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    private record Case(String file, String source, Options options, double[] at, ToDoubleFunction<double[]> java) {
    }

    private static final String RNN2 = "fn rnn(w, u, b, v, x[T]) {\n  h = 0\n  c = 0\n  for t in 0..T-1 {\n"
            + "    z = w*h + u*x[t] + b\n    c = 0.9*c + v*tanh(z)\n    h = tanh(c)\n  }\n  return (h - 0.5)^2 + 0.1*c\n}\n";

    private static final List<Case> CASES = List.of(
            new Case("sinc.java", "fn sinc(t) {\n  return if t == 0 then 1 else sin(t)/t\n}\n", ALL, new double[] {0.7},
                    x -> x[0] == 0 ? 1 : Math.sin(x[0]) / x[0]),
            new Case("rosenbrock_sum4.java", "fn rosenbrock(x[n]) {\n  return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2)\n}\n",
                    ALL.withSize("n", 4), new double[] {0.5, -1, 1.5, 2}, LanguageGoldenTest::rosenbrock),
            new Case("rosenbrock_sum20.java", "fn rosenbrock(x[n]) {\n  return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2)\n}\n",
                    Options.defaults().withSize("n", 20),
                    java.util.stream.IntStream.range(0, 20).mapToDouble(i -> 0.1 * i - 1).toArray(), LanguageGoldenTest::rosenbrock),
            new Case("rnn3.java", "fn rnn(w, u, b, x[T]) {\n  h = 0\n  for t in 0..T-1 {\n    h = tanh(w*h + u*x[t] + b)\n  }\n"
                    + "  return (h - 0.5)^2\n}\n", ALL.withSize("T", 3), new double[] {0.8, -0.4, 0.1, 1, 2, -1}, x -> {
                        double h = 0;
                        for (int t = 0; t < 3; t++) {
                            h = Math.tanh(x[0] * h + x[1] * x[3 + t] + x[2]);
                        }
                        return (h - 0.5) * (h - 0.5);
                    }),
            // a for loop of 20 steps kept as a Java loop, with a tape; the same with checkpoints every 6 steps
            new Case("rnn_scan20.java", RNN2, Options.defaults().withCapability(Capability.JVP).withSize("T", 20),
                    rnnPoint(), LanguageGoldenTest::rnn2),
            new Case("rnn_scan20_checkpoints6.java", RNN2, Options.defaults().withCheckpoints(6).withSize("T", 20),
                    rnnPoint(), LanguageGoldenTest::rnn2),
            // a for loop kept although its carry starts from, and its body reads, values computed before
            // it; a conditional in its body, whose sides are computed in blocks on the condition
            new Case("rnn_computed_start20.java", "fn rnn(w, x[T]) {\n  a = w*w\n  h = tanh(x[0])\n"
                    + "  for t in 1..T-1 {\n    h = if x[t] > 0 then tanh(a*h + sqrt(x[t])) else 0.5*h\n  }\n"
                    + "  return h^2\n}\n", Options.defaults().withSize("T", 20),
                    java.util.stream.IntStream.range(0, 21).mapToDouble(i -> 0.9 * Math.sin(1.7 * i + 0.3)).toArray(), x -> {
                        double a = x[0] * x[0];
                        double h = Math.tanh(x[1]);
                        for (int t = 1; t < 20; t++) {
                            h = x[1 + t] > 0 ? Math.tanh(a * h + Math.sqrt(x[1 + t])) : 0.5 * h;
                        }
                        return h * h;
                    }),
            // a loop body too large for one Java loop body, split into step methods: the weights do not
            // move (read from x by the step methods), x[t] does (copied into the work array per step)
            new Case("cell5_split_scan20.java", cell(5), Options.defaults().withCapability(Capability.JVP).withSize("T", 20),
                    java.util.stream.IntStream.range(0, 50).mapToDouble(i -> 0.4 * Math.sin(1.3 * i)).toArray(),
                    x -> cell(5, x)),
            // a function that reads its arrays whole: the tensor back end (a Model class, wrapped as a function)
            new Case("matvec_tensor.java", "fn g(W[2, 2], v[2]) {\n  return sum(tanh(W @ v))\n}\n", ALL,
                    new double[] {0.5, -1.25, 2, 0.75, 0.3, -0.6}, LanguageGoldenTest::matvec));

    /** sum(tanh(W v)) in Java: x holds W (2×2, row-major), then v. */
    private static double matvec(double[] x) {
        return Math.tanh(x[0] * x[4] + x[1] * x[5]) + Math.tanh(x[2] * x[4] + x[3] * x[5]);
    }

    /** A cell of n carries mixed by an n×n matrix W, driven by u·x[t]; the loss is the sum of the squared carries. */
    private static String cell(int n) {
        StringBuilder sb = new StringBuilder("fn cell(W[" + n + ", " + n + "], u[" + n + "], x[T]) {\n");
        for (int k = 0; k < n; k++) {
            sb.append("  h").append(k).append(" = ").append(k == 0 ? "u[0]" : "0.1").append('\n');
        }
        sb.append("  for t in 0..T-1 {\n");
        for (int k = 0; k < n; k++) {
            sb.append("    a").append(k).append(" = u[").append(k).append("]*x[t]");
            for (int j = 0; j < n; j++) {
                sb.append(" + W[").append(k).append(", ").append(j).append("]*h").append(j);
            }
            sb.append('\n');
        }
        for (int k = 0; k < n; k++) {
            sb.append("    h").append(k).append(" = tanh(a").append(k).append(")\n");
        }
        sb.append("  }\n  return h0^2");
        for (int k = 1; k < n; k++) {
            sb.append(" + h").append(k).append("^2");
        }
        return sb.append("\n}\n").toString();
    }

    /** {@link #cell(int)} in Java: x holds W (row-major), u, then the T inputs. */
    private static double cell(int n, double[] x) {
        double[] h = new double[n];
        java.util.Arrays.fill(h, 0.1);
        h[0] = x[n * n];
        for (int t = n * n + n; t < x.length; t++) {
            double[] a = new double[n];
            for (int k = 0; k < n; k++) {
                a[k] = x[n * n + k] * x[t];
                for (int j = 0; j < n; j++) {
                    a[k] += x[n * k + j] * h[j];
                }
            }
            for (int k = 0; k < n; k++) {
                h[k] = Math.tanh(a[k]);
            }
        }
        double loss = 0;
        for (int k = 0; k < n; k++) {
            loss += h[k] * h[k];
        }
        return loss;
    }

    private static double[] rnnPoint() {
        return java.util.stream.IntStream.range(0, 24).mapToDouble(i -> Math.sin(1.7 * i)).toArray();
    }

    private static double rnn2(double[] x) {
        double h = 0;
        double c = 0;
        for (int t = 0; t < 20; t++) {
            double z = x[0] * h + x[1] * x[4 + t] + x[2];
            c = 0.9 * c + x[3] * Math.tanh(z);
            h = Math.tanh(c);
        }
        return (h - 0.5) * (h - 0.5) + 0.1 * c;
    }

    private static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            s += (1 - x[i]) * (1 - x[i]) + 100 * (x[i + 1] - x[i] * x[i]) * (x[i + 1] - x[i] * x[i]);
        }
        return s;
    }

    /** The generated class as a function: a tensor function's class is a Model, wrapped as Fluxion wraps it. */
    private static DifferentiableFunction instantiate(Class<?> cls, Options options) throws ReflectiveOperationException {
        Object o = cls.getDeclaredConstructor().newInstance();
        if (o instanceof DifferentiableFunction f) {
            return f;
        }
        return dev.fluxion.runtime.model.ModelFunction.of(() -> {
            try {
                return (dev.fluxion.runtime.model.Model) cls.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }, options.capabilities());
    }

    @TestFactory
    Stream<DynamicContainer> generatedJavaMatchesGoldenAndComputesTheFunction() {
        return CASES.stream().map(c -> {
            String source = FLUXION.translate(c.source(), c.options()).javaSource();
            return DynamicContainer.dynamicContainer(c.file(), Stream.concat(
                    Stream.of(DynamicTest.dynamicTest("golden", () -> Golden.check("java-lang/" + c.file(), source))),
                    Stream.of(JavaCompiler.janino(), JavaCompiler.javaxTools()).map(compiler ->
                            DynamicTest.dynamicTest(compiler.name(), () -> {
                                String name = dev.fluxion.tests.golden.GoldenNames.qualifiedName(source);
                                Class<?> cls = compiler.compile(name, source);
                                DifferentiableFunction f = instantiate(cls, c.options());
                                double[] y = new double[1];
                                f.value(c.at(), y);
                                assertClose(c.java().applyAsDouble(c.at()), y[0], 1e-12, c.file() + " value");
                                double[] g = new double[c.at().length];
                                f.gradient(c.at(), g);
                                double[] fd = dev.fluxion.tests.support.FiniteDifferences.gradient(
                                        x -> c.java().applyAsDouble(x), c.at());
                                assertClose(fd, g, 1e-6, c.file() + " gradient vs central differences of the Java function");
                            }))));
        });
    }
}
