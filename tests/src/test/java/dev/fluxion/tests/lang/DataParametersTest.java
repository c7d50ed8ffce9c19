package dev.fluxion.tests.lang;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.jit.JavaCompiler;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.FiniteDifferences;
import dev.fluxion.tests.support.Golden;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data parameters ({@code fn nll(w[d], b; X[m, d], y[m], lam)}): inputs given when the function
 * is called ({@code withData}), kept without copying, never differentiated; read outside sums,
 * inside sums written out, and inside sums kept as loops. Checked against the same objective
 * written in Java, in every mode, and against central differences.
 */
class DataParametersTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    /** Logistic regression's negative log-likelihood with an L2 penalty, and one data term outside the sum. */
    static final String NLL = """
            fn nll(w[d], b; X[m, d], y[m], lam) {
              r = sum(i in 0..m-1: log(1 + exp(-y[i] * (sum(j in 0..d-1: X[i, j] * w[j]) + b))))
              return r + lam * sum(j in 0..d-1: w[j]^2) + X[0, 1] * b
            }
            """;

    private record Data(double[] x, double[] y, double[] lam) {
        static Data random(int m, int d, long seed) {
            Random r = new Random(seed);
            double[] x = new double[m * d];
            double[] y = new double[m];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextGaussian();
            }
            for (int i = 0; i < m; i++) {
                y[i] = r.nextBoolean() ? 1 : -1;
            }
            return new Data(x, y, new double[] {0.1});
        }
    }

    /** The objective in Java: the oracle. */
    private static double nll(double[] p, Data data, int m, int d) {
        double r = 0;
        for (int i = 0; i < m; i++) {
            double z = p[d];
            for (int j = 0; j < d; j++) {
                z += data.x()[i * d + j] * p[j];
            }
            r += Math.log(1 + Math.exp(-data.y()[i] * z));
        }
        double pen = 0;
        for (int j = 0; j < d; j++) {
            pen += p[j] * p[j];
        }
        return r + data.lam()[0] * pen + data.x()[1] * p[d];
    }

    /** m = 5: every sum written out; m = 40 and 1,000: the sum over the data kept as a loop. */
    @ParameterizedTest
    @ValueSource(ints = {5, 40, 1000})
    void theObjectiveAndItsDerivativesMatchJavaInEveryMode(int m) {
        int d = 3;
        CompiledFunction unbound = FLUXION.compile(NLL, ALL.withSize("m", m).withSize("d", d));
        assertEquals(List.of("X", "y", "lam"), unbound.dataNames());
        assertEquals(List.of("w[0]", "w[1]", "w[2]", "b"), unbound.inputs());
        assertEquals(m >= 16, unbound.compilation().rolling() != null, "the sum over the data is a loop from 16 terms");
        Data data = Data.random(m, d, m);
        CompiledFunction f = unbound.withData(data.x(), data.y(), data.lam());
        double[] p = {0.3, -0.2, 0.1, 0.05};
        assertClose(nll(p, data, m, d), f.value(p), 1e-13, "value");
        double[] fd = FiniteDifferences.gradient(q -> nll(q, data, m, d), p);
        double[] g = f.gradient(p);
        assertClose(fd, g, 1e-7, "reverse gradient vs central differences of the Java objective");
        assertClose(g, f.gradient(Mode.FORWARD, p), 1e-12, "forward vs reverse");
        double[] v = {0.5, -1, 2, 0.25};
        double dot = 0;
        for (int k = 0; k < 4; k++) {
            dot += g[k] * v[k];
        }
        assertClose(dot, f.jvp(p, v)[0], 1e-12, "JVP");
        assertClose(FiniteDifferences.jacobian(q -> f.gradient(q), p), f.hessian(p), 1e-6, "Hessian vs differences of the gradient");
        // The sparse Hessian's pattern has the inputs as columns, never the data.
        assertClose(f.hessian(p), f.hessianSparse(p).toDense(), 1e-12, "sparse Hessian");
    }

    @Test
    void theDataAreKeptWithoutCopyingAndOneFunctionServesSeveralDataSets() {
        CompiledFunction unbound = FLUXION.compile(NLL, ALL.withSize("m", 20).withSize("d", 2));
        Data a = Data.random(20, 2, 1);
        Data b = Data.random(20, 2, 2);
        CompiledFunction fa = unbound.withData(a.x(), a.y(), a.lam());
        CompiledFunction fb = unbound.withData(b.x(), b.y(), b.lam());
        double[] p = {0.2, 0.4, -0.1};
        assertClose(nll(p, a, 20, 2), fa.value(p), 1e-13, "first data set");
        assertClose(nll(p, b, 20, 2), fb.value(p), 1e-13, "second data set");
        double before = fa.value(p);
        a.lam()[0] = 2.5;
        a.x()[7] = 3;
        assertNotEquals(before, fa.value(p), "a change of the bound array shows in the next call");
        assertClose(nll(p, a, 20, 2), fa.value(p), 1e-13, "after the change");
    }

    @Test
    void unboundWrongCountsAndWrongLengthsAreClearErrors() {
        CompiledFunction unbound = FLUXION.compile(NLL, ALL.withSize("m", 20).withSize("d", 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> unbound.value(0, 0, 0));
        assertTrue(e.getMessage().contains("data parameters [X, y, lam]"), e.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> unbound.withData(new double[40]));
        assertTrue(count.getMessage().contains("3 data parameters (X, y, lam), got 1 array"), count.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> unbound.withData(new double[40], new double[21], new double[1]));
        assertEquals("data y must have 20 elements (row-major), got 21", length.getMessage());
        IllegalArgumentException wrt = assertThrows(IllegalArgumentException.class, () -> unbound.derivative("X[0, 1]"));
        assertTrue(wrt.getMessage().contains("'X[0, 1]' is data"), wrt.getMessage());
    }

    @Test
    void dataParametersCannotBeAssignedAndNeedTheirSizes() {
        CompileException assigned = assertThrows(CompileException.class, () -> FLUXION.compile(
                "fn f(w; c) {\n  c = 2\n  return w * c\n}", Options.defaults()));
        assertTrue(assigned.getMessage().contains("2:3") && assigned.getMessage().contains("is a parameter"),
                assigned.getMessage());
        CompileException size = assertThrows(CompileException.class, () -> FLUXION.compile(
                "fn f(w; X[m]) {\n  return w * X[0]\n}", Options.defaults()));
        assertTrue(size.getMessage().contains("unknown size 'm'"), size.getMessage());
        CompileException dup = assertThrows(CompileException.class, () -> FLUXION.compile(
                "fn f(w; w) {\n  return w\n}", Options.defaults()));
        assertTrue(dup.getMessage().contains("duplicate parameter 'w'"), dup.getMessage());
    }

    /** The generated class of a function with data (fields, constructors, withData), and both compilers on it. */
    @Test
    void theGeneratedClassIsGoldenAndCompilesWithBothCompilers() throws Exception {
        String source = FLUXION.translate(NLL, Options.defaults().withSize("m", 20).withSize("d", 2)).javaSource();
        Golden.check("java-lang/nll_data.java", source);
        Data data = Data.random(20, 2, 3);
        double[] p = {0.2, 0.4, -0.1};
        for (JavaCompiler compiler : List.of(JavaCompiler.janino(), JavaCompiler.javaxTools())) {
            String name = dev.fluxion.tests.golden.GoldenNames.qualifiedName(source);
            DifferentiableFunction g = (DifferentiableFunction) compiler.compile(name, source)
                    .getDeclaredConstructor().newInstance();
            assertEquals(3, g.dataCount());
            DifferentiableFunction f = g.withData(data.x(), data.y(), data.lam());
            double[] y = new double[1];
            f.value(p, y);
            assertClose(nll(p, data, 20, 2), y[0], 1e-13, compiler.name() + " value");
            double[] grad = new double[3];
            f.gradient(p, grad);
            assertClose(FiniteDifferences.gradient(q -> nll(q, data, 20, 2), p), grad, 1e-7, compiler.name() + " gradient");
            NullPointerException unbound = assertThrows(NullPointerException.class, () -> g.value(p, new double[1]));
            assertTrue(String.valueOf(unbound.getMessage()).contains("data_"), "names the unbound field: " + unbound.getMessage());
        }
    }
}
