package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.diag.Diagnostic;
import org.junit.jupiter.api.Test;

/** Shape and declaration errors in a model are compile errors with a location and both shapes. */
class ModelDiagnosticsTest {

    private static final Fluxion FLUXION = Fluxion.create();

    private static Diagnostic error(String source) {
        CompileException e = assertThrows(CompileException.class, () -> FLUXION.compileModel(source));
        return e.diagnostics().get(0);
    }

    @Test
    void matmulInnerDimensionsNameBothShapesAndTheOperator() {
        Diagnostic d = error("model m {\n input x[B, 784]\n param W[100, 10]\n loss = sum(x @ W)\n}");
        assertEquals(4, d.line());
        assertEquals(15, d.column());
        assertTrue(d.message().contains("[B, 784]") && d.message().contains("[100, 10]"), d.message());
    }

    @Test
    void broadcastingFailureNamesBothShapes() {
        Diagnostic d = error("model m {\n input x[B, 3]\n param b[4]\n loss = sum(x + b)\n}");
        assertEquals(4, d.line());
        assertTrue(d.message().contains("[B, 3]") && d.message().contains("[4]"), d.message());
    }

    @Test
    void lossMustBeScalar() {
        Diagnostic d = error("model m {\n input x[B, 3]\n param w[3]\n loss = x * w\n}");
        assertTrue(d.message().contains("scalar") && d.message().contains("[B, 3]"), d.message());
    }

    @Test
    void missingLossUnknownDimensionAndBatchInAParameter() {
        assertTrue(error("model m {\n input x[B, 3]\n h = x\n}").message().contains("no loss"));
        assertTrue(error("model m {\n input x[N, 3]\n loss = sum(x)\n}").message().contains("unknown dimension 'N'"));
        assertTrue(error("model m {\n param w[B]\n loss = sum(w)\n}").message().contains("batch size B"));
    }

    @Test
    void labelsMustMatchTheLogitsRows() {
        Diagnostic d = error("model m {\n input s[B, 3]\n label y[4] of 3\n loss = mean(cross_entropy(s, y))\n}");
        assertTrue(d.message().contains("[B, 3]") && d.message().contains("[4]"), d.message());
    }

    /** A wrong argument count or attribute names the signature (issue 18, item 7). */
    @Test
    void aWrongArgumentCountOrAttributeNamesTheSignature() {
        Diagnostic one = error("model m {\n input x[B, 3]\n loss = sum(concat(x, axis=1))\n}");
        assertEquals("'concat' takes 2 or more operands, got 1: concat(a, b, ..., axis=-1)", one.message());
        assertEquals(3, one.line());
        assertEquals(13, one.column());
        assertEquals("'sin' takes 1 argument, got 2: sin(x)",
                error("model m {\n input x[B, 3]\n loss = sum(sin(x, x))\n}").message());
        assertEquals("'max' takes 2 arguments, got 3: max(x, y), or max(x, axis=k) on a tensor",
                error("model m {\n input x[B, 3]\n loss = sum(max(x, x, x))\n}").message());
        assertEquals("'tanh' takes no attributes: tanh(x)",
                error("model m {\n input x[B, 3]\n loss = sum(tanh(x, axis=1))\n}").message());
        assertEquals("'concat' has no attribute 'dim': concat(a, b, ..., axis=-1)",
                error("model m {\n input x[B, 3]\n loss = sum(concat(x, x, dim=1))\n}").message());
        assertEquals("'transpose' takes 1 operand, got 2: transpose(x)",
                error("model m {\n input x[B, 3]\n loss = sum(transpose(x, x))\n}").message());
        assertEquals("unknown function 'summ'; did you mean 'sum'?",
                error("model m {\n input x[B, 3]\n loss = summ(x)\n}").message());
    }

    @Test
    void concatJoinsAnyNumberOfOperandsInOrder() {
        dev.fluxion.runtime.model.Model m = FLUXION.compileModel("model m {\n input x[B, 2]\n input z[B, 1]\n"
                + " h = concat(x, z, 10*x, axis=1)\n v = concat(transpose(x), transpose(z), axis=0)\n"
                + " loss = sum(h) + sum(v)\n}").newModel();
        double[][] in = {{1, 2, 3, 4}, {5, 6}};
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 2, 5, 10, 20, 3, 4, 6, 30, 40},
                m.evaluate("h", in, 2), 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 3, 2, 4, 5, 6}, m.evaluate("v", in, 2), 0.0);
    }

    @Test
    void unknownAttributeIsNamed() {
        Diagnostic d = error("model m {\n input x[B, 3]\n loss = sum(x, axes=1)\n}");
        assertTrue(d.message().contains("no attribute 'axes'") && d.message().contains("axis"), d.message());
    }

    @Test
    void aScalarFunctionIsStillAFunction() {
        // The scalar language is unchanged: a plain expression still compiles as before.
        assertEquals(11.652, FLUXION.compile("ln(x1)+x1*x2-sin(x2)").value(2, 5), 1e-3);
    }
}
