package dev.fluxion.tests.lang;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.FiniteDifferences;
import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code for} loops whose carried variables start from values the function computed
 * ({@code h = tanh(x[0])}) or whose body reads a value computed before the loop
 * ({@code a = w*w}) are kept as loops: the body computes the value again from the inputs (once,
 * before the loop) and takes a computed start at the first step. Each is checked against the
 * same program unrolled ({@code withLoops(false)}) in every mode: the value bit for bit, both
 * gradients, the JVP, the Hessian-vector product and the Hessian to rounding, checkpointed and
 * binomial-checkpointed gradients bit for bit against the plain one, and central differences.
 */
class ComputedStartTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    /** Compiles {@code src} kept and unrolled and compares every mode; returns the kept function. */
    private static CompiledFunction agree(String src, Options o, double[] x, double[] data, boolean hessian) {
        CompiledFunction loop = FLUXION.compile(src, o);
        CompiledFunction unrolled = FLUXION.compile(src, o.withLoops(false));
        if (data != null) {
            loop = loop.withData(data);
            unrolled = unrolled.withData(data);
        }
        assertNotNull(loop.compilation().tapeReport(), "kept as a loop:\n" + src);
        double want = unrolled.value(x);
        assertEquals(want, loop.value(x), 0.0, "value bit for bit\n" + src);
        double[] g = unrolled.gradient(x);
        assertClose(g, loop.gradient(x), 1e-9, "reverse\n" + src);
        assertClose(g, loop.gradient(Mode.FORWARD, x), 1e-9, "forward\n" + src);
        double[] v = new Random(x.length).doubles(x.length, -1, 1).toArray();
        assertClose(unrolled.jvp(x, v), loop.jvp(x, v), 1e-9, "JVP\n" + src);
        if (hessian) {
            assertClose(unrolled.hessianVector(x, v), loop.hessianVector(x, v), 1e-8, "H·v\n" + src);
        }
        double[] plain = loop.gradient(x);
        for (Options cp : new Options[] {o.withCheckpoints(3), o.withCheckpoints(7), o.withBinomialCheckpoints(2)}) {
            CompiledFunction c = FLUXION.compile(src, cp);
            if (data != null) {
                c = c.withData(data);
            }
            assertArrayEquals(plain, c.gradient(x), "checkpoints " + cp.checkpoints() + ", binomial " + cp.snapshots()
                    + "\n" + src);
        }
        return loop;
    }

    @Test
    void aCarryStartingFromAComputedValue() {
        String src = """
                fn f(w, x[n]) {
                  h = tanh(x[0])
                  for t in 1..n-1 {
                    h = tanh(w*h + x[t])
                  }
                  return h^2 + w*h
                }""";
        Options o = ALL.withSize("n", 40);
        double[] x = new Random(1).doubles(41, -1, 1).toArray();
        CompiledFunction f = agree(src, o, x, null, true);
        String java = f.javaSource();
        assertTrue(java.contains("for (int i = 0; i < 39; i++)"), "a Java loop of 39 steps");
        assertClose(FiniteDifferences.gradient(f::value, x), f.gradient(x), 1e-7, "central differences");
        assertClose(FLUXION.compile(src, o.withLoops(false)).hessian(x), f.hessian(x), 1e-9, "Hessian");
    }

    @Test
    void aBodyReadingValuesComputedBeforeTheLoop() {
        String src = """
                fn f(w, u, x[n]; d[n]) {
                  a = w*w + 1
                  c = sin(u) * d[0]
                  h = 0
                  m = u
                  for t in 0..n-1 {
                    h = tanh(a*h + c*x[t] + d[t])
                    m = 0.5*m + a*sigmoid(h)
                  }
                  return h + m^2 + a
                }""";
        Options o = ALL.withSize("n", 24);
        double[] x = new Random(2).doubles(26, -1, 1).toArray();
        double[] d = new Random(3).doubles(24, -1, 1).toArray();
        CompiledFunction f = agree(src, o, x, d, true);
        assertClose(FiniteDifferences.gradient(f::value, x), f.gradient(x), 1e-7, "central differences");
    }

    @Test
    void aSumReadingAValueComputedBeforeItIsKeptToo() {
        String src = "fn f(w, x[n]) {\n  a = exp(w) - 1\n  return sum(i in 0..n-1: (x[i] - a)^2 * w)\n}";
        Options o = ALL.withSize("n", 20);
        CompiledFunction loop = FLUXION.compile(src, o);
        CompiledFunction unrolled = FLUXION.compile(src, o.withLoops(false));
        assertTrue(loop.javaSource().contains("s0 = sum(i in 0..19: "), "kept as a loop sum\n" + loop.javaSource());
        double[] x = new Random(6).doubles(21, -1, 1).toArray();
        assertEquals(unrolled.value(x), loop.value(x), 1e-13);
        assertClose(unrolled.gradient(x), loop.gradient(x), 1e-12, "reverse");
        assertClose(unrolled.gradient(Mode.FORWARD, x), loop.gradient(Mode.FORWARD, x), 1e-12, "forward");
        assertClose(unrolled.hessian(x), loop.hessian(x), 1e-11, "Hessian");
    }

    @Test
    void aStartReadFromAnotherLoopIsStillUnrolledAndCorrect() {
        // m is a loop sum: the scan would need it before it runs, so the loop is written out
        String src = """
                fn f(x[n]) {
                  m = sum(i in 0..n-1: x[i]^2)
                  h = m
                  for t in 0..n-1 {
                    h = tanh(0.5*h + x[t])
                  }
                  return h
                }""";
        Options o = ALL.withSize("n", 20);
        CompiledFunction f = FLUXION.compile(src, o);
        assertNull(f.compilation().tapeReport(), "written out");
        double[] x = new Random(4).doubles(20, -1, 1).toArray();
        assertEquals(FLUXION.compile(src, o.withLoops(false)).value(x), f.value(x), 1e-15);
        assertClose(FiniteDifferences.gradient(f::value, x), f.gradient(x), 1e-7, "central differences");
    }

    @Test
    void randomLoopsWithComputedStartsAgreeWithTheLoopsUnrolled() {
        Random r = new Random(20261208);
        for (int p = 0; p < 16; p++) {
            int n = 17 + r.nextInt(12);
            String src = program(r);
            double[] x = new Random(p + 100).doubles(3 + n, -0.9, 0.9).toArray();
            double[] d = new Random(p).doubles(n, -1, 1).toArray();
            try {
                agree(src, Options.defaults().withSize("n", n), x, d, p % 3 == 0);
            } catch (RuntimeException e) {
                throw new AssertionError(src, e);
            }
        }
    }

    private static final String[] STARTS = {"tanh(a*b)", "x[0]*x[1] + e", "sin(d[0])*a", "a - b", "q", "exp(-x[2]^2)"};

    /** {@code fn f(a, b, e, x[n]; d[n])}: computed values before the loop, two carries starting from them. */
    private static String program(Random r) {
        StringBuilder sb = new StringBuilder("fn f(a, b, e, x[n]; d[n]) {\n  q = a*b + sin(e)\n");
        sb.append("  h = ").append(STARTS[r.nextInt(STARTS.length)]).append('\n');
        sb.append("  c = ").append(STARTS[r.nextInt(STARTS.length)]).append('\n');
        sb.append("  for t in 0..n-1 {\n");
        String[] reads = {"q", "h", "c", "x[t]", "d[t]", "a", "0.3"};
        String u = reads[r.nextInt(reads.length)];
        String v = reads[r.nextInt(reads.length)];
        sb.append("    h = tanh(").append(u).append("*h + ").append(v).append(" - c*x[t])\n");
        sb.append("    c = ").append(r.nextBoolean() ? "sin(c + q*h)" : "if h > 0 then 0.5*c + h else sigmoid(c*q)")
                .append('\n');
        sb.append("  }\n  return h^2 + c*q\n}\n");
        return sb.toString();
    }
}
