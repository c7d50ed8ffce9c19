package dev.fluxion.tests.conformance;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.tests.support.Corpus;
import dev.fluxion.tests.support.Corpus.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every row of the conformance corpus, named by the row's {@code name}: value, gradient
 * by reverse and by forward mode, Hessian, Hessian-vector product, JVP against J·v and
 * VJP against u·J, within the README's tolerances (1e-9 for value and first derivatives,
 * 1e-8 for second, both times max(1, |want|)). The corpus values come from a
 * computer-algebra system, so they are an oracle independent of Fluxion.
 */
class ConformanceTest {

    static final double FIRST = 1e-9;
    static final double SECOND = 1e-8;

    private static final Fluxion FLUXION = Fluxion.create();

    @Test
    void corpusIsNotEmpty() {
        assertTrue(Corpus.scalarRows().size() >= 30, "the conformance corpus should hold its 35 rows");
    }

    @TestFactory
    Stream<DynamicNode> everyRow() {
        return Corpus.scalarRows().stream().map(ConformanceTest::row);
    }

    private static DynamicContainer row(Row row) {
        AtomicReference<CompiledFunction> compiled = new AtomicReference<>();
        java.util.function.Supplier<CompiledFunction> f = () -> compiled.updateAndGet(c -> c != null ? c
                : FLUXION.compile(row.expr(), Options.defaults().withVariables(row.vars())));
        double[] x = row.point();
        double[] v = direction(x.length);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("value", () ->
                assertClose(row.value(), f.get().value(x), FIRST, row.name() + " value")));
        tests.add(DynamicTest.dynamicTest("gradient reverse", () ->
                assertClose(row.grad(), f.get().gradient(Mode.REVERSE, x), FIRST, row.name() + " reverse gradient")));
        tests.add(DynamicTest.dynamicTest("gradient forward", () ->
                assertClose(row.grad(), f.get().gradient(Mode.FORWARD, x), FIRST, row.name() + " forward gradient")));
        tests.add(DynamicTest.dynamicTest("jvp", () -> {
            double want = dot(row.grad(), v);
            double scale = Math.max(1.0, absDot(row.grad(), v));
            double got = f.get().jvp(x, v)[0];
            assertClose(want / scale, got / scale, FIRST, row.name() + " J·v (scaled by " + scale + ")");
        }));
        tests.add(DynamicTest.dynamicTest("vjp", () -> {
            double[] want = row.grad().clone();
            for (int i = 0; i < want.length; i++) {
                want[i] *= -2.5;
            }
            assertClose(want, f.get().vjp(x, new double[] {-2.5}), FIRST, row.name() + " u·J");
        }));
        if (row.hasHessian()) {
            tests.add(DynamicTest.dynamicTest("hessian", () ->
                    assertClose(row.hess(), f.get().hessian(x), SECOND, row.name() + " Hessian")));
            tests.add(DynamicTest.dynamicTest("hessian-vector", () -> {
                double[] got = f.get().hessianVector(x, v);
                for (int i = 0; i < x.length; i++) {
                    double scale = Math.max(1.0, absDot(row.hess()[i], v));
                    assertClose(dot(row.hess()[i], v) / scale, got[i] / scale, SECOND,
                            row.name() + " (H·v)[" + i + "] (scaled by " + scale + ")");
                }
            }));
        }
        return DynamicContainer.dynamicContainer(row.name(), tests);
    }

    /** A fixed direction with distinct, sign-alternating entries, so no component hides another. */
    static double[] direction(int m) {
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = (i % 2 == 0 ? 1 : -1) * (1.0 + 0.25 * i);
        }
        return v;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double absDot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] * b[i]);
        }
        return s;
    }
}
