package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The commands take a function or a model alike (issue 14, "one pipeline"): {@code --dump-after}
 * prints a model's stages, and a function that uses tensor ops (the tensor back end) has its
 * gradient, its check and its class like any function.
 */
class PipelineCliTest {

    private static final String MODEL = "model m { input x[B, 2] param w[2] loss = mean(-ln(sigmoid(x @ w))) }";
    private static final String TENSOR_FN = "fn g(W[2, 2], v[2]) { return sum(tanh(W @ v)) }";

    @Test
    void dumpAfterShowsAModelsStagesTheStabilizedLossAmongThem() {
        Cli.Result r = Cli.run("gen", MODEL, "--dump-after=parse,diff,simplify,roll");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("implements Model"), r.out());
        String err = r.err();
        assertTrue(err.contains("== after parse: ") && err.contains("ln(sigmoid("), err);
        assertTrue(err.contains("== after diff (gradient): "), err);
        assertTrue(err.contains("== after simplify (value): parse ") && err.contains("softplus("), err);
        assertTrue(err.contains("== after simplify (gradient): "), err);
        assertTrue(err.contains("== after roll: no loops (a tensor program runs one kernel per operation) =="), err);
    }

    @Test
    void aTensorFunctionHasItsGradientCheckAndStages() {
        Cli.Result grad = Cli.run("grad", TENSOR_FN, "--at", "W=[[1,2],[3,4]],v=[0.5,-0.25]");
        assertEquals(0, grad.status(), grad.err());
        // W v = (0, 0.5): dy/dW[0, 0] = (1 - tanh(0)^2) * 0.5, dy/dv[1] = 2 (1 - tanh(0)^2) + 4 (1 - tanh(0.5)^2).
        assertTrue(grad.out().contains("dy/dW[0, 0] = 0.5\n"), grad.out());
        double dv1 = 2 + 4 * (1 - Math.pow(Math.tanh(0.5), 2));
        assertTrue(grad.out().contains("dy/dv[1] = " + dv1 + "\n"), grad.out());
        Cli.Result check = Cli.run("check", TENSOR_FN);
        assertEquals(0, check.status(), check.err());
        assertTrue(check.out().contains("reverse: largest relative error") && check.out().contains("ok:"), check.out());
        Cli.Result dump = Cli.run("gen", TENSOR_FN, "--dump-after=simplify");
        assertEquals(0, dump.status(), dump.err());
        assertTrue(dump.err().contains("tanh(W @ v)") || dump.err().contains("tanh("), dump.err());
        Cli.Result trace = Cli.run("trace", TENSOR_FN, "--at", "W=[[1,2],[3,4]],v=[0.5,-0.25]");
        assertEquals(2, trace.status(), trace.err());
        assertTrue(trace.err().startsWith("fluxion: ") && trace.err().contains("tensor back end"), trace.err());
    }
}
