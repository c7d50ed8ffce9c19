package dev.fluxion.tests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.model.FlatModel;
import dev.fluxion.runtime.model.Model;
import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code valueAt}, {@code gradientAt}, {@code valueAndGradient} and {@code jacobian} (now on the interface) on
 * generated classes: the same numbers as the array methods, usable as method references,
 * and no allocation per call.
 */
class FunctionalConveniencesTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final String ROSENBROCK = "fn rosenbrock(x, y) { return (1 - x)^2 + 100*(y - x^2)^2 }";

    private static DifferentiableFunction compile(String source, Capability... caps) {
        EnumSet<Capability> set = EnumSet.of(Capability.VALUE, caps);
        return FLUXION.compile(source, Options.defaults().withCapabilities(set)).generated();
    }

    @Test
    void theConveniencesAgreeWithTheArrayMethods() {
        DifferentiableFunction f = compile(ROSENBROCK, Capability.GRADIENT);
        double[] x = {-1.2, 1.0};
        double[] y = new double[1];
        f.value(x, y);
        ToDoubleFunction<double[]> value = f::valueAt;
        assertEquals(y[0], value.applyAsDouble(x));
        assertEquals(24.2, f.valueAt(x), 1e-12);
        double[] g = new double[2];
        double[] expected = new double[2];
        f.gradient(x, expected);
        assertSame(g, f.gradientAt(x, g));
        assertArrayEquals(expected, g);
        assertArrayEquals(new double[] {-215.6, -88.0}, g, 1e-9);   // by hand: -2(1-x) - 400x(y-x²), 200(y-x²)
        ToDoubleBiFunction<double[], double[]> both = f::valueAndGradient;
        double[] h = new double[2];
        assertEquals(y[0], both.applyAsDouble(x, h));
        assertArrayEquals(expected, h);
    }

    @Test
    void valueAtNeedsOneOutput() {
        DifferentiableFunction polar = compile("fn polar(r, t) { return (r*cos(t), r*sin(t)) }", Capability.JVP);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> polar.valueAt(new double[] {1, 0}));
        assertTrue(e.getMessage().contains("has 2"), e.getMessage());
    }

    @Test
    void jacobianIsReachableThroughTheInterface() {
        String residuals = "fn r(a, b) { return (a*exp(-b) - 1, a*exp(-2*b) - 0.5, a*exp(-3*b) - 0.2) }";
        DifferentiableFunction f = compile(residuals, Capability.GRADIENT, Capability.JVP, Capability.JACOBIAN);
        double[] x = {2, 0.7};
        double[] y = new double[3];
        double[] j = new double[6];
        f.jacobian(x, y, j);
        double[] forward = new double[6];
        f.jacobianForward(x, new double[3], forward);
        assertArrayEquals(forward, j);
        assertEquals(Math.exp(-0.7), j[0], 1e-15);                 // ∂r1/∂a
        assertEquals(-2 * 3 * Math.exp(-2.1), j[5], 1e-14);       // ∂r3/∂b
        assertEquals(2 * Math.exp(-0.7) - 1, y[0], 1e-15);
    }

    @Test
    void noCallAllocates() {
        DifferentiableFunction f = compile(ROSENBROCK, Capability.GRADIENT);
        double[] x = {0.3, -0.4};
        double[] g = new double[2];
        double[] sink = new double[1];
        assertEquals(0, allocatedPerCall(() -> sink[0] += f.valueAt(x)));
        assertEquals(0, allocatedPerCall(() -> sink[0] += f.gradientAt(x, g)[0]));
        assertEquals(0, allocatedPerCall(() -> sink[0] += f.valueAndGradient(x, g)));
        assertTrue(Double.isFinite(sink[0]));
    }

    @Test
    void aGeneratedModelThroughFlatModelAllocatesNothingAndSharesPasses() {
        Model model = FLUXION.compileModel(String.join("\n",
                "model logistic {",
                "  input x[B, 2]",
                "  input y[B]",
                "  param w[2] init zeros",
                "  param b[1] init zeros",
                "  z = x @ w + b",
                "  loss = mean(softplus(z) - y * z)",
                "}")).newModel();
        double[] x = {0.5, -1, 2, 0.25, -1.5, 1, 0.3, 0.3};
        double[] y = {1, 0, 1, 0};
        FlatModel f = FlatModel.of(model, new double[][] {x, y}, 4);
        double[] a = {0.1, -0.2, 0.05};
        double[] b = {0.3, 0.1, -0.05};
        double[] g = new double[3];
        f.valueAt(a);
        f.gradientAt(a, g);
        assertEquals(1, f.passes(), "value then gradient at one point: one pass");
        // The gradient by hand: mean((sigmoid(z) - y) * [x1, x2, 1]).
        double[] expected = new double[3];
        for (int i = 0; i < 4; i++) {
            double z = a[0] * x[2 * i] + a[1] * x[2 * i + 1] + a[2];
            double r = 1 / (1 + Math.exp(-z)) - y[i];
            expected[0] += r * x[2 * i] / 4;
            expected[1] += r * x[2 * i + 1] / 4;
            expected[2] += r / 4;
        }
        assertArrayEquals(expected, g, 1e-15);
        boolean[] flip = {false};
        assertEquals(0, allocatedPerCall(() -> {
            double[] t = (flip[0] = !flip[0]) ? a : b;
            f.valueAt(t);
            f.gradientAt(t, g);
        }));
    }

    /**
     * Bytes the current thread allocates per call, through HotSpot's per-thread counter, after
     * a warm-up that gets the call compiled; the least of ten measurements (a compilation or
     * safepoint during one can allocate on this thread's account).
     */
    private static long allocatedPerCall(Runnable call) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int runs = 20_000;
        for (int i = 0; i < 5 * runs; i++) {
            call.run();
        }
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 10 && best > 0; attempt++) {
            long before = bean.getThreadAllocatedBytes(id);
            long calibration = bean.getThreadAllocatedBytes(id) - before;
            before = bean.getThreadAllocatedBytes(id);
            for (int i = 0; i < runs; i++) {
                call.run();
            }
            best = Math.min(best, Math.max(0, bean.getThreadAllocatedBytes(id) - before - calibration) / runs);
        }
        return best;
    }
}
