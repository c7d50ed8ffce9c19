package dev.fluxion.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.runtime.io.ParameterFormat;
import dev.fluxion.runtime.io.Parameters;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Hipparchus examples reach the optima computed independently, once, by
 * {@code examples/tools/hipparchus_reference.py} (NumPy 2.4.6): Newton's method with the
 * hand-written gradient and Hessian of the logistic loss, and Gauss–Newton with the
 * hand-written Jacobian of the decay curve, each iterated until its step was below 1e-15.
 */
class HipparchusExamplesTest {

    private static final Path DATA = Path.of("data");

    /** Newton's method in NumPy: w1, w2, b and the mean loss there. */
    private static final double[] LOGISTIC = {1.2548921880882506, -1.5890169916438184, 0.1282765508048118};
    private static final double LOGISTIC_LOSS = 0.4506591210919623;

    /** Gauss–Newton in NumPy: a, k, c and the sum of squared residuals there. */
    private static final double[] DECAY = {3.959106443647501, 1.315626785927966, 0.5138858636721584};
    private static final double DECAY_SUM_OF_SQUARES = 0.028828861578618484;

    @Test
    void conjugateGradientsReachTheLogisticOptimum(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("logistic.npz");
        HipparchusLogistic.Fit fit = HipparchusLogistic.fit(DATA, saved);
        // The optimizer stops on the loss, which is flat to rounding within ~1e-8 of the optimum
        // (its change there is ½·θᵀHθ ≈ 1e-17), so θ agrees to about 1e-8, the loss to rounding.
        assertArrayEquals(LOGISTIC, fit.theta(), 1e-7, "the optimum");
        assertEquals(LOGISTIC_LOSS, fit.loss(), 1e-13, "the loss there");
        // A value and a gradient at the same point share one forward and backward pass.
        assertTrue(fit.passes() < fit.values() + fit.gradients(),
                fit.passes() + " passes for " + fit.values() + " values and " + fit.gradients() + " gradients");
        Parameters p = ParameterFormat.read(saved);
        assertArrayEquals(new double[] {fit.theta()[0], fit.theta()[1]}, p.values(p.indexOf("w")));
        assertArrayEquals(new double[] {fit.theta()[2]}, p.values(p.indexOf("b")));
    }

    @Test
    void levenbergMarquardtWithFluxionsJacobianReachesTheCurveFitOptimum() throws IOException {
        HipparchusCurveFit.Fit fit = HipparchusCurveFit.fit(DATA);
        assertArrayEquals(DECAY, fit.theta(), 1e-12, "the optimum");
        assertEquals(DECAY_SUM_OF_SQUARES, fit.sumOfSquares(), 1e-14, "the sum of squares there");
        assertTrue(fit.source().startsWith("fn decay(a, k, c) {\n  return (a*exp(-k*0.0) + c,\n"), fit.source());
    }
}
