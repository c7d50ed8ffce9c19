package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.diag.Diagnostic;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @} beyond two matrices: stacks of matrices ({@code [B, n, k]}) on either side and
 * vectors, lowered to einsums. The rows follow {@link TensorOpTest}: at batch 1 and a larger
 * batch, generated code against the interpreter and finite differences, and forward mode
 * against reverse mode. Matrix @ matrix must stay the matmul op.
 */
class BatchedMatmulTest {

    private static final Fluxion FLUXION = Fluxion.create();

    static Stream<Arguments> products() {
        return Stream.of(
                row("stack @ matrix", "input x[B, 2, 3]\n param W[3, 4]\n loss = sum(sin(x @ W))"),
                row("stack @ stack", "input x[B, 2, 3]\n input z[B, 3, 4]\n param W[3, 4]\n param V[2, 3]\n"
                        + " loss = sum(sin((x * V) @ (z * W)))"),
                row("matrix @ stack", "input z[B, 3, 4]\n param A[2, 3]\n loss = sum(tanh(A @ z))"),
                row("stack @ vector", "input x[B, 2, 3]\n param v[3]\n loss = sum(sin(x @ v))"),
                row("vector @ stack", "input z[B, 3, 4]\n param v[3]\n loss = sum(sin(v @ z))"),
                row("vector @ matrix", "input x[B, 3]\n param v[3]\n param W[3, 4]\n loss = sum(sin(v @ W)) + sum(x)"),
                row("matrix @ vector", "input x[B, 3]\n param v[3]\n loss = sum(sin(x @ v))"),
                row("vector @ vector", "input x[B, 3]\n param v[3]\n param w[3]\n loss = sin(v @ w) + sum(x * v)"),
                row("chained stack products", "input q[B, 2, 3]\n param Wk[3, 3]\n param M[3, 2]\n"
                        + " s = q @ Wk @ M\n loss = sum(softmax(s) * (s @ s))"));
    }

    private static Arguments row(String name, String body) {
        return Arguments.of(name, "model t {\n " + body + "\n}\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("products")
    void bothModesAgreeWithFiniteDifferences(String name, String source) {
        CompiledModel cm = FLUXION.compileModel(source);
        ModelHarness.check(cm, 1, 31, 1e-5);
        ModelHarness.check(cm, 5, 32, 1e-5);
        ModelHarness.checkForward(cm, 1, 33);
        ModelHarness.checkForward(cm, 4, 34);
    }

    @Test
    void matrixTimesMatrixStaysTheMatmulOp() {
        String stack = FLUXION.translateModel("model t {\n input x[B, 2, 3]\n param W[3, 4]\n loss = sum(x @ W)\n}\n",
                dev.fluxion.compiler.Options.defaults()).program().graph().nodes().stream()
                .map(n -> n.op().name()).toList().toString();
        String matrix = FLUXION.translateModel("model t {\n input x[B, 3]\n param W[3, 4]\n loss = sum(x @ W)\n}\n",
                dev.fluxion.compiler.Options.defaults()).program().graph().nodes().stream()
                .map(n -> n.op().name()).toList().toString();
        assertTrue(stack.contains("einsum") && !stack.contains("matmul"), stack);
        assertTrue(matrix.contains("matmul") && !matrix.contains("einsum"), matrix);
    }

    @Test
    void inconsistentShapesNameBothShapes() {
        Diagnostic inner = error("model m {\n input x[B, 2, 3]\n param W[4, 5]\n loss = sum(x @ W)\n}");
        assertEquals(4, inner.line());
        assertEquals(15, inner.column());
        assertTrue(inner.message().contains("inner dimensions differ: [B, 2, 3] @ [4, 5]"), inner.message());
        Diagnostic stack = error("model m {\n input x[B, 2, 3]\n param W[4, 3, 5]\n loss = sum(x @ W)\n}");
        assertTrue(stack.message().contains("stack dimensions differ: [B, 2, 3] @ [4, 3, 5]"), stack.message());
        Diagnostic vector = error("model m {\n input x[B, 3]\n param v[4]\n loss = sum(x @ v)\n}");
        assertTrue(vector.message().contains("[B, 3] @ [4]"), vector.message());
        Diagnostic rank = error("model m {\n input x[B, 1, 2, 3]\n param W[3, 4]\n loss = sum(x @ W)\n}");
        assertTrue(rank.message().contains("rank 1 to 3") && rank.message().contains("[B, 1, 2, 3] @ [3, 4]"),
                rank.message());
    }

    private static Diagnostic error(String source) {
        CompileException e = assertThrows(CompileException.class, () -> FLUXION.compileModel(source));
        return e.diagnostics().get(0);
    }
}
