package dev.fluxion.tests.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Review of the scans (for loops kept as Java loops): each program against itself with loops off
 * (written out), in every mode (value, both gradients, the checkpointed gradient bit for bit, JVP,
 * Hessian-vector product, Hessian), on bodies that stress the scan: carries that swap, choices on a carry, inner sums, data, t in the
 * arithmetic, a carry the output does not read, NaN on the side not chosen.
 */
class ScanReviewTest {

    static final String[] PROGRAMS = {
        // sequential assignment within one iteration: b reads the new a
        "fn f(w, x[n]) {\n a = 1\n b = w\n for t in 0..n-1 {\n  a = b*x[t] + 0.5*a\n  b = sin(a) + w*b\n }\n return a + b*b\n}",
        // a choice on a carry
        "fn f(w, x[n]) {\n h = w\n for t in 0..n-1 {\n  h = if h > 0 then 0.8*h*x[t] else h + x[t]*x[t]\n }\n return h\n}",
        // an inner sum with constant bounds and t in the arithmetic
        "fn f(w, x[n]) {\n h = 0\n for t in 1..n-2 {\n  h = 0.5*h + t*w*sum(j in 0..2: x[t+j-1]*x[t+j-1])/n\n }\n return h^2\n}",
        // the initial carry is an array element, the loop runs backwards over x
        "fn f(x[n]) {\n h = x[0]\n for t in 0..n-1 {\n  h = tanh(h + x[n-1-t])\n }\n return h\n}",
        // a carry the result does not read, and one not updated every step uses max
        "fn f(w, u, x[n]) {\n h = 0\n g = u\n for t in 0..n-1 {\n  g = g*1.01 + x[t]\n  h = max(h, w*x[t])\n }\n return h + w\n}",
        // NaN on the side not chosen: ln of a negative x feeds h, but z > 0 chooses z*z
        "fn f(z, x[n]) {\n h = 0\n for t in 0..n-1 {\n  h = h + ln(x[t])\n }\n return if z > 0 then z*z else h\n}",
        // two loops in a row, the second starting from an input again, and a sum after
        "fn f(w, x[n]) {\n h = w\n for t in 0..n-1 {\n  h = h*0.9 + x[t]\n }\n k = 1\n for t in 0..n-1 {\n  k = k*0.5 + h*x[t]\n }\n return k + sum(i in 0..n-1: x[i]^2)\n}",
        // a helper function in the body, and a carry used as an index-free scalar in both
        "fn cell(h, x, w) { return tanh(w*h + x) }\nfn f(w, x[n]) {\n h = 0.1\n for t in 0..n-1 {\n  h = cell(h, x[t], w)\n }\n return h\n}",
        // prod, max and min of 16 or more terms are scans of one carry, the running result
        "fn f(w, x[n]) { return prod(i in 0..n-1: 1 + w*x[i]/n) + w }",
        "fn f(w, x[n]) { return max(i in 0..n-1: sin(w*x[i] + i)) * w }",
        "fn f(w, x[n]) { return min(i in 1..n-1: (x[i] - x[i-1])^2 + w*x[i]) + max(i in 0..n-2: min(x[i], x[i+1])) }",
        // a product with a zero term (x[i] - x[i] is 0 only through the loop's arithmetic)
        "fn f(w, x[n]) { return prod(i in 0..n-1: if i == 7 then w - w else x[i]) + w*prod(i in 0..n-1: x[i]^0.5) }",
    };

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
    void scanEqualsWrittenOut(int which) {
        String text = PROGRAMS[which];
        for (int n : new int[] {20}) {
            Options base = Options.defaults().withSize("n", n);
            CompiledFunction scan = Fluxion.create().compile(text, base);
            CompiledFunction flat = Fluxion.create().compile(text, base.withLoops(false));
            CompiledFunction ck = Fluxion.create().compile(text, base.withCheckpoints(5));
            assertNotNull(scan.compilation().tapeReport(), "the loop is kept as a scan");
            assertTrue(ck.compilation().tapeReport().storedDoubles() < scan.compilation().tapeReport().storedDoubles(),
                    ck.compilation().tapeReport().toString());
            Random r = new Random(which * 31 + n);
            for (int trial = 0; trial < 3; trial++) {
                double[] x = new double[scan.inputCount()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = which == 5 && i > 0 ? (trial == 0 ? -0.5 : 0.5 + r.nextDouble()) : 0.3 + r.nextDouble() * (trial == 2 ? -1 : 1);
                }
                String at = "program " + which + " n=" + n + " trial " + trial;
                close(flat.value(x), scan.value(x), at + " value");
                double[] gr = scan.gradient(Mode.REVERSE, x);
                double[] gf = scan.gradient(Mode.FORWARD, x);
                double[] want = flat.gradient(Mode.REVERSE, x);
                double[] gck = ck.gradient(Mode.REVERSE, x);
                for (int i = 0; i < x.length; i++) {
                    close(want[i], gr[i], at + " reverse d/d" + scan.inputs().get(i));
                    close(want[i], gf[i], at + " forward d/d" + scan.inputs().get(i));
                    assertEquals(Double.doubleToLongBits(gr[i]), Double.doubleToLongBits(gck[i]), at + " checkpointed bit for bit");
                }
                double[] v = new double[x.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.nextDouble() - 0.5;
                }
                close(dot(want, v), scan.jvp(x, v)[0], at + " jvp");
                double[] hv = scan.hessianVector(x, v);
                double[] hvWant = flat.hessianVector(x, v);
                for (int i = 0; i < x.length; i++) {
                    close(hvWant[i], hv[i], at + " hvp " + i);
                }
                double[][] h = scan.hessian(x);
                double[][] hw = flat.hessian(x);
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < x.length; j++) {
                        close(hw[i][j], h[i][j], at + " hessian " + i + "," + j);
                    }
                }
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void close(double want, double got, String what) {
        if (Double.isNaN(want) || Double.isNaN(got)) {
            assertEquals(Double.isNaN(want), Double.isNaN(got), what + ": " + want + " vs " + got);
            return;
        }
        assertEquals(want, got, 1e-9 * Math.max(1, Math.abs(want)), what);
    }
}
