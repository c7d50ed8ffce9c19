package dev.fluxion.tests.adbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.examples.LstmManual;
import dev.fluxion.examples.LstmProblem;
import dev.fluxion.examples.LstmProgram;
import dev.fluxion.tests.support.FiniteDifferences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ADBench's LSTM written in the language ({@link LstmProgram}: a {@code for} loop over the
 * characters kept as a Java loop) reproduces {@code lstm_l2_c1024_expected.txt} (ADBench's
 * LstmTests.cpp): the objective to the reference's 8 digits and the 266 gradient entries to 1e-8,
 * ADBench's tolerance; a short sequence against central differences; the program in
 * examples/adbench is the generator's text. ADBench gives no reference for four layers: there the
 * gradient is checked against {@link LstmManual}, a hand-written adjoint that is itself checked against
 * the two-layer reference. Forward mode of the split loop (the step's JVP called once per step) agrees
 * with the gradient on the full file.
 */
class LstmTest {

    private static Path dir() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("examples/data/lstm/lstm_l2_c1024_expected.txt")) && Files.exists(p.resolve("grammar"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("cannot find examples/data/lstm");
    }

    @Test
    void theL2C1024FileMatchesAdBenchsReference() throws IOException {
        LstmProblem problem = LstmProblem.read(dir().resolve("data/lstm/lstm_l2_c1024.txt"));
        assertEquals(List.of(2, 1024, 14), List.of(problem.l(), problem.c(), problem.b()));
        LstmProblem.Reference reference = LstmProblem.Reference.read(dir().resolve("data/lstm/lstm_l2_c1024_expected.txt"));
        double objective = reference.objective();
        double[] gradient = reference.gradient();

        CompiledFunction f = LstmProgram.compile(problem);
        assertNotNull(f.compilation().tapeReport(), "the loop over the characters is kept as a loop");
        double[] x = problem.inputs();
        assertEquals(objective, f.value(x), 5e-9, "the objective, to the reference's 8 digits");
        double[] g = f.gradient(x);
        assertEquals(gradient.length, g.length);
        for (int i = 0; i < g.length; i++) {
            assertEquals(gradient[i], g[i], 1e-8, "gradient entry " + i);
        }
    }

    @Test
    void theHandWrittenAdjointMatchesAdBenchsReference() throws IOException {
        LstmProblem problem = LstmProblem.read(dir().resolve("data/lstm/lstm_l2_c1024.txt"));
        LstmProblem.Reference reference = LstmProblem.Reference.read(dir().resolve("data/lstm/lstm_l2_c1024_expected.txt"));
        double[] x = problem.inputs();
        assertEquals(reference.objective(), LstmManual.objective(problem, x), 5e-9);
        double[] g = LstmManual.gradient(problem, x);
        for (int i = 0; i < g.length; i++) {
            assertEquals(reference.gradient()[i], g[i], 1e-8, "gradient entry " + i);
        }
    }

    @Test
    void fourLayersCompileAsALoopAndMatchTheHandWrittenAdjoint() throws IOException {
        // 113 carries and 490 weights read at every step: the weights are read from x, not copied per step
        LstmProblem problem = LstmProblem.read(dir().resolve("data/lstm/lstm_l4_c1024.txt"));
        assertEquals(List.of(4, 1024, 14), List.of(problem.l(), problem.c(), problem.b()));
        CompiledFunction f = LstmProgram.compile(problem);
        assertNotNull(f.compilation().tapeReport(), "the loop over the characters is kept as a loop");
        double[] x = problem.inputs();
        assertEquals(LstmManual.objective(problem, x), f.value(x), 1e-12);
        double[] expected = LstmManual.gradient(problem, x);
        double[] g = f.gradient(x);
        assertEquals(8 * 4 * 14 + 3 * 14, g.length);
        for (int i = 0; i < g.length; i++) {
            assertEquals(expected[i], g[i], 1e-12, "gradient entry " + i);
        }
    }

    @Test
    void forwardModeAgreesWithTheGradientOnTheFullFile() throws IOException {
        LstmProblem problem = LstmProblem.read(dir().resolve("data/lstm/lstm_l2_c1024.txt"));
        CompiledFunction f = LstmProgram.compile(problem);
        double[] x = problem.inputs();
        double[] g = f.gradient(x);
        java.util.Random r = new java.util.Random(3);
        for (int k = 0; k < 2; k++) {
            double[] v = random(r, x.length);
            double dot = 0;
            for (int i = 0; i < v.length; i++) {
                dot += g[i] * v[i];
            }
            assertEquals(dot, f.jvp(x, v)[0], 1e-14 * Math.max(1, Math.abs(dot)), "<g, v> = jvp(x, v)");
        }
        dev.fluxion.compiler.roll.Rolling forward = f.compilation()
                .forFirstUse(dev.fluxion.runtime.DifferentiableFunction.Capability.JVP).rolling();
        assertNotNull(forward, "the forward-mode class keeps the loop");
        assertNotNull(forward.scans().get(0).split().tangent(), "and calls the step's JVP once per step");
    }

    @Test
    void aShortSequenceAgreesWithCentralDifferences() {
        // two layers of three cells over 20 characters: every gradient entry against central differences
        int l = 2;
        int b = 3;
        int c = 20;
        java.util.Random r = new java.util.Random(7);
        double[] main = random(r, 2 * l * 4 * b);
        double[] extra = random(r, 3 * b);
        double[] state = random(r, 2 * l * b);
        double[] seq = random(r, c * b);
        LstmProblem p = new LstmProblem(l, c, b, main, extra, state, seq);
        CompiledFunction f = LstmProgram.compile(p);
        assertNotNull(f.compilation().tapeReport());
        double[] x = p.inputs();
        double[] g = f.gradient(x);
        double[] fd = FiniteDifferences.gradient(f::value, x);
        for (int i = 0; i < g.length; i++) {
            assertEquals(fd[i], g[i], 1e-7 * Math.max(1, Math.abs(fd[i])), "entry " + i);
        }
    }

    @Test
    void theExampleFileIsTheGeneratorsText() throws IOException {
        assertEquals(LstmProgram.text(2, 14), Files.readString(dir().resolve("adbench/lstm_l2_b14.flx")));
        assertTrue(LstmProgram.text(2, 14).contains("for t in 0..c-2 {"));
    }

    private static double[] random(java.util.Random r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble();
        }
        return a;
    }
}
