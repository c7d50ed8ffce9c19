package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.diag.Diagnostic;
import dev.fluxion.compiler.jit.JavaCompiler;
import dev.fluxion.runtime.model.Model;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 6: a value whose shape holds the batch size twice ({@code [B, B]}) has
 * batch² elements, and every buffer is sized from its whole shape. The issue's three forms
 * run at several batch sizes, against the reference interpreter and central differences
 * (the per-op table, {@link TensorOpTest}, has more rows with B twice); shapes that cannot
 * hold B twice are refused at compile time where they are written.
 */
class BatchSquaredTest {

    private static final String ISSUE = "model gram {\n input x[B, 3]\n param W[3, 2]\n param w[3, 1]\n h = x @ W\n"
            + " G = h @ transpose(h)\n E = einsum(\"bi,ci->bc\", x @ W @ transpose(W), x)\n s = x @ w\n"
            + " O = s * transpose(s)\n loss = sum(sin(G)) + sum(cos(E)) + sum(tanh(O))\n}\n";

    @ParameterizedTest
    @ValueSource(strings = {"janino", "javax.tools"})
    void theIssueFormsRunAtEveryBatchSize(String compiler) {
        Fluxion fl = compiler.equals("janino") ? Fluxion.create() : Fluxion.using(JavaCompiler.javaxTools());
        CompiledModel cm = fl.compileModel(ISSUE);
        for (int batch : new int[] {1, 3, 2, 7, 4}) {      // growing, shrinking and growing again
            ModelHarness.check(cm, batch, 40 + batch, 1e-5);
            ModelHarness.checkSgdStep(cm, batch, 50 + batch);
        }
        ModelHarness.checkForward(cm, 3, 61);
    }

    @Test
    void evaluateReturnsTheWholeBatchSquaredValue() {
        Model m = Fluxion.create().compileModel(ISSUE).newModel();
        ModelHarness.randomize(m, new Random(3), 0.5);
        int batch = 3;
        double[] x = {0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, 0.8, -0.9};
        double[] s = new double[batch];
        double[] w = m.parameters()[1];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < 3; i++) {
                s[b] += x[b * 3 + i] * w[i];
            }
        }
        double[] o = m.evaluate("O", new double[][] {x}, batch);
        assertEquals(batch * batch, o.length);
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < batch; c++) {
                assertEquals(s[b] * s[c], o[b * batch + c], 1e-15);
            }
        }
    }

    @Test
    void anInputOfShapeBByBNeedsBatchSquaredValues() {
        Model m = Fluxion.create().compileModel("model k {\n input K[B, B]\n param w[1]\n loss = sum(K * w)\n}").newModel();
        m.parameters()[0][0] = 2;
        assertEquals(2 * 10, m.loss(new double[][] {{1, 2, 3, 4}}, 2), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.loss(new double[][] {{1, 2}}, 2));
        assertTrue(e.getMessage().contains("[B, B]"), e.getMessage());
    }

    @Test
    void aBatchWhoseSquareDoesNotFitAnArrayIsRefusedByName() {
        Model m = Fluxion.create().compileModel(ISSUE).newModel();
        int batch = 50_000;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.loss(new double[][] {new double[batch * 3]}, batch));
        assertTrue(e.getMessage().contains("batch size 50000 is too large") && e.getMessage().contains("[B, B]"),
                e.getMessage());
    }

    private static Diagnostic refused(String source) {
        return assertThrows(CompileException.class, () -> Fluxion.create().compileModel(source)).diagnostics().get(0);
    }

    @Test
    void shapesThatCannotHoldTheBatchTwiceAreRefusedWhereTheyAreWritten() {
        Diagnostic d = refused("model m {\n input x[B, 3]\n G = x @ transpose(x)\n F = flatten(G)\n loss = sum(F)\n}");
        assertEquals(4, d.line());
        assertTrue(d.message().contains("batch size B"), d.message());
        d = refused("model m {\n input x[B, 3]\n G = x @ transpose(x)\n loss = sum(reshape(G, \"B, 1\"))\n}");
        assertEquals(4, d.line());
        assertTrue(d.message().contains("[B, B]"), d.message());
        d = refused("model m {\n input x[B, 3]\n G = einsum(\"bi,cj->bicj\", x, x)\n loss = sum(maxpool2d(G))\n}");
        assertEquals(4, d.line());
        assertTrue(d.message().contains("not the batch size B") && d.message().contains("[B, 3, B, 3]"), d.message());
        d = refused("model m {\n input x[B, 4]\n param K[2, 3, 2, 2]\n G = einsum(\"bi,cj->bjic\", x, x[:, 0:3])\n"
                + " loss = sum(conv2d(G, K))\n}");
        assertEquals(5, d.line());
        assertTrue(d.message().contains("not the batch size B") && d.message().contains("[B, 3, 4, B]"), d.message());
    }
}
