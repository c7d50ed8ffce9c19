package dev.fluxion.tests.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.simplify.RuleSet;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.model.Model;
import org.junit.jupiter.api.Test;

/**
 * A model goes through the simplification rules a function goes through (issue 14, "one
 * pipeline"): the stabilize rules before differentiation, the specialize rules after. Each test
 * switches the rule off too, to show what the model gains: a finite loss and gradient where the
 * written form over- or underflows.
 */
class ModelSimplificationTest {

    private static final Fluxion FLUXION = Fluxion.create();

    /** ln(sigmoid(z)) for z = x·w: at z = -800, sigmoid underflows to 0 and ln gives -Infinity. */
    private static final String LOG_SIGMOID = """
            model logistic {
              input x[B, 2]
              param w[2]
              loss = mean(-ln(sigmoid(x @ w)))
            }
            """;

    /** ln(sum(exp(z))) for z = x·W: at z = (1000, 0, 0), exp overflows and ln gives Infinity. */
    private static final String LOG_SUM_EXP = """
            model lse {
              input x[B, 3]
              param W[3, 3]
              loss = mean(ln(sum(exp(x @ W), axis=1)))
            }
            """;

    private static final String SQUARE = """
            model squares {
              input x[B, 2]
              param w[2]
              loss = mean((x @ w)^2)
            }
            """;

    @Test
    void logSigmoidBecomesMinusSoftplusInAModel() {
        CompiledModel stable = FLUXION.compileModel(LOG_SIGMOID, Options.defaults().withCapability(Capability.HESSIAN));
        assertFalse(uses(stable.compilation().program().graph(), "ln"), "ln(sigmoid(z)) was rewritten");
        assertTrue(uses(stable.compilation().lowered().graph(), "ln"), "the lowered stage keeps what was written");
        Model m = stable.newModel();
        m.parameters()[0][0] = 1;
        double[][] batch = {{-800, 0}};
        // -ln(sigmoid(-800)) = softplus(800) = 800; d/dw0 = sigmoid(800) * 800 = 800.
        assertEquals(800, m.lossAndGradient(batch, 1), 1e-9);
        assertEquals(800, m.gradients()[0][0], 1e-9);
        assertEquals(0, m.gradients()[0][1], 0);
        // H·v along w0: d²/dw0² softplus(-800 w0) = 800² sigmoid'(800) = 0 to double precision.
        double[][] hv = m.hessianVector(batch, 1, new double[][] {{1, 0}});
        assertTrue(Double.isFinite(hv[0][0]) && Double.isFinite(hv[0][1]), java.util.Arrays.toString(hv[0]));

        Model written = FLUXION.compileModel(LOG_SIGMOID, Options.defaults()
                .withRules(RuleSet.standard().without("log_sigmoid"))).newModel();
        written.parameters()[0][0] = 1;
        assertEquals(Double.POSITIVE_INFINITY, written.lossAndGradient(batch, 1), "without the rule the loss overflows");
        // Where both are finite they agree.
        double[][] mild = {{0.3, -1.2, 2.0, 0.5}};  // one input buffer: two rows of x
        m.parameters()[0][1] = -0.7;
        written.parameters()[0][1] = -0.7;
        assertEquals(written.lossAndGradient(mild, 2), m.lossAndGradient(mild, 2), 1e-14);
        assertEquals(written.gradients()[0][0], m.gradients()[0][0], 1e-14);
        assertEquals(written.gradients()[0][1], m.gradients()[0][1], 1e-14);
    }

    @Test
    void logOfSumOfExpBecomesLogsumexpInAModel() {
        CompiledModel stable = FLUXION.compileModel(LOG_SUM_EXP, Options.defaults());
        assertTrue(uses(stable.compilation().program().graph(), "logsumexp"));
        assertFalse(uses(stable.compilation().program().graph(), "exp"));
        Model m = stable.newModel();
        identity(m.parameters()[0]);
        double[][] batch = {{1000, 0, 0}};
        // logsumexp(1000, 0, 0) = 1000 + ln(1 + 2e-1000) = 1000; dL/dW[i][j] = x_i softmax_j.
        assertEquals(1000, m.lossAndGradient(batch, 1), 1e-9);
        assertEquals(1000, m.gradients()[0][0], 1e-9);
        for (int k = 1; k < 9; k++) {
            assertEquals(0, m.gradients()[0][k], 1e-300, "entry " + k);
        }

        Model written = FLUXION.compileModel(LOG_SUM_EXP, Options.defaults()
                .withRules(RuleSet.standard().without("logsumexp_from_log_sum_exp"))).newModel();
        identity(written.parameters()[0]);
        assertEquals(Double.POSITIVE_INFINITY, written.lossAndGradient(batch, 1), "without the rule exp overflows");
        double[][] mild = {{0.5, -1, 2, 0.1, 0.2, -0.3}};
        assertEquals(written.lossAndGradient(mild, 2), m.lossAndGradient(mild, 2), 1e-13);
        for (int k = 0; k < 9; k++) {
            assertEquals(written.gradients()[0][k], m.gradients()[0][k], 1e-13, "entry " + k);
        }
    }

    @Test
    void specializeRulesApplyToTensorNodes() {
        CompiledModel special = FLUXION.compileModel(SQUARE, Options.defaults());
        assertFalse(uses(special.compilation().program().graph(), "^"), "x^2 => x*x on a tensor");
        assertFalse(uses(special.compilation().gradient(), "^"));
        Model m = special.newModel();
        m.parameters()[0][0] = 1.5;
        m.parameters()[0][1] = -2;
        double[][] batch = {{1, 2, 3, -1}};
        // z = (-2.5, 6.5): loss = (6.25 + 42.25)/2; dL/dw = mean(2 z x) = (-2.5 + 19.5, -5 - 6.5).
        assertEquals((6.25 + 42.25) / 2, m.lossAndGradient(batch, 2), 1e-12);
        assertEquals(17, m.gradients()[0][0], 1e-12);
        assertEquals(-11.5, m.gradients()[0][1], 1e-12);
        assertTrue(special.compilation().simplifyStats().stream().anyMatch(s -> s.pass().equals("specialize")));
    }

    private static void identity(double[] w) {
        int n = (int) Math.round(Math.sqrt(w.length));
        for (int i = 0; i < n; i++) {
            w[i * n + i] = 1;
        }
    }

    private static boolean uses(Graph g, String op) {
        for (Node n : g.nodes()) {
            if (n.op().name().equals(op)) {
                return true;
            }
        }
        return false;
    }
}
