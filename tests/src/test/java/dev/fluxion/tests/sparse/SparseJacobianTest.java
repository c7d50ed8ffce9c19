package dev.fluxion.tests.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.Sparsity;
import dev.fluxion.runtime.sparse.CsrMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@code jacobianSparse} on compiled functions: the pattern read from the IR, the colors each
 * shape needs, the mode chosen, and every entry equal to the dense Jacobian's (to 1e-12,
 * relative to the entry's size) in both modes.
 */
class SparseJacobianTest {

    private static final Fluxion FLUXION = Fluxion.create();

    /** A function of x[n] returning one expression per output. */
    static String program(String name, List<String> outputs) {
        StringJoiner j = new StringJoiner(",\n    ", "fn " + name + "(x[n]) {\n  return (", ")\n}\n");
        outputs.forEach(j::add);
        return j.toString();
    }

    static CompiledFunction compile(String program, int n) {
        return FLUXION.compile(program, Options.defaults().withSize("n", n));
    }

    static double[] point(int m, long seed) {
        Random r = new Random(seed);
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = 0.3 + r.nextDouble() * 1.4 * (r.nextBoolean() ? 1 : -1);
        }
        return x;
    }

    /** Every entry of the sparse result equals the dense Jacobian's, and nothing outside the pattern is non-zero. */
    static void assertMatchesDense(CompiledFunction f, double[] x) {
        double[][] dense = f.jacobian(x);
        for (Mode mode : new Mode[] {Mode.AUTO, Mode.FORWARD, Mode.REVERSE}) {
            CsrMatrix sparse = f.jacobianSparse(mode, x);
            assertEquals(dense.length, sparse.rows());
            assertEquals(f.inputCount(), sparse.cols());
            assertClose(dense, sparse.toDense(), mode.toString());
        }
    }

    static void assertClose(double[][] expected, double[][] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double e = expected[i][j];
                double a = actual[i][j];
                assertTrue(Math.abs(e - a) <= 1e-12 * Math.max(1, Math.abs(e)),
                        what + ": entry (" + i + ", " + j + ") is " + a + ", dense " + e);
            }
        }
    }

    /** Output i reads x[i-h .. i+h]: 2h + 1 entries per row inside. */
    static List<String> banded(int n, int h) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringJoiner terms = new StringJoiner(" + ");
            for (int k = Math.max(0, i - h); k <= Math.min(n - 1, i + h); k++) {
                terms.add("sin(" + (k - i + h + 1) + "*x[" + k + "]) * x[" + i + "]");
            }
            out.add(terms.toString());
        }
        return out;
    }

    @Test
    void aBandedJacobianNeedsAsManyColorsAsItsBandwidth() {
        for (int h : new int[] {1, 2}) {
            int n = 30;
            CompiledFunction f = compile(program("band", banded(n, h)), n);
            Sparsity s = f.sparsity();
            assertEquals(2 * h + 1, s.colors(), s.toString());
            assertEquals(2 * h + 1, s.columnColors(), s.toString());
            int nnz = 0;
            for (int i = 0; i < n; i++) {
                nnz += Math.min(n - 1, i + h) - Math.max(0, i - h) + 1;
            }
            assertEquals(nnz, s.nonZeros());
            assertEquals(Mode.FORWARD, s.mode(), "a tie goes to forward mode");
            assertMatchesDense(f, point(n, h));
        }
    }

    @Test
    void blockDiagonalNeedsTheBlockSize() {
        int n = 24;
        int block = 4;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int s = i / block * block;
            out.add("exp(x[" + s + "] - x[" + (s + 1) + "]) * x[" + (s + 2) + "] / (2 + x[" + (s + 3) + "]^2) + x["
                    + i + "]");
        }
        CompiledFunction f = compile(program("blocks", out), n);
        assertEquals(block, f.sparsity().colors());
        assertEquals(n * block, f.sparsity().nonZeros());
        assertMatchesDense(f, point(n, 7));
    }

    @Test
    void aDenseRowForcesReverseMode() {
        int n = 20;
        List<String> out = new ArrayList<>();
        StringJoiner all = new StringJoiner(" + ");
        for (int i = 0; i < n; i++) {
            all.add("x[" + i + "]^2");
        }
        out.add(all.toString());
        for (int i = 0; i < n; i++) {
            out.add("tanh(x[" + i + "])");
        }
        CompiledFunction f = compile(program("denseRow", out), n);
        Sparsity s = f.sparsity();
        assertEquals(Mode.REVERSE, s.mode(), s.toString());
        assertEquals(n, s.columnColors());
        assertEquals(2, s.rowColors());
        assertEquals(2, s.colors());
        assertMatchesDense(f, point(n, 3));
        // The mode can be forced either way; the options' mode is the default.
        CompiledFunction forward = FLUXION.compile(program("denseRow", out),
                Options.defaults().withSize("n", n).withJacobianMode(Mode.FORWARD));
        assertEquals(Mode.FORWARD, forward.sparsity().mode());
        assertEquals(n, forward.sparsity().colors());
    }

    @Test
    void aDenseColumnForcesForwardMode() {
        int n = 20;
        List<String> out = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            out.add("x[0] * cos(x[" + i + "])");
        }
        CompiledFunction f = compile(program("denseColumn", out), n);
        Sparsity s = f.sparsity();
        assertEquals(Mode.FORWARD, s.mode(), s.toString());
        assertEquals(2, s.colors());
        assertEquals(n - 1, s.rowColors());
        assertMatchesDense(f, point(n, 4));
    }

    /** Both sides of a choice count; an input read only by a condition does not. */
    @Test
    void conditionalsCountBothSidesAndNotTheCondition() {
        int n = 12;
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 2 < n; i++) {
            out.add("if x[" + (i + 1) + "] > 0 then sin(x[" + i + "]) * x[" + i + "] else x[" + (i + 2) + "]^3");
        }
        CompiledFunction f = compile(program("choice", out), n);
        CsrMatrix j = f.jacobianSparse(point(n, 5));
        for (int i = 0; i + 2 < n; i++) {
            assertTrue(j.isStored(i, i) && j.isStored(i, i + 2), "both sides of output " + i);
            assertFalse(j.isStored(i, i + 1), "the condition of output " + i);
        }
        assertEquals(2 * (n - 2), f.sparsity().nonZeros());
        for (long seed = 0; seed < 6; seed++) {
            double[] x = point(n, seed);
            assertMatchesDense(f, x);
        }
    }

    @Test
    void anAllZeroJacobianStoresNothing() {
        CompiledFunction f = FLUXION.compile("fn flat(x, y) { return (floor(x) + 2, if x > y then 1 else 3, sign(y)) }");
        Sparsity s = f.sparsity();
        assertEquals(0, s.nonZeros());
        assertEquals(0, s.colors());
        CsrMatrix j = f.jacobianSparse(0.5, 2.5);
        assertEquals(0, j.nonZeros());
        assertEquals(3, j.rows());
        assertEquals(2, j.cols());
        assertClose(f.jacobian(0.5, 2.5), j.toDense(), "all zero");
    }

    @Test
    void oneOutputIsTheGradientInOneReverseSweep() {
        int n = 25;
        String rosenbrock = "fn rosenbrock(x[n]) { return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2) }";
        CompiledFunction f = compile(rosenbrock, n);
        Sparsity s = f.sparsity();
        assertEquals(Mode.REVERSE, s.mode());
        assertEquals(1, s.colors());
        assertEquals(n, s.nonZeros());
        double[] x = point(n, 9);
        CsrMatrix j = f.jacobianSparse(x);
        assertClose(new double[][] {f.gradient(x)}, j.toDense(), "gradient");
        assertMatchesDense(f, x);
    }

    /**
     * Random sparse patterns built as programs: output i is a nonlinear expression of a random
     * subset of the inputs, and reads others only through floor, sign or a condition (partials
     * the table declares zero). The pattern found is exactly that subset, and the values equal
     * the dense Jacobian's in both modes.
     */
    @Property(tries = 25)
    void randomSparseFunctionsMatchTheDenseJacobian(@ForAll long seed, @ForAll @IntRange(min = 1, max = 14) int n,
                                                    @ForAll @IntRange(min = 1, max = 14) int m) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        boolean[][] uses = new boolean[n][m];
        String[] forms = {"sin(%s)", "%s^2", "exp(%s/3)", "tanh(%s)", "(%s)"};
        // Read only where the table declares the partial zero: no entry.
        String[] flat = {"floor(%s)", "(if %s > 0.5 then 2 else 3)", "sign(%s)"};
        for (int i = 0; i < n; i++) {
            StringBuilder e = new StringBuilder("0.5");
            for (int k = 0; k < m; k++) {
                double u = r.nextDouble();
                if (u < 0.3) {
                    boolean counts = u < 0.22;
                    uses[i][k] |= counts;
                    String form = counts ? forms[r.nextInt(forms.length)] : flat[r.nextInt(flat.length)];
                    String op = r.nextBoolean() ? " + " : " * ";
                    e.insert(0, "(").append(op).append(String.format(form, "x[" + k + "]")).append(")");
                }
            }
            out.add(e.toString());
        }
        CompiledFunction f = compile(program("random", out), m);
        CsrMatrix j = f.jacobianSparse(point(m, seed));
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                assertEquals(uses[i][k], j.isStored(i, k), "entry (" + i + ", " + k + ") of\n" + program("random", out));
            }
        }
        Sparsity s = f.sparsity();
        assertEquals(Math.min(s.columnColors(), s.rowColors()), s.colors());
        for (long at = 0; at < 3; at++) {
            assertMatchesDense(f, point(m, seed + at));
        }
    }

    /** Threads calling at once share one plan (computed once) and all get the same matrices. */
    @Test
    void threadsShareOnePlan() throws Exception {
        int n = 40;
        CompiledFunction f = compile(program("band", banded(n, 2)), n);
        double[] x = point(n, 11);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<List<CsrMatrix>>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                results.add(pool.submit(() -> {
                    List<CsrMatrix> got = new ArrayList<>();
                    for (int k = 0; k < 10; k++) {
                        got.add(f.jacobianSparse(x));
                        got.add(f.jacobianSparse(Mode.REVERSE, x));
                    }
                    return got;
                }));
            }
            CsrMatrix forward = f.jacobianSparse(Mode.FORWARD, x);
            CsrMatrix reverse = f.jacobianSparse(Mode.REVERSE, x);
            for (var r : results) {
                List<CsrMatrix> got = r.get();
                for (int k = 0; k < got.size(); k += 2) {
                    assertEquals(forward, got.get(k));
                    assertEquals(reverse, got.get(k + 1));
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theReportReadsAsALine() {
        int n = 30;
        CompiledFunction f = compile(program("band", banded(n, 1)), n);
        assertEquals("30 × 30 Jacobian, 88 non-zeros (9.78%): forward mode, 3 colors (columns 3, rows 3)",
                f.sparsity().toString());
        assertEquals(f.sparsity(), f.sparsity(), "computed once, the same report");
    }
}
