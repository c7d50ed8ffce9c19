package dev.fluxion.tests.lang;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.FiniteDifferences;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Loops with carried state, {@code for t in lo..hi { ... }}: checked against the same program
 * unrolled by hand (bit for bit in every mode) and against central differences.
 */
class LoopTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    /** A scalar recurrent cell over a sequence, then a loss on the last state. */
    private static final String RNN = """
            fn rnn(w, u, b, x[T]) {
              h = 0
              for t in 0..T-1 {
                z = w*h + u*x[t] + b
                h = tanh(z)
              }
              return (h - 0.5)^2
            }
            """;

    private static String rnnByHand(int steps) {
        StringBuilder sb = new StringBuilder("fn rnn(w, u, b");
        for (int t = 0; t < steps; t++) {
            sb.append(", x").append(t);
        }
        sb.append(") {\n  h0 = 0\n");
        for (int t = 0; t < steps; t++) {
            sb.append("  z").append(t).append(" = w*h").append(t).append(" + u*x").append(t).append(" + b\n");
            sb.append("  h").append(t + 1).append(" = tanh(z").append(t).append(")\n");
        }
        return sb.append("  return (h").append(steps).append(" - 0.5)^2\n}\n").toString();
    }

    @Test
    void theLoopEqualsTheProgramUnrolledByHandBitForBit() {
        for (int steps : new int[] {1, 3, 12}) {
            CompiledFunction loop = FLUXION.compile(RNN, ALL.withSize("T", steps));
            CompiledFunction byHand = FLUXION.compile(rnnByHand(steps), ALL);
            assertEquals(3 + steps, loop.inputCount());
            Random r = new Random(steps);
            for (int k = 0; k < 3; k++) {
                double[] x = r.doubles(3 + steps, -1, 1).toArray();
                assertEquals(byHand.value(x), loop.value(x), 0.0);
                assertArrayEquals(byHand.gradient(x), loop.gradient(x), "reverse");
                assertArrayEquals(byHand.gradient(Mode.FORWARD, x), loop.gradient(Mode.FORWARD, x), "forward");
                assertArrayEquals(byHand.hessian(x), loop.hessian(x), "Hessian");
                double[] fd = FiniteDifferences.gradient(loop::value, x);
                assertClose(fd, loop.gradient(x), 1e-6, "reverse vs central differences, T = " + steps);
            }
        }
    }

    @Test
    void timeSteppingWithNestedLoopsAndConditionals() {
        // Explicit Euler for a damped oscillator with a one-sided spring, two half-steps per step.
        String src = """
                fn oscillator(k, c, x0, v0) {
                  x = x0
                  v = v0
                  for s in 1..40 {
                    for half in 0..1 {
                      force = if x > 0 then -k*x else -0.5*k*x
                      a = force - c*v
                      x = x + 0.0125*v
                      v = v + 0.0125*a
                    }
                  }
                  return (x, v)
                }
                """;
        CompiledFunction f = FLUXION.compile(src, ALL);
        double[] p = {4.0, 0.3, 1.0, 0.0};
        double x = p[2];
        double v = p[3];
        for (int s = 0; s < 80; s++) {
            double force = x > 0 ? -p[0] * x : -0.5 * p[0] * x;
            double a = force - p[1] * v;
            x = x + 0.0125 * v;
            v = v + 0.0125 * a;
        }
        assertArrayEquals(new double[] {x, v}, f.values(p));
        double[][] j = f.jacobian(p);
        double[][] fd = FiniteDifferences.jacobian(f::values, p);
        assertClose(fd, j, 1e-6, "Jacobian vs central differences");
        assertClose(f.jacobian(Mode.FORWARD, p), f.jacobian(Mode.REVERSE, p), 1e-13, "forward vs reverse Jacobian");
        assertEquals(List.of("x", "v"), f.outputs());
    }

    @Test
    void errorsSayWhatWasExpectedWhere() {
        assertError("fn f(x) { for t in 0..2 { x = x + 1 }\n return x }", "'x' is a parameter and cannot be assigned", "1:27");
        assertError("fn f(x) { y = x\n y = 2\n return y }", "already defined at line 1", "2:2");
        assertError("fn f(x) { h = x\n for t in 0..2 { h = h > 0 }\n return h }", "keeps its kind", "2:18");
        assertError("fn f(x) { for t in 0..x { }\n return x }", "the upper bound of 'for' must be a whole number", "1:23");
        assertError("fn f(x) { h = x\n for t in 0..1.5 { h = h*2 }\n return h }", "whole number", "2:14");
        assertError("fn f(x) { for t in 0..2 { t = 1 }\n return x }", "'t' is a loop variable", "1:27");
        assertError("fn f(x) { for t in 0..2 { y = t }\n return y }", "undefined variable 'y'", "2:9");
        assertError("fn f(x) { for x in 0..2 { }\n return x }", "a loop variable needs a new name", "1:15");
    }

    private static void assertError(String src, String message, String position) {
        CompileException e = assertThrows(CompileException.class, () -> FLUXION.compile(src));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains(position), "position " + position + " in " + e.getMessage());
    }
}
