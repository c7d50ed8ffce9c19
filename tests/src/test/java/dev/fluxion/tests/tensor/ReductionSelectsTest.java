package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.inspect.ModelModeComparison;
import org.junit.jupiter.api.Test;

/**
 * A max reduction selects in forward mode as in reverse mode: elements it does not pick may be
 * NaN (a negative base to a fractional power) without their tangents reaching the result
 * (the fuzzer's smallest model, issue 18 item 1 for tensor reductions; maxout is built on it).
 */
class ReductionSelectsTest {

    @Test
    void unselectedNanElementsDoNotReachTheForwardTangent() {
        String model = """
                model m42 {
                  input x0[B, 3]
                  param W1[3, 2] init uniform(-0.5, 0.5)
                  param W3[1, 2] init uniform(-0.5, 0.5)
                  h2 = einsum("bj,jz->bz", x0, W1)
                  h4 = pow(h2, W3)
                  h5 = max(h4, axis=-2)
                  loss = sum(h5)
                }
                """;
        ModelModeComparison c = ModelModeComparison.of(Fluxion.create(), model, Options.defaults(), 3,
                2627256808508229518L, null);
        assertTrue(Double.isFinite(c.loss()), "the fuzzer's point has a finite loss: " + c.loss());
        double[] forward = c.forward();
        double[] reverse = c.reverse();
        for (int i = 0; i < forward.length; i++) {
            assertTrue(Double.isFinite(reverse[i]), "reverse coordinate " + i);
            assertEquals(reverse[i], forward[i], 1e-12 * Math.max(1, Math.abs(reverse[i])), "coordinate " + i);
        }
    }

    /**
     * Long-fuzz finding (maxout over ln(tanh(h)), NaN where h < 0): the interpreter's max let any
     * NaN win (Math.max) where the generated kernel keeps the first maximum by {@code >}, so the
     * interpreter's value, and the forward mode built on it, were NaN where the generated loss was
     * finite. Both now choose alike: a NaN wins only in first place.
     */
    @Test
    void theInterpretedMaxChoosesAsTheGeneratedKernel() {
        dev.fluxion.compiler.ops.Axes last = new dev.fluxion.compiler.ops.Axes(java.util.List.of(1), false);
        dev.fluxion.compiler.ir.Tensor x = new dev.fluxion.compiler.ir.Tensor(dev.fluxion.compiler.ir.Shape.of(2, 3),
                new double[] {0.5, Double.NaN, 2.0, Double.NaN, 1.0, -3.0});
        double[] max = dev.fluxion.compiler.ops.Reductions.MAX.evaluate(java.util.List.of(x), last).data();
        org.junit.jupiter.api.Assertions.assertEquals(2.0, max[0], 0.0, "a NaN after the first element never wins");
        org.junit.jupiter.api.Assertions.assertTrue(Double.isNaN(max[1]), "a NaN in first place wins, as in the kernel");
        double[] mask = dev.fluxion.compiler.ops.Reductions.ARGMAX_MASK.evaluate(java.util.List.of(x), last).data();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, mask, 0.0, "the mask picks the same");
    }
}
