package dev.fluxion.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction;
import org.junit.jupiter.api.Test;

/** The three Rosenbrock implementations and the finite differences agree with each other. */
class RosenbrockTest {

    private static final int N = 7;

    @Test
    void expressionIsTheSumOfTermsInInputOrder() {
        assertEquals("(1 - x0)^2 + 100*(x1 - x0^2)^2 + (1 - x1)^2 + 100*(x2 - x1^2)^2", Rosenbrock.expression(3));
        CompiledFunction f = Fluxion.create().compile(Rosenbrock.expression(N));
        assertEquals(java.util.stream.IntStream.range(0, N).mapToObj(i -> "x" + i).toList(), f.inputs());
        double[] x = Rosenbrock.point(N);
        assertEquals(Rosenbrock.value(x), f.value(x), 1e-9 * Math.abs(Rosenbrock.value(x)));
    }

    @Test
    void handWrittenGradientMatchesFluxionBothModes() {
        CompiledFunction f = Fluxion.create().compile(Rosenbrock.expression(N));
        double[] x = Rosenbrock.point(N);
        double[] hand = Rosenbrock.gradientAt(x);
        assertArrayEquals(f.gradient(x), hand, 1e-9);
        assertArrayEquals(f.gradient(dev.fluxion.compiler.Mode.FORWARD, x), hand, 1e-9);
    }

    @Test
    void hipparchusGradientMatchesHandWritten() {
        double[] x = Rosenbrock.point(N);
        double[] g = new double[N];
        assertEquals(Rosenbrock.value(x), Rosenbrock.hipparchusGradient(x, g), 1e-9);
        assertArrayEquals(Rosenbrock.gradientAt(x), g, 1e-9);
    }

    @Test
    void finiteDifferencesAreCloseToTheGradient() {
        DifferentiableFunction f = Fluxion.create().compile(Rosenbrock.expression(N)).generated();
        double[] x = Rosenbrock.point(N);
        double[] g = new double[N];
        new FiniteDifferences(f).gradient(x, g);
        double[] hand = Rosenbrock.gradientAt(x);
        for (int i = 0; i < N; i++) {
            assertEquals(hand[i], g[i], 1e-6 * Math.max(1, Math.abs(hand[i])), "element " + i);
        }
    }

    @Test
    void storedClassIsTheSameFunction(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String before = System.getProperty(ClassStore.PROPERTY);
        System.setProperty(ClassStore.PROPERTY, dir.toString());
        try {
            double[] x = Rosenbrock.point(N);
            DifferentiableFunction first = ClassStore.load(Rosenbrock.expression(N), Options.defaults());
            DifferentiableFunction second = ClassStore.load(Rosenbrock.expression(N), Options.defaults());
            double[] g1 = new double[N];
            double[] g2 = new double[N];
            first.gradient(x, g1);
            second.gradient(x, g2);
            assertArrayEquals(Rosenbrock.gradientAt(x), g1, 1e-9);
            assertArrayEquals(g1, g2, 0.0);
            assertEquals(1, dir.toFile().list().length, "one stored class for one (text, options)");
        } finally {
            if (before == null) {
                System.clearProperty(ClassStore.PROPERTY);
            } else {
                System.setProperty(ClassStore.PROPERTY, before);
            }
        }
    }

    @Test
    void tooSmallDimensionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Rosenbrock.expression(1));
    }
}
