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
