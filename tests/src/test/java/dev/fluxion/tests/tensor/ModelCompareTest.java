package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.inspect.ModelModeComparison;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import org.junit.jupiter.api.Test;

/**
 * {@code fluxion compare} on models, below the CLI: forward mode (interpreted JVPs, one per
 * parameter coordinate) and reverse mode (the generated class) agree, both agree with
 * central finite differences of the generated loss, and a model with more than 2,000
 * coordinates is sampled.
 */
class ModelCompareTest {

    static final String MLP = """
            model mlp {
              input  x[B, 6]
              label  y[B] of 4
              param  W1[6, 5] init he_uniform
              param  b1[5]    init uniform(-0.2, 0.2)
              param  W2[5, 4] init glorot_uniform
              param  b2[4]    init uniform(-0.2, 0.2)
              h      = tanh(x @ W1 + b1)
              loss   = mean(cross_entropy(h @ W2 + b2, y)) + 0.001 * l2(W1)
            }
            """;

    @Test
    void forwardAndReverseAgreeWithEachOtherAndWithFiniteDifferences() {
        Fluxion fluxion = Fluxion.create();
        ModelModeComparison c = ModelModeComparison.of(fluxion, MLP, Options.defaults(), 3, 11, null);

        assertEquals(30 + 5 + 20 + 4, c.coordinateCount());
        assertFalse(c.sampled());
        assertTrue(c.maxRelativeDifference() <= 1e-12, () -> "difference " + c.maxRelativeDifference());
        assertEquals(Mode.REVERSE, c.recommended());
        assertEquals((long) c.forwardNodes() * 59, c.forwardTotalOps());
        assertTrue(Double.isNaN(c.forwardNanos()) && Double.isNaN(c.reverseNanos()), "not timed when asked not to");

        // the comparison's point, rebuilt: forward mode against central differences of the generated loss there
        CompiledModel cm = fluxion.compileModel(MLP);
        Model m = cm.newModel();
        Initializers.initialize(m, 11);
        double[][] in = ModelModeComparison.inputs(cm.compilation().program(), 3, 11);
        assertEquals(c.loss(), m.loss(in, 3), 1e-12);
        double h = 1e-6;
        double[] fd = new double[c.coordinateCount()];
        int coordinate = 0;
        for (double[] p : m.parameters()) {
            for (int i = 0; i < p.length; i++) {
                double saved = p[i];
                p[i] = saved + h;
                double up = m.loss(in, 3);
                p[i] = saved - h;
                double down = m.loss(in, 3);
                p[i] = saved;
                fd[coordinate++] = (up - down) / (2 * h);
            }
        }
        assertArrayEquals(fd, c.forward(), 1e-7);
        assertArrayEquals(fd, c.reverse(), 1e-7);
    }

    @Test
    void theComparisonsPointIsTheSeededOne() {
        Fluxion fluxion = Fluxion.create();
        ModelModeComparison a = ModelModeComparison.of(fluxion, MLP, Options.defaults(), 2, 5, null);
        ModelModeComparison b = ModelModeComparison.of(fluxion, MLP, Options.defaults(), 2, 5, null);
        ModelModeComparison other = ModelModeComparison.of(fluxion, MLP, Options.defaults(), 2, 6, null);

        assertEquals(a.loss(), b.loss());
        assertArrayEquals(a.reverse(), b.reverse());
        assertTrue(a.loss() != other.loss());
        assertArrayEquals(a.forward(), a.reverse(), 1e-12, "every coordinate was run forward");
    }

    @Test
    void moreThanTwoThousandCoordinatesAreSampledEvenlyAndStillAgree() {
        String wide = """
                model wide {
                  input  x[B, 41]
                  label  y[B] of 50
                  param  W[41, 50] init uniform(-0.3, 0.3)
                  loss   = mean(cross_entropy(x @ W, y))
                }
                """;
        ModelModeComparison c = ModelModeComparison.of(Fluxion.create(), wide, Options.defaults(), 2, 3, null);

        assertEquals(2050, c.coordinateCount());
        assertTrue(c.sampled());
        assertEquals(ModelModeComparison.SAMPLE_PASSES, c.coordinates().length);
        assertEquals(0, c.coordinates()[0]);
        assertEquals(2049, c.coordinates()[c.coordinates().length - 1]);
        assertTrue(c.maxRelativeDifference() <= 1e-12, () -> "difference " + c.maxRelativeDifference());
        assertTrue(c.format().contains("over the 200 sampled coordinates"), c.format());
        assertTrue(c.format().contains("a sample of 200 passes, scaled up to 2050"), c.format());
    }
}
