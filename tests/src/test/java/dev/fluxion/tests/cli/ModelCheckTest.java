package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.tests.support.Golden;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code fluxion check -f model.flx}: the runtime's GradientCheck from the command line. */
class ModelCheckTest {

    private static final Path ROOT = Golden.ROOT.resolve("../../../..").normalize();
    private static final String MLP = ROOT.resolve("examples/src/main/fluxion/mlp.flx").toString();

    @Test
    void theMlpsGradientAgreesWithCentralDifferences() {
        Cli.Result r = Cli.process("check", "-f", MLP, "--batch", "3", "--seed", "2", "--samples", "8");
        assertEquals(0, r.status(), r.out() + r.err());
        assertEquals("", r.err());
        String[] lines = r.out().split("\n");
        assertEquals("checking model mlp on a random batch of 3 (seed 2), 8 coordinates per parameter, "
                + "against central differences", lines[0]);
        assertTrue(lines[1].startsWith("gradient check of mlp at loss "), lines[1]);
        for (String p : new String[] {"W1", "b1", "W2", "b2"}) {
            assertTrue(r.out().contains("\n  " + p + " "), r.out());
        }
        assertTrue(r.out().contains("  W1                  8/100352"), r.out());
        assertTrue(lines[lines.length - 1].startsWith("ok: largest error "), r.out());
        // The same command, the same report: everything is seeded.
        assertEquals(r.out(), Cli.run("check", "-f", MLP, "--batch", "3", "--seed", "2", "--samples", "8").out());
    }

    @Test
    void anImpossibleToleranceFailsWithStatusThree() {
        Cli.Result r = Cli.run("check", "-f", MLP, "--samples", "2", "--tolerance", "1e-300");
        assertEquals(3, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("FAILED: largest error"), r.out());
    }

    @Test
    void optionsOfTheFunctionFormAreRefusedForAModel() {
        Cli.Result at = Cli.run("check", "-f", MLP, "--at", "1,2");
        assertEquals(2, at.status());
        assertTrue(at.err().contains("do not apply to a model"), at.err());
        Cli.Result batch = Cli.run("check", "x*y", "--batch", "2");
        assertEquals(2, batch.status());
        assertTrue(batch.err().contains("--batch applies to models only"), batch.err());
    }
}
