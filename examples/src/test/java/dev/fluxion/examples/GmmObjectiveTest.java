package dev.fluxion.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GMM example reproduces ADBench's values, through the example's own code and data copy. */
class GmmObjectiveTest {

    private static final Path GMM = Path.of("data", "gmm");

    @Test
    void bothProgramsReproduceTheTestCaseObjectiveAndGradient() throws IOException {
        List<List<Agreement>> cases = GmmObjective.testCase(GMM);
        assertEquals(2, cases.size());
        for (List<Agreement> c : cases) {
            assertEquals(19, c.size(), "objective and 18 gradient entries");
            for (Agreement a : c) {
                assertTrue(a.ok(), a.format());
                assertEquals(1e-8, a.tolerance());
            }
        }
    }

    @Test
    void generalProgramReproducesTheLargerObjectives() throws IOException {
        for (Map.Entry<String, Double> c : GmmObjective.REFERENCE_OBJECTIVES.entrySet()) {
            Agreement a = GmmObjective.largerObjective(GMM, c.getKey(), c.getValue(), false);
            assertTrue(a.ok(), a.format());
        }
    }

    @Test
    void priorConstantMatchesTheClosedFormForDimensionTwo() {
        // gmm_d2.flx spells it out: C = -2 ln 2 - ln pi for d = 2, gamma = 1, m = 0.
        assertEquals(-2 * Math.log(2) - Math.log(Math.PI), GmmProgram.priorConstant(2, 1, 0), 1e-14);
        assertEquals(Math.log(6), GmmProgram.logGammaHalf(4), 1e-14);
        assertEquals(Math.log(0.75 * Math.sqrt(Math.PI)), GmmProgram.logGammaHalf(2.5), 1e-14);
    }

    @Test
    void priorConstantUsesExactHalfIntegerLogGamma() {
        assertEquals(0.5 * Math.log(Math.PI), GmmProgram.logGammaHalf(0.5), 1e-15);
        assertEquals(Math.log(6), GmmProgram.logGammaHalf(4), 1e-15);
        assertEquals(Math.log(0.75 * Math.sqrt(Math.PI)), GmmProgram.logGammaHalf(2.5), 1e-15);
        // d = 1: n' = 2, C = 2·(−½ log 2) − lgamma(1) = −log 2.
        assertEquals(-Math.log(2), GmmProgram.priorConstant(1, 1, 0), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> GmmProgram.logGammaHalf(0.3));
    }

    @Test
    void aDisagreementIsReported() {
        Agreement a = new Agreement("objective", 1.0, 1.0 + 2e-8, 1e-8);
        assertTrue(!a.ok());
        assertTrue(a.format().contains("DIFFERS"), a.format());
        assertTrue(!new Agreement("x", 1.0, Double.NaN, 1).ok());
    }
}
