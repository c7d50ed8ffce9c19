package dev.fluxion.tests.lang;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.TapeReport;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.tests.support.FiniteDifferences;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code for} loops kept as Java loops (scans): a loop of at least 16 steps whose carried
 * variables start from constants or inputs and whose body reads the inputs at affine positions
 * of the loop variable. Checked against the same program unrolled by hand and against the loop
 * unrolled by the compiler ({@code withLoops(false)}, the form every other loop takes), against
 * central differences, and checkpointed against plain reverse mode bit for bit.
 */
class ScanTest {

    private static final Fluxion FLUXION = Fluxion.create();

    /** A scalar recurrent cell with two carries over a sequence, then a loss on the last state. */
    static final String RNN = """
            fn rnn(w, u, b, v, x[T]) {
              h = 0
              c = 0
              for t in 0..T-1 {
                z = w*h + u*x[t] + b
                c = 0.9*c + v*tanh(z)
                h = tanh(c)
              }
              return (h - 0.5)^2 + 0.1*c
            }
            """;

    private static String rnnByHand(int steps) {
        StringBuilder sb = new StringBuilder("fn rnn(w, u, b, v");
        for (int t = 0; t < steps; t++) {
            sb.append(", x").append(t);
        }
        sb.append(") {\n  h0 = 0\n  c0 = 0\n");
        for (int t = 0; t < steps; t++) {
            sb.append("  z").append(t).append(" = w*h").append(t).append(" + u*x").append(t).append(" + b\n");
            sb.append("  c").append(t + 1).append(" = 0.9*c").append(t).append(" + v*tanh(z").append(t).append(")\n");
            sb.append("  h").append(t + 1).append(" = tanh(c").append(t + 1).append(")\n");
        }
        return sb.append("  return (h").append(steps).append(" - 0.5)^2 + 0.1*c").append(steps).append("\n}\n")
                .toString();
    }

    private static CompiledFunction rnn(int steps, Options o) {
        return FLUXION.compile(RNN, o.withSize("T", steps));
    }

    private static double[] point(int n, long seed) {
        return new Random(seed).doubles(n, -1, 1).toArray();
    }

    @Test
    void theLoopIsAJavaLoopWhoseSizeDoesNotGrowWithTheSteps() {
        CompiledFunction f20 = rnn(20, Options.defaults());
        CompiledFunction f2000 = rnn(2000, Options.defaults());
        assertTrue(f20.javaSource().contains("scanForward1"), "kept as a loop");
        assertNotNull(f20.compilation().tapeReport());
        int small = f20.javaSource().length();
        int large = f2000.javaSource().length();
        assertTrue(Math.abs(large - small) < 200, small + " vs " + large + " characters");
        Options hessian = Options.defaults().withCapability(dev.fluxion.runtime.DifferentiableFunction.Capability.HESSIAN);
        String h20 = FLUXION.compile(RNN, hessian.withSize("T", 20)).javaSource();
        String h2000 = FLUXION.compile(RNN, hessian.withSize("T", 2000)).javaSource();
        assertTrue(h2000.contains("hessianVectorScanBackward1"), "the Hessian loops too");
        assertTrue(Math.abs(h2000.length() - h20.length()) < 300, h20.length() + " vs " + h2000.length() + " characters");
        TapeReport r = f2000.compilation().tapeReport();
        assertEquals(1, r.loops());
        assertEquals(2000, r.steps());
        assertEquals(0, r.recomputedSteps());
        assertEquals(r.plainDoubles(), r.storedDoubles());
        assertTrue(r.storedDoubles() >= 2 * 2000, r.toString());
    }

    @Test
    void theLoopEqualsTheProgramUnrolledByHand() {
        for (int steps : new int[] {16, 40}) {
            CompiledFunction loop = rnn(steps, Options.defaults());
            CompiledFunction byHand = FLUXION.compile(rnnByHand(steps), Options.defaults());
            CompiledFunction unrolled = rnn(steps, Options.defaults().withLoops(false));
            assertNotNull(loop.compilation().tapeReport(), "kept as a loop");
            assertNull(unrolled.compilation().tapeReport(), "written out");
            for (int k = 0; k < 3; k++) {
                double[] x = point(4 + steps, 31L * steps + k);
                // the value runs the same operations in the same order: bit for bit
                assertEquals(byHand.value(x), loop.value(x), 0.0, "value");
                assertEquals(unrolled.value(x), loop.value(x), 0.0, "value");
                // the adjoints of w, u, b, v add the steps' contributions in another order
                double[] want = byHand.gradient(x);
                assertClose(want, loop.gradient(x), 1e-13, "reverse, T = " + steps);
                assertClose(want, loop.gradient(Mode.FORWARD, x), 1e-13, "forward, T = " + steps);
                double[] dir = point(4 + steps, k);
                assertClose(byHand.jvp(x, dir), loop.jvp(x, dir), 1e-13, "JVP");
                assertClose(byHand.jacobian(Mode.FORWARD, x), loop.jacobian(Mode.FORWARD, x), 1e-13, "Jacobian");
                assertClose(byHand.hessian(x), loop.hessian(x), 1e-12, "Hessian");
                assertClose(byHand.hessianVector(x, dir), loop.hessianVector(x, dir), 1e-12, "Hessian-vector");
                assertClose(FiniteDifferences.gradient(loop::value, x), loop.gradient(x), 1e-6, "central differences");
            }
        }
    }

    @Test
    void checkpointedEqualsPlainReverseModeBitForBit() {
        int steps = 50;
        CompiledFunction plain = rnn(steps, Options.defaults());
        for (int k : new int[] {1, 3, 7, 10, 49, 50, 64}) {
            CompiledFunction cp = rnn(steps, Options.defaults().withCheckpoints(k));
            TapeReport r = cp.compilation().tapeReport();
            if (k < steps) {
                // every step once, but the last segment's, recorded by the forward loop
                assertEquals((steps + k - 1) / k * k - k, r.recomputedSteps(), "k = " + k);
                assertTrue(cp.javaSource().contains("recompute the segment"));
            } else {
                assertEquals(0, r.recomputedSteps(), "k = " + k + " >= T stores every step");
            }
            for (int p = 0; p < 3; p++) {
                double[] x = point(4 + steps, 7L * k + p);
                assertArrayEquals(plain.gradient(x), cp.gradient(x), "k = " + k);
                assertEquals(plain.value(x), cp.value(x), 0.0);
            }
        }
        for (int snapshots : new int[] {1, 2, 5, 60}) {
            CompiledFunction cp = rnn(steps, Options.defaults().withBinomialCheckpoints(snapshots));
            assertTrue(cp.javaSource().contains("Revolve.plan(50, " + snapshots + ")"));
            TapeReport r = cp.compilation().tapeReport();
            assertEquals(2L * (snapshots + 1), r.storedDoubles(), r.toString());
            assertTrue(r.recomputedSteps() >= steps, r.toString());
            for (int p = 0; p < 3; p++) {
                double[] x = point(4 + steps, 11L * snapshots + p);
                assertArrayEquals(plain.gradient(x), cp.gradient(x), "binomial, " + snapshots + " snapshots");
            }
        }
        TapeReport binomial = rnn(10_000, Options.defaults().withBinomialCheckpoints(10)).compilation().tapeReport();
        assertEquals(2 * 11, binomial.storedDoubles());
        assertTrue(binomial.recomputedSteps() < 8 * 10_000, binomial.toString());
        TapeReport big = rnn(10_000, Options.defaults().withCheckpoints(100)).compilation().tapeReport();
        TapeReport all = rnn(10_000, Options.defaults()).compilation().tapeReport();
        assertTrue(10 * big.storedDoubles() <= all.storedDoubles(), big + " vs " + all);
        assertEquals(all.storedDoubles(), big.plainDoubles());
    }

    @Test
    void aLoopOverDataWithACarryFromAnInputAndOneNeverUsed() {
        String src = """
                fn fit(a, k, h0; y[T], dt) {
                  h = h0
                  e = 0
                  unused = 1
                  for t in 0..T-1 {
                    h = h + dt*(a - k*h)
                    e = e + (h - y[t])^2
                    unused = unused * 2
                  }
                  return e
                }
                """;
        int steps = 30;
        double[] y = new Random(3).doubles(steps, 0, 2).toArray();
        CompiledFunction loop = FLUXION.compile(src, Options.defaults().withSize("T", steps)).withData(y, new double[] {0.1});
        CompiledFunction unrolled = FLUXION.compile(src, Options.defaults().withSize("T", steps).withLoops(false))
                .withData(y, new double[] {0.1});
        assertNotNull(loop.compilation().tapeReport());
        for (double[] x : new double[][] {{1.0, 0.5, 0.2}, {-0.3, 2.0, 1.5}, {0.7, -0.1, 0.0}}) {
            assertEquals(unrolled.value(x), loop.value(x), 0.0);
            double[] g = loop.gradient(x);
            assertClose(unrolled.gradient(x), g, 1e-13, "reverse");
            assertClose(unrolled.gradient(x), loop.gradient(Mode.FORWARD, x), 1e-13, "forward");
            assertClose(FiniteDifferences.gradient(loop::value, x), g, 1e-6, "central differences");
            assertArrayEquals(g, FLUXION.compile(src, Options.defaults().withSize("T", steps).withCheckpoints(4))
                    .withData(y, new double[] {0.1}).gradient(x), "checkpointed");
        }
    }

    @Test
    void carriesThatSwapConditionalsHelpersAndAnInnerLoopInTheBody() {
        String src = """
                fn sq(a) { return a*a }
                fn f(p, q, x[n]) {
                  a = p
                  b = q
                  for t in 0..n-1 {
                    s = 0
                    for j in 0..2 { s = s + (j + 1)*x[t] }
                    c = if x[t] > 0 then a + 0.1*sq(b) else a - 0.01*s
                    a = b
                    b = 0.5*sin(c) + 0.1*t
                  }
                  return a*b
                }
                """;
        int n = 25;
        CompiledFunction loop = FLUXION.compile(src, Options.defaults().withSize("n", n));
        CompiledFunction unrolled = FLUXION.compile(src, Options.defaults().withSize("n", n).withLoops(false));
        assertNotNull(loop.compilation().tapeReport());
        for (int k = 0; k < 4; k++) {
            double[] x = point(2 + n, 100 + k);
            assertEquals(unrolled.value(x), loop.value(x), 0.0);
            assertClose(unrolled.gradient(x), loop.gradient(x), 1e-13, "reverse");
            assertClose(unrolled.gradient(x), loop.gradient(Mode.FORWARD, x), 1e-13, "forward");
            assertClose(FiniteDifferences.gradient(loop::value, x), loop.gradient(x), 1e-6, "central differences");
        }
    }

    @Test
    void aLoopReadingBackwardsFromAnArrayElementWithSparseDerivativesAndTheTrace() {
        String src = """
                fn f(a, x[n]) {
                  h = x[0]
                  for t in 0..n-2 {
                    h = h*a + sin(x[n - 1 - t]) * x[t + 1]
                  }
                  return h^2
                }
                """;
        int n = 20;
        Options o = Options.defaults().withSize("n", n);
        CompiledFunction loop = FLUXION.compile(src, o);
        CompiledFunction unrolled = FLUXION.compile(src, o.withLoops(false));
        assertNotNull(loop.compilation().tapeReport());
        double[] x = point(1 + n, 9);
        x[0] = 0.9;
        assertEquals(unrolled.value(x), loop.value(x), 0.0);
        assertClose(unrolled.gradient(x), loop.gradient(x), 1e-13, "reverse");
        assertClose(unrolled.gradient(x), loop.gradient(Mode.FORWARD, x), 1e-13, "forward");
        assertClose(unrolled.hessian(x), loop.hessian(x), 1e-12, "Hessian");
        assertClose(unrolled.jacobianSparse(x).toDense(), loop.jacobianSparse(x).toDense(), 1e-13, "sparse Jacobian");
        assertClose(unrolled.hessianSparse(x).toDense(), loop.hessianSparse(x).toDense(), 1e-12, "sparse Hessian");
        assertEquals(unrolled.compilation().primal().graph().operationCount(),
                loop.compilation().primal().graph().operationCount(), "the written-out form shows every step");
        assertTrue(loop.derivative("a").length() > 0);
    }

    @Test
    void aHelperWithALoopCalledTwice() {
        String src = """
                fn run(k, x[m]) {
                  h = k
                  for t in 0..m-1 { h = 0.5*h + sin(k*x[t]) }
                  return h
                }
                fn f(a, b, x[n]) {
                  return run(a, x) * run(b, x)
                }
                """;
        Options o = Options.defaults().withSize("n", 24);
        CompiledFunction loop = FLUXION.compile(src, o);
        CompiledFunction unrolled = FLUXION.compile(src, o.withLoops(false));
        assertEquals(2, loop.compilation().tapeReport().loops());
        double[] x = point(26, 4);
        assertEquals(unrolled.value(x), loop.value(x), 0.0);
        assertClose(unrolled.gradient(x), loop.gradient(x), 1e-13, "reverse");
        assertClose(unrolled.gradient(x), loop.gradient(Mode.FORWARD, x), 1e-13, "forward");
        assertClose(unrolled.hessian(x), loop.hessian(x), 1e-12, "Hessian");
    }

    /** A cell of 10 carries mixed by a 10×10 matrix: a body too large for one loop body. */
    private static String bigCell() {
        StringBuilder sb = new StringBuilder("fn cell(W[10, 10], u[10]; x[T]) {\n");
        for (int k = 0; k < 10; k++) {
            sb.append("  h").append(k).append(" = ").append(k == 0 ? "u[0]" : "0.1").append('\n');
        }
        sb.append("  for t in 0..T-1 {\n");
        for (int k = 0; k < 10; k++) {
            sb.append("    a").append(k).append(" = u[").append(k).append("]*x[t]");
            for (int j = 0; j < 10; j++) {
                sb.append(" + W[").append(k).append(", ").append(j).append("]*h").append(j);
            }
            sb.append('\n');
        }
        for (int k = 0; k < 10; k++) {
            sb.append("    h").append(k).append(" = tanh(a").append(k).append(")\n");
        }
        sb.append("  }\n  return h0^2");
        for (int k = 1; k < 10; k++) {
            sb.append(" + h").append(k).append("^2");
        }
        return sb.append("\n}\n").toString();
    }

    @Test
    void aLoopBodyTooLargeForOneMethodIsSplitIntoStepMethods() {
        int steps = 20;
        String src = bigCell();
        Options o = Options.defaults().withSize("T", steps);
        double[] data = new Random(8).doubles(steps, -1, 1).toArray();
        CompiledFunction loop = FLUXION.compile(src, o).withData(data);
        CompiledFunction unrolled = FLUXION.compile(src, o.withLoops(false)).withData(data);
        assertTrue(loop.javaSource().contains("scanStepAdjoint1"), "split into step methods");
        assertTrue(FLUXION.compile(src, o.withCapability(dev.fluxion.runtime.DifferentiableFunction.Capability.JVP))
                .javaSource().contains("scanTangentStep1"), "the JVP calls a tangent step method");
        TapeReport r = loop.compilation().tapeReport();
        assertEquals(0, r.storedDoubles() % steps, r.toString());
        assertTrue(r.storedDoubles() >= 10L * steps, "the carries and the values each step's adjoint reads: " + r);
        for (int p = 0; p < 2; p++) {
            double[] x = new Random(p).doubles(110, -0.4, 0.4).toArray();
            assertEquals(unrolled.value(x), loop.value(x), 0.0);
            double[] g = loop.gradient(x);
            assertClose(unrolled.gradient(x), g, 1e-13, "reverse");
            assertClose(unrolled.gradient(x), loop.gradient(Mode.FORWARD, x), 1e-13, "forward");
            double[] v = new Random(p + 5).doubles(110, -1, 1).toArray();
            assertClose(unrolled.jvp(x, v), loop.jvp(x, v), 1e-13, "JVP");
            assertClose(unrolled.hessianVector(x, v), loop.hessianVector(x, v), 1e-12, "Hessian-vector (written out)");
            assertClose(FiniteDifferences.gradient(loop::value, x), g, 1e-6, "central differences");
            for (int k : new int[] {1, 3, 7, 25}) {
                CompiledFunction cp = FLUXION.compile(src, o.withCheckpoints(k)).withData(data);
                assertArrayEquals(g, cp.gradient(x), "split, checkpoints every " + k);
            }
        }
        TapeReport cr = FLUXION.compile(src, o.withCheckpoints(5)).compilation().tapeReport();
        assertEquals(10L * 4 + 5 * (r.storedDoubles() / steps), cr.storedDoubles(), cr.toString());
        assertEquals(steps, cr.recomputedSteps());
        // its size does not grow with the steps
        int small = loop.javaSource().length();
        int large = FLUXION.compile(src, Options.defaults().withSize("T", 2000)).javaSource().length();
        assertTrue(Math.abs(large - small) < 300, small + " vs " + large);
    }

    @Test
    void bodiesThatReadNoInputOrLeaveACarryAlone() {
        for (String src : new String[] {
            "fn f(a) {\n h = a\n for t in 0..99 { h = 0.5*h + 0.01*t }\n return h^2 }",
            "fn f(a, b) {\n h = a\n g = b\n for t in 0..39 { h = h\n g = sin(g) + h }\n return g*h }",
            "fn f(a, x[n]) {\n h = 1\n for t in 0..n-1 { h = if x[t] > 0 then h*a else h }\n return h }"}) {
            Options o = Options.defaults().withSize("n", 30)
                    .withCapability(dev.fluxion.runtime.DifferentiableFunction.Capability.HESSIAN);
            CompiledFunction loop = FLUXION.compile(src, o);
            CompiledFunction unrolled = FLUXION.compile(src, o.withLoops(false));
            assertNotNull(loop.compilation().tapeReport(), src);
            double[] x = point(loop.inputCount(), 12);
            x[0] = 0.9;
            assertEquals(unrolled.value(x), loop.value(x), 0.0, src);
            assertClose(unrolled.gradient(x), loop.gradient(x), 1e-13, src);
            assertClose(unrolled.gradient(x), loop.gradient(Mode.FORWARD, x), 1e-13, src);
            assertClose(unrolled.hessian(x), loop.hessian(x), 1e-12, src);
            assertArrayEquals(loop.gradient(x), FLUXION.compile(src, o.withCheckpoints(7)).gradient(x), src);
            assertArrayEquals(loop.gradient(x), FLUXION.compile(src, o.withBinomialCheckpoints(3)).gradient(x), src);
        }
    }

    @Test
    void whatALoopCannotKeepIsUnrolledAsBefore() {
        // 15 steps (under 16); a carry from, and a body reading, a value computed by another loop
        // (a computed value of the inputs alone is kept: ComputedStartTest)
        for (String src : new String[] {
            "fn f(w, x[T]) {\n h = 0\n for t in 0..14 { h = tanh(w*h + x[t]) }\n return h }",
            "fn f(w, x[T]) {\n h = sum(i in 0..T-1: x[i]*w)\n for t in 0..T-1 { h = tanh(w*h + x[t]) }\n return h }",
            "fn f(w, x[T]) {\n a = sum(i in 0..T-1: x[i]^2)\n h = 0\n for t in 0..T-1 { h = tanh(a*h + x[t]) }\n"
                + " return h }"}) {
            CompiledFunction f = FLUXION.compile(src, Options.defaults().withSize("T", 20));
            assertNull(f.compilation().tapeReport(), src);
            double[] x = point(21, 5);
            assertClose(FiniteDifferences.gradient(f::value, x), f.gradient(x), 1e-6, src);
        }
    }

    @Test
    void errorsInALongLoopAreReportedAsForAnyLoop() {
        assertError("fn f(x) { h = x\n for t in 0..99 { h = h > 0 }\n return h }", "keeps its kind", "2:19");
        assertError("fn f(x) { h = x\n for t in 0..99.5 { h = h*2 }\n return h }", "whole number", "2:14");
        assertError("fn f(x) { for t in 0..99 { x = x + 1 }\n return x }", "'x' is a parameter and cannot be assigned",
                "1:28");
        assertError("fn f(x) { h = x\n for t in 0..99 { h = h + q }\n return h }", "undefined variable 'q'", "2:27");
    }

    private static void assertError(String src, String message, String position) {
        CompileException e = assertThrows(CompileException.class, () -> FLUXION.compile(src));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains(position), "position " + position + " in " + e.getMessage());
    }
}
