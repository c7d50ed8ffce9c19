package dev.fluxion.tests.lang;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.FiniteDifferences;
import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Sums kept as loops ({@code ir.LoopSum}): a reduction of 16 or more terms whose term reads the
 * inputs at affine positions of its index is lowered once, not once per term, and the generated
 * code loops. Each program is checked in every mode against the same program with its sums
 * written out ({@code Options.withLoops(false)}: straight-line code) and against central
 * differences; the generated source does not grow with the trip count.
 */
class LoopSumTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    /** Programs whose sums stay loops, each over arrays of size n (compiled at n = 20). */
    private static final String[] KEPT = {
        // two arrays, a scalar parameter, the index as a value, a reversed index
        "fn f(x[n], w[n], a) { return sum(i in 0..n-1: w[i] * sin(a * x[n - 1 - i]) + i * x[i] / n) }",
        // a matrix row and column at affine positions, a constant column
        "fn f(A[3, n], x[n]) { return sum(j in 0..n-1: A[1, j] * x[j] + A[2, 0] * exp(-x[j]^2)) }",
        // a choice per term on the input and on the index
        "fn f(x[n], t) { return sum(i in 0..n-1: if x[i] > t then x[i]^2 else if i == 3 then t * x[i] else sin(x[i])) }",
        // a sum inside a non-linear function, used twice (its seed reads it)
        "fn f(x[n]) { s = sum(i in 0..n-2: (x[i + 1] - x[i])^2) \n return log(1 + s) + s * s }",
        // a short inner sum written out inside the kept outer one
        "fn f(x[n], c[3]) { return sum(i in 0..n-3: sum(k in 0..2: c[k] * x[i + k])^2) }",
        // a helper function in the term
        "fn sq(u) { return u * u } \n fn f(x[n]) { return sum(i in 0..n-1: sq(tanh(x[i]))) + x[0] }",
        // two loop sums of different counts, every other element
        "fn f(x[n]) { return sum(i in 0..n/2-1: x[2*i] * x[2*i + 1]) - sum(i in 1..n-1: cos(x[i]) * x[i - 1]) }",
    };

    /** Programs whose sums read a value computed before them: written out, still right. */
    private static final String[] WRITTEN_OUT = {
        // the mean is a loop sum, the sum of squares around it is written out
        "fn f(x[n]) { m = sum(i in 0..n-1: x[i]) / n \n return sum(i in 0..n-1: (x[i] - m)^2) }",
        "fn f(x[n]) { return prod(i in 0..n-1: 1 + 0.1 * sin(x[i])) + max(i in 0..n-1: x[i]) }",
    };

    private static double[] point(int m, long seed) {
        Random r = new Random(seed);
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = -1.2 + 2.4 * r.nextDouble();
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void aKeptSumAgreesWithTheWrittenOutProgramInEveryMode(int k) {
        check(KEPT[k], true);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aSumReadingAComputedValueIsWrittenOutAndRight(int k) {
        check(WRITTEN_OUT[k], null);
    }

    /** Checks {@code src} in every mode; {@code kept}: whether its first sum must be a loop sum (null: either). */
    private static void check(String src, Boolean kept) {
        Options o = ALL.withSize("n", 20);
        CompiledFunction f = FLUXION.compile(src, o);
        CompiledFunction straight = FLUXION.compile(src, o.withLoops(false));
        if (kept != null) {
            assertEquals(kept, f.compilation().javaSource().contains("s0 = sum("),
                    "kept as a loop sum: " + src + "\n" + f.compilation().javaSource().lines().limit(12).toList());
        }
        assertNull(straight.compilation().rolling(), "loops off");
        for (long seed = 1; seed <= 3; seed++) {
            double[] x = point(f.inputCount(), seed);
            assertClose(straight.value(x), f.value(x), 1e-13, "value of " + src);
            double[] g = f.gradient(x);
            assertClose(straight.gradient(x), g, 1e-12, "reverse gradient of " + src);
            assertClose(g, f.gradient(Mode.FORWARD, x), 1e-12, "forward gradient of " + src);
            assertClose(FiniteDifferences.gradient(f::value, x), g, 1e-6, "central differences, " + src);
            double[] v = point(f.inputCount(), seed + 10);
            double[] jv = f.jvp(x, v);
            double dot = 0;
            for (int i = 0; i < g.length; i++) {
                dot += g[i] * v[i];
            }
            assertClose(dot, jv[0], 1e-12, "JVP of " + src);
            assertClose(straight.hessian(x), f.hessian(x), 1e-11, "Hessian of " + src);
        }
    }

    @Test
    void theGeneratedCodeDoesNotGrowWithTheTripCount() {
        String src = "fn rosenbrock(x[n]) { return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2) }";
        // Value, gradient and JVP (the dense Hessian of a million inputs cannot exist: its method throws).
        Options o = Options.defaults().withCapability(Capability.JVP);
        String small = Compilation.of(src, o.withSize("n", 10_000)).javaSource();
        String large = Compilation.of(src, o.withSize("n", 1_000_000)).javaSource();
        // Only the numbers differ (9,999 iterations against 999,999; the names' declaration x[10000]).
        assertEquals(small.replaceAll("\\d+", "N"), large.replaceAll("\\d+", "N"));
        assertTrue(large.length() < 40_000, "source of " + large.length() + " characters");
    }

    @Test
    void aMillionInputsCompileAndDifferentiate() {
        String src = "fn rosenbrock(x[n]) { return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2) }";
        int n = 1_000_000;
        CompiledFunction f = FLUXION.compile(src, Options.defaults().withSize("n", n));
        assertEquals(n, f.inputCount());
        assertEquals("x[999999]", f.inputs().get(n - 1));
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0);
        x[7] = 1.5;
        double[] g = f.gradient(x);
        // By hand: f = (1 - x7)^2 + 100 (x7 - x6^2)^2 + 100 (x8 - x7^2)^2 at x7 = 1.5, the rest 1.
        assertClose(0.25 + 100 * 0.25 + 100 * 1.5625, f.value(x), 1e-15, "value");
        assertClose(-2 * (1 - 1.5) + 200 * (1.5 - 1) - 400 * 1.5 * (1 - 2.25), g[7], 1e-15, "df/dx7");
        assertClose(-400 * (1.5 - 1), g[6], 1e-15, "df/dx6");
        assertClose(200 * (1 - 2.25), g[8], 1e-15, "df/dx8");
        assertEquals(0.0, g[500_000], 0.0, "df/dx at the optimum");
    }

    /**
     * FINDINGS (sparse, 19:36): the Hessian class of Rosenbrock at n = 200,000 wrote n^2 as an int
     * literal and did not compile. Hessian-vector products work at any n; the dense Hessian, which
     * no Java array can hold, is a clear error.
     */
    @Test
    void hessianVectorProductsWorkWhereTheDenseHessianCannotExist() {
        String src = "fn rosenbrock(x[n]) { return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2) }";
        int n = 200_000;
        CompiledFunction f = FLUXION.compile(src, Options.defaults().withSize("n", n));
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0);
        double[] v = new double[n];
        v[5] = 1.0;
        double[] hv = f.hessianVector(x, v);
        // At the optimum: d2f/dx5^2 = 2 + 1200 x5^2 - 400 x6 + 200 = 1002, d2f/dx5dx6 = -400 x5 = -400.
        assertClose(1002, hv[5], 1e-15, "H[5][5]");
        assertClose(-400, hv[6], 1e-15, "H[6][5]");
        assertClose(-400, hv[4], 1e-15, "H[4][5]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.hessian(x));
        assertTrue(e.getMessage().contains("more than a Java array holds"), e.getMessage());
    }

    /**
     * Fuzz finding (seed 18, case 289): a loop sum that is NaN (ln of negative data) times x, with
     * an unused input z. The loop sums enter the rest of the function as inputs, once taken to be
     * finite, so a zero tangent times the NaN sum was a plain product: H[z][x] = NaN where z is
     * unused (exactly 0 in every mode). Loop sums, data and seeds are now unbounded inputs
     * ({@code GraphBuilder.unbounded}): the derivative product whose zero annihilates applies.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "fn f(x, z; v[17]) { return prod(i in 0..15: sum(j in 0..15: ln(v[i]))) * x }",
        "fn f(x, z, y) { return sum(i in 0..15: ln(y) * sin(i)) * x }",
        "fn f(x, z, v[17]) { return sum(i in 0..16: ln(v[i])) * x }",
    })
    void anUnusedInputHasAZeroHessianRowWhereALoopSumIsNaN(String src) {
        CompiledFunction compiled = FLUXION.compile(src, ALL);
        CompiledFunction f = compiled.dataNames().isEmpty() ? compiled : compiled.withData(new double[] {
            -1.5, 0.5, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
        double[] x = new double[f.inputCount()];
        java.util.Arrays.fill(x, -0.7);
        x[0] = 0.51;
        assertTrue(Double.isNaN(f.value(x)), "the value is NaN");
        double[][] h = f.hessian(x);
        for (int k = 0; k < x.length; k++) {
            assertEquals(0.0, h[1][k], 0.0, "H[z][" + k + "]");
            assertEquals(0.0, h[k][1], 0.0, "H[" + k + "][z]");
        }
        assertEquals(0.0, f.gradient(x)[1], 0.0, "df/dz");
        assertEquals(0.0, f.gradient(Mode.FORWARD, x)[1], 0.0, "df/dz forward");
    }

    @Test
    void anIndexOutsideTheArrayIsStillAnErrorWithItsPosition() {
        CompileException e = assertThrows(CompileException.class, () -> FLUXION.compile(
                "fn f(x[n]) {\n  return sum(i in 0..n-1: x[i + 1] * x[i])\n}", Options.defaults().withSize("n", 20)));
        assertTrue(e.getMessage().contains("2:"), e.getMessage());
        assertTrue(e.getMessage().contains("outside axis 0 of 'x'"), e.getMessage());
    }

    @Test
    void theTraceAndTheDumpsSeeTheSumWrittenOut() {
        Compilation c = Compilation.of("fn f(x[n]) { return sum(i in 0..n-1: x[i]^2) }", ALL.withSize("n", 20));
        assertNotNull(c.rolling());
        assertEquals(20, c.primal().inputCount());
        assertEquals(1, c.primal().graph().inputs().size(), "the written-out primal has one input port");
        assertEquals("2*x[3]", c.derivative(0, 3).replace(" ", ""));
    }
}
