package dev.fluxion.runtime.check;

import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.random.Rng;
import dev.fluxion.runtime.testing.BrokenGradient;
import dev.fluxion.runtime.testing.SoftmaxRegression;
import dev.fluxion.runtime.testing.TinyMlp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientCheckTest {

    private static double[][] batch(int b, int in, int classes, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[b * in];
        double[] y = new double[b];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        for (int i = 0; i < b; i++) {
            y[i] = rng.nextInt(classes);
        }
        return new double[][] {x, y};
    }

    @Test
    void correctGradientsPass() {
        TinyMlp mlp = new TinyMlp(6, 8, 4);
        Initializers.initialize(mlp, 3);
        for (double[] b : mlp.parameters()) {
            if (b.length <= 8) {
                java.util.Arrays.fill(b, 0.1);
            }
        }
        GradientCheckReport report = GradientCheck.defaults(1).run(mlp, batch(5, 6, 4, 2), 5);
        assertEquals(4, report.entries().size());
        assertTrue(report.passes(1e-6), report.format());
        SoftmaxRegression reg = new SoftmaxRegression(6, 4);
        Initializers.initialize(reg, 3);
        assertTrue(GradientCheck.defaults(1).run(reg, batch(1, 6, 4, 2), 1).passes(1e-7));
    }

    @Test
    void relativeDifferenceAgainstAReferenceModel() {
        TinyMlp reference = new TinyMlp(6, 8, 4);
        Initializers.initialize(reference, 3);
        double[][] inputs = batch(5, 6, 4, 2);
        TinyMlp same = new TinyMlp(6, 8, 4);
        assertEquals(0.0, GradientCheck.relativeDifference(same, reference, inputs, 5));
        assertArrayEquals(reference.parameters()[0], same.parameters()[0]);
        reference.lossAndGradient(inputs, 5);
        double largest = java.util.Arrays.stream(reference.gradients()).flatMapToDouble(java.util.Arrays::stream)
                .map(Math::abs).max().orElseThrow();
        double g = reference.gradients()[3][2];
        BrokenGradient broken = new BrokenGradient(new TinyMlp(6, 8, 4), 3, 2, 0.01 * g);
        assertEquals(0.01 * Math.abs(g) / largest, GradientCheck.relativeDifference(broken, reference, inputs, 5), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.relativeDifference(new TinyMlp(6, 9, 4), reference, inputs, 5));
    }

    @Test
    void aWrongGradientIsCaughtAndNamed() {
        TinyMlp mlp = new TinyMlp(6, 8, 4);
        Initializers.initialize(mlp, 3);
        // b2 has 4 coordinates, all checked; corrupt one of them by 1%.
        double[][] inputs = batch(5, 6, 4, 2);
        mlp.lossAndGradient(inputs, 5);
        double g = mlp.gradients()[3][2];
        BrokenGradient broken = new BrokenGradient(mlp, 3, 2, 0.01 * g);
        GradientCheckReport report = GradientCheck.defaults(1).run(broken, inputs, 5);
        assertFalse(report.passes(1e-4), report.format());
        assertEquals("b2", report.worst().parameter());
        assertEquals(2, report.worst().index());
        assertEquals(0.01, report.maxRelativeError(), 1e-3);
        assertTrue(report.format().contains("largest relative error"), report.format());
    }

    @Test
    void parametersAreRestoredAndSamplingIsReproducible() {
        TinyMlp mlp = new TinyMlp(30, 20, 5);
        Initializers.initialize(mlp, 8);
        double[][] before = new double[4][];
        for (int i = 0; i < 4; i++) {
            before[i] = mlp.parameters()[i].clone();
        }
        double[][] inputs = batch(3, 30, 5, 4);
        GradientCheckReport a = GradientCheck.defaults(9).withSamples(5).run(mlp, inputs, 3);
        GradientCheckReport b = GradientCheck.defaults(9).withSamples(5).run(mlp, inputs, 3);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(before[i], mlp.parameters()[i], 0.0);
        }
        assertEquals(a, b);
        assertEquals(5, a.entries().get(0).checked());
        assertEquals(600, a.entries().get(0).size());
    }
}
