package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.runtime.model.Model;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sum mean max} over several axes, {@code axis=(0, 2)}. The rows follow
 * {@link TensorOpTest} (batch 1 and several, interpreter and finite differences, forward
 * against reverse); the values must equal nested single-axis reductions.
 */
class ReductionAxesTest {

    private static final Fluxion FLUXION = Fluxion.create();

    static Stream<Arguments> reductions() {
        return Stream.of(
                row("sum over the last two axes", "input x[B, 2, 3]\n param w[3]\n loss = sum(sin(sum(x * w, axis=(1, 2))))"),
                row("sum over the batch and the last axis", "input x[B, 2, 3]\n param w[3]\n"
                        + " loss = sum(sin(sum(x * w, axis=(0, 2))))"),
                row("mean over the batch and the last axis", "input x[B, 2, 3]\n param w[3]\n"
                        + " loss = sum(sin(mean(x * w, axis=(2, 0))))"),
                row("mean with a negative axis", "input x[B, 2, 3, 2]\n param w[2]\n"
                        + " loss = sum(tanh(mean(exp(x * w), axis=(1, -1))))"),
                row("max over the batch and the last axis", "input x[B, 2, 3]\n param w[3]\n"
                        + " loss = sum(sin(max(x * w, axis=(0, 2))))"),
                row("max over two inner axes of rank 4", "input x[B, 2, 3, 2]\n param w[3, 1]\n"
                        + " loss = sum(max(x * w, axis=(1, 3)))"),
                row("max over every axis listed", "input x[B, 2, 3]\n param w[3]\n loss = max(x * w, axis=(0, 1, 2))"));
    }

    private static Arguments row(String name, String body) {
        return Arguments.of(name, "model t {\n " + body + "\n}\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reductions")
    void bothModesAgreeWithFiniteDifferences(String name, String source) {
        CompiledModel cm = FLUXION.compileModel(source);
        ModelHarness.check(cm, 1, 41, 1e-5);
        ModelHarness.check(cm, 5, 42, 1e-5);
        ModelHarness.checkForward(cm, 1, 43);
        ModelHarness.checkForward(cm, 4, 44);
    }

    @Test
    void severalAxesEqualNestedSingleAxisReductions() {
        CompiledModel cm = FLUXION.compileModel("model t {\n input x[B, 2, 3, 2]\n param w[2]\n y = x * w\n"
                + " s = sum(y, axis=(0, 2))\n s1 = sum(sum(y, axis=2), axis=0)\n"
                + " m = mean(y, axis=(3, 1, 0))\n m1 = mean(mean(mean(y, axis=3), axis=1), axis=0)\n"
                + " x2 = max(y, axis=(0, 2))\n x1 = max(max(y, axis=2), axis=0)\n"
                + " loss = sum(s) + sum(m) + sum(x2)\n}\n");
        Model m = cm.newModel();
        Random r = new Random(7);
        ModelHarness.randomize(m, r, 1.0);
        int batch = 4;
        double[][] in = ModelHarness.randomInputs(cm.compilation().program(), batch, r);
        assertEquals(4, m.evaluate("s", in, batch).length);
        assertEquals(3, m.evaluate("m", in, batch).length);
        assertArrayEquals(m.evaluate("s1", in, batch), m.evaluate("s", in, batch), 1e-12);
        assertArrayEquals(m.evaluate("m1", in, batch), m.evaluate("m", in, batch), 1e-12);
        assertArrayEquals(m.evaluate("x1", in, batch), m.evaluate("x2", in, batch), 0.0);
    }

    @Test
    void badAxisListsAreCompileErrors() {
        assertError("sum(x, axis=(0, 3))", "axis 3 is out of range for shape [B, 2, 3]");
        assertError("sum(x, axis=(2, -1))", "axis 2 is listed twice in axis=(2, -1)");
        assertError("sum(softmax(x, axis=(1, 2)))", "only sum, mean and max");
        assertError("sum(x, axes=(1, 2))", "no attribute 'axes'");
        assertError("sum(sin(x, axis=(1, 2)))", "takes no attributes");
        assertError("sum(x, axis=(1, 2), axis=0)", "given twice");
    }

    private static void assertError(String loss, String expected) {
        CompileException e = assertThrows(CompileException.class,
                () -> FLUXION.compileModel("model m {\n input x[B, 2, 3]\n loss = " + loss + "\n}"));
        String message = e.diagnostics().get(0).message();
        assertTrue(message.contains(expected), message);
        assertEquals(3, e.diagnostics().get(0).line());
    }
}
