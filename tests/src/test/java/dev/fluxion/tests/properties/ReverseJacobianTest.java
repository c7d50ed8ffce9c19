package dev.fluxion.tests.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diff.DerivativeKind;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.FiniteDifferences;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reverse-mode Jacobian of a function with a few outputs is written out, one adjoint sweep
 * per output seeded by that output alone ({@code DerivativeKind.JACOBIAN}): it equals the forward
 * Jacobian and central differences, a sweep whose output reads little is short, and a function
 * with more outputs than {@code Derivatives.JACOBIAN_ROWS} keeps the VJP looped over unit seeds.
 */
class ReverseJacobianTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options JACOBIAN = Options.defaults().withCapability(Capability.JACOBIAN);

    /** Two outputs through a shared rotation and a third that reads one input, as BA's residuals. */
    private static final String PROGRAM = "fn f(a, b, c, w) {\n  t = sqrt(a*a + b*b)\n  u = cos(t)*c + sin(t)*b\n"
            + "  v = sin(t)*c - cos(t)*a\n  return (w*u/(1 + v*v), w*v, 1 - w*w)\n}\n";

    @Test
    void theWrittenOutJacobianEqualsForwardModeAndCentralDifferences() {
        CompiledFunction f = FLUXION.compile(PROGRAM, JACOBIAN);
        assertNotNull(f.compilation().derivatives().get(DerivativeKind.JACOBIAN));
        Random r = new Random(4);
        for (int p = 0; p < 5; p++) {
            double[] x = r.doubles(4, -2, 2).toArray();
            double[][] reverse = f.jacobian(Mode.REVERSE, x);
            double[][] forward = f.jacobian(Mode.FORWARD, x);
            double[][] fd = FiniteDifferences.jacobian(f::values, x);
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(forward[i][k], reverse[i][k], 1e-14 * Math.max(1, Math.abs(forward[i][k])), i + "," + k);
                    assertEquals(fd[i][k], reverse[i][k], 1e-6 * Math.max(1, Math.abs(fd[i][k])), i + "," + k);
                }
            }
        }
    }

    @Test
    void eachSweepIsSeededByItsOutputAlone() {
        String java = FLUXION.compile(PROGRAM, JACOBIAN).javaSource();
        String method = java.substring(java.indexOf("public void jacobianReverse("));
        method = method.substring(0, method.indexOf("\n    }\n"));
        assertFalse(method.contains("for (int d"), "no loop over unit seeds:\n" + method);
        // row 2 is d(1 - w*w)/dw = -2w: nothing of the rotation is swept for it
        assertTrue(java.matches("(?s).*jacobian\\[11\\] = [^;]*;.*"), java);
        assertTrue(java.contains("jacobian[8] = 0.0"), "d(1 - w*w)/da is 0");
    }

    @Test
    void manyOutputsKeepTheVjpLoopedOverUnitSeeds() {
        StringBuilder s = new StringBuilder("fn f(a, b) {\n  return (");
        for (int i = 0; i < 9; i++) {
            s.append(i > 0 ? ", " : "").append("sin(").append(i + 1).append("*a)*b");
        }
        CompiledFunction f = FLUXION.compile(s.append(")\n}\n").toString(), JACOBIAN);
        assertNull(f.compilation().derivatives().get(DerivativeKind.JACOBIAN), "9 outputs: more than JACOBIAN_ROWS");
        double[] x = {0.3, -1.2};
        double[][] reverse = f.jacobian(Mode.REVERSE, x);
        double[][] forward = f.jacobian(Mode.FORWARD, x);
        for (int i = 0; i < 9; i++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(forward[i][k], reverse[i][k], 1e-14, i + "," + k);
            }
        }
    }
}
