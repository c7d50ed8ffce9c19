package dev.fluxion.tests.adbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.examples.HandDirect;
import dev.fluxion.examples.HandMap;
import dev.fluxion.examples.HandModel;
import dev.fluxion.examples.HandProblem;
import dev.fluxion.examples.HandProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ADBench's hand objective written in the language ({@code examples/adbench/hand.flx}: the pose
 * once, then the point function over the points as a per-item map, the Jacobian by the chain
 * rule through the pose's sparse Jacobian) reproduces {@code hand_test_expected.txt} (ADBench's
 * HandTests.cpp) to 1e-8, ADBench's tolerance, in both variants; on ADBench's 100-point inputs
 * the residuals equal ADBench's objective transcribed in plain Java ({@link HandDirect}) and the
 * Jacobian its central differences (1e-6, ADBench's tolerance for finite differences); the
 * program in examples/adbench is the generator's text.
 */
class HandTest {

    private static HandProgram.Functions functions;

    private static Path dir() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("examples/data/hand/hand_test_expected.txt")) && Files.exists(p.resolve("grammar"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("cannot find examples/data/hand");
    }

    @BeforeAll
    static void compile() throws IOException {
        functions = HandProgram.compile(Files.readString(dir().resolve("adbench/hand.flx")));
    }

    private static double[][] evaluate(HandProblem pr) {
        HandMap map = new HandMap(functions, pr);
        double[] err = new double[map.rows()];
        double[] jac = new double[map.rows() * map.cols()];
        map.jacobian(pr.theta(), pr.us(), err, jac);
        return new double[][] {err, jac};
    }

    private static void assertClose(double[] want, double[] got, double tolerance, String what) {
        assertEquals(want.length, got.length, what + ": length");
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tolerance, what + "[" + i + "]");
        }
    }

    @Test
    void theTestInputsMatchAdBenchsReference() throws IOException {
        Path hand = dir().resolve("data/hand");
        for (String file : new String[] {"test.txt", "hand_complicated.txt"}) {
            HandProblem pr = HandProblem.read(hand.resolve(file));
            HandProblem.Reference want = HandProblem.Reference.read(hand.resolve("hand_test_expected.txt"), pr.complicated());
            double[][] got = evaluate(pr);
            assertEquals(file.equals("hand_complicated.txt"), pr.complicated());
            assertEquals(2, pr.n());
            assertClose(want.residuals(), got[0], 1e-8, file + " residuals");
            assertClose(want.jacobian(), got[1], 1e-8, file + " Jacobian (" + (pr.complicated() ? 28 : 26) + " columns)");
        }
    }

    @Test
    void aHundredPointsAgreeWithTheObjectiveInPlainJavaAndItsCentralDifferences() throws IOException {
        Path hand = dir().resolve("data/hand");
        HandModel model = HandModel.read(hand.resolve("model"));
        for (String file : new String[] {"simple_small/hand1_t26_c100.txt", "complicated_small/hand1_t26_c100.txt"}) {
            HandProblem pr = HandProblem.read(hand.resolve(file), model);
            assertEquals(100, pr.n());
            double[][] got = evaluate(pr);
            assertClose(HandDirect.residuals(pr, pr.theta(), pr.us()), got[0], 1e-12, file + " residuals");
            double[] differences = HandDirect.centralDifferences(pr, 1e-5);
            assertClose(differences, got[1], 1e-6, file + " Jacobian");
            // not a vacuous comparison: every θ column and both us columns hold non-zeros
            int cols = pr.jacobianColumns();
            for (int c = 0; c < cols; c++) {
                double largest = 0;
                for (int r = 0; r < 3 * pr.n(); r++) {
                    largest = Math.max(largest, Math.abs(got[1][r * cols + c]));
                }
                assertTrue(largest > 1e-3, file + ": column " + c + " is all but zero");
            }
        }
    }

    @Test
    void theObjectiveAloneEqualsTheJacobiansResiduals() throws IOException {
        HandProblem pr = HandProblem.read(dir().resolve("data/hand/complicated_small/hand5_t26_c800.txt"));
        HandMap map = new HandMap(functions, pr);
        double[] err = new double[map.rows()];
        map.values(pr.theta(), pr.us(), err);
        assertClose(evaluate(pr)[0], err, 0, "residuals");
        assertClose(HandDirect.residuals(pr, pr.theta(), pr.us()), err, 1e-12, "residuals against plain Java");
    }

    @Test
    void thePoseJacobianTakesSevenColorsAndPointsReadFourOrFiveBones() {
        HandMap map = new HandMap(functions, new HandProblem(modelOrFail(), new int[] {0}, new double[3], null, new double[26]));
        // a transform entry depends on the global rotation (3) and at most the 4 angles of its finger
        assertEquals(7, map.pose().sparsity().colors(), map.pose().sparsity().toString());
        assertEquals(22 * 12 + 3, map.pose().outputCount());
        assertEquals(4, functions.slots(false));
        assertEquals(5, functions.slots(true));
    }

    private static HandModel modelOrFail() {
        try {
            return HandModel.read(dir().resolve("data/hand/model"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theProgramIsTheGeneratorsText() throws IOException {
        HandModel model = HandModel.read(dir().resolve("data/hand/model"));
        assertEquals(22, model.boneCount());
        assertEquals(544, model.positions().length);
        assertEquals(1084, model.triangles().length);
        assertEquals(HandProgram.text(model, model.bonesPerVertex(), model.bonesPerTriangle()),
                Files.readString(dir().resolve("adbench/hand.flx")));
    }
}
