package dev.fluxion.tests.lang;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.jit.JavaCompiler;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.IndexOutOfRange;
import dev.fluxion.tests.support.FiniteDifferences;
import dev.fluxion.tests.support.Golden;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gathers by integer data ({@code x[idx[k]]}, {@code c[obs[k, 0], j]}): the element read is chosen
 * by a data array at run time. Each program is checked against the same program with the indices
 * written by hand as constants (the oracle: plain indexing), in every mode, and against central
 * differences; repeated indices accumulate (the adjoint of a gather is a scatter-add); a bad index
 * raises {@link IndexOutOfRange} naming the program's line and column.
 */
class GatherTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    /** A sum whose term reads x at idx[k] and at idx[k] + 1, weighted by data. */
    static final String CHAIN = """
            fn chain(x[n]; idx[m], w[m]) {
              return sum(k in 0..m-1: w[k] * (x[idx[k]] - x[idx[k] + 1])^2 * exp(0.1 * x[idx[k]])) + x[0]^2
            }
            """;

    /** The same sum written by hand with the indices as numbers. */
    private static String chainByHand(int n, double[] idx, double[] w) {
        StringJoiner terms = new StringJoiner(" + ");
        for (int k = 0; k < idx.length; k++) {
            int i = (int) idx[k];
            terms.add(w[k] + " * (x[" + i + "] - x[" + (i + 1) + "])^2 * exp(0.1 * x[" + i + "])");
        }
        return "fn chain(x[" + n + "]) {\n  return " + terms + " + x[0]^2\n}\n";
    }

    private static double[] indices(int m, int n, long seed, boolean repeated) {
        Random r = new Random(seed);
        double[] idx = new double[m];
        for (int k = 0; k < m; k++) {
            idx[k] = repeated ? r.nextInt(3) : r.nextInt(n - 1);
        }
        idx[m - 1] = n - 2;   // x[idx[k] + 1] reads the last element
        return idx;
    }

    private static double[] point(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    /** Everything f computes against g, the same function with constant indices. */
    private static void sameAsByHand(CompiledFunction f, CompiledFunction g, double[] x, String what) {
        int n = x.length;
        assertClose(g.value(x), f.value(x), 1e-12, what + ": value");
        double[] grad = g.gradient(x);
        assertClose(grad, f.gradient(x), 1e-12, what + ": reverse gradient");
        assertClose(grad, f.gradient(Mode.FORWARD, x), 1e-12, what + ": forward gradient");
        double[] v = point(n, 99);
        assertClose(g.jvp(x, v), f.jvp(x, v), 1e-12, what + ": JVP");
        assertClose(g.jacobian(x), f.jacobian(x), 1e-12, what + ": Jacobian");
        assertClose(g.jacobian(Mode.FORWARD, x), f.jacobian(Mode.FORWARD, x), 1e-12, what + ": forward Jacobian");
        assertClose(g.hessian(x), f.hessian(x), 1e-11, what + ": Hessian");
        assertClose(g.hessianVector(x, v), f.hessianVector(x, v), 1e-11, what + ": Hessian-vector product");
        assertClose(FiniteDifferences.gradient(f::value, x), f.gradient(x), 1e-6, what + ": central differences");
        assertClose(FiniteDifferences.jacobian(f::gradient, x), f.hessian(x), 1e-5, what + ": Hessian vs differences");
    }

    /** m = 5 (a short sum, kept as a loop because it gathers), 20 and 300; distinct and repeated indices. */
    @ParameterizedTest
    @ValueSource(ints = {5, 20, 300})
    void aGatherInASumIsTheSumWithItsIndicesWrittenByHand(int m) {
        int n = 12;
        for (boolean repeated : new boolean[] {false, true}) {
            double[] idx = indices(m, n, m, repeated);
            double[] w = point(m, 7);
            CompiledFunction f = FLUXION.compile(CHAIN, ALL.withSize("n", n).withSize("m", m)).withData(idx, w);
            assertNotNull(f.compilation().rolling(), "the sum is a loop");
            CompiledFunction g = FLUXION.compile(chainByHand(n, idx, w), ALL);
            sameAsByHand(f, g, point(n, m), "m = " + m + (repeated ? ", repeated indices" : ""));
        }
    }

    @Test
    void repeatedIndicesAccumulateTheirAdjoints() {
        String text = "fn f(x[4]; idx[m]) {\n  return sum(k in 0..m-1: x[idx[k]])\n}\n";
        CompiledFunction f = FLUXION.compile(text, ALL.withSize("m", 20)).withData(new double[] {
            3, 3, 3, 0, 1, 1, 3, 3, 3, 3, 0, 0, 0, 1, 3, 3, 3, 3, 3, 3});
        assertArrayEquals(new double[] {4, 3, 0, 13}, f.gradient(1, 2, 3, 4), "the gradient counts each index");
        assertArrayEquals(new double[] {4, 3, 0, 13}, f.gradient(Mode.FORWARD, 1, 2, 3, 4));
        assertEquals(4 + 6 + 13 * 4, f.value(1, 2, 3, 4));
    }

    /** A two-axis gather as bundle adjustment has it: a camera's row by obs[k, 0], a point's by obs[k, 1]. */
    static final String TWO_AXES = """
            fn project(c[nc, 3], p[np, 2]; obs[m, 2], u[m]) {
              return sum(k in 0..m-1: (c[obs[k, 0], 0] * p[obs[k, 1], 0] + c[obs[k, 0], 1] * sin(p[obs[k, 1], 1]) + c[obs[k, 0], 2] - u[k])^2)
            }
            """;

    @ParameterizedTest
    @ValueSource(ints = {3, 40})
    void aGatherOfRowsIsTheSumWithItsRowsWrittenByHand(int m) {
        int nc = 3;
        int np = 4;
        Random r = new Random(m);
        double[] obs = new double[2 * m];
        double[] u = new double[m];
        StringJoiner terms = new StringJoiner(" + ");
        for (int k = 0; k < m; k++) {
            obs[2 * k] = r.nextInt(nc);
            obs[2 * k + 1] = k == m - 1 ? np - 1 : r.nextInt(np);
            u[k] = r.nextGaussian();
            int ci = (int) obs[2 * k];
            int pi = (int) obs[2 * k + 1];
            terms.add("(c[" + ci + ", 0] * p[" + pi + ", 0] + c[" + ci + ", 1] * sin(p[" + pi + ", 1]) + c[" + ci + ", 2] - ("
                    + u[k] + "))^2");
        }
        CompiledFunction f = FLUXION.compile(TWO_AXES, ALL.withSize("nc", nc).withSize("np", np).withSize("m", m))
                .withData(obs, u);
        CompiledFunction g = FLUXION.compile("fn project(c[3, 3], p[4, 2]) {\n  return " + terms + "\n}\n", ALL);
        sameAsByHand(f, g, point(nc * 3 + np * 2, 5), "m = " + m);
    }

    /** Outside sums: a statement reads x at a position given by data; both reads of x[idx[0]] are one. */
    @Test
    void aGatherOutsideSumsIsTheSameReadByHand() {
        String text = """
                fn f(x[5]; idx[3]) {
                  a = x[idx[0]] * x[idx[1] + 1]
                  return sin(a) + x[idx[0]]^3 + prod(k in 1..2: x[idx[k]] + 2)
                }
                """;
        double[] idx = {4, 2, 0};
        CompiledFunction f = FLUXION.compile(text, ALL).withData(idx);
        CompiledFunction g = FLUXION.compile("""
                fn f(x[5]) {
                  a = x[4] * x[3]
                  return sin(a) + x[4]^3 + (x[2] + 2) * (x[0] + 2)
                }
                """, ALL);
        sameAsByHand(f, g, point(5, 3), "statements");
        assertEquals(4, f.compilation().primalWithLoops().loops().size(), "x[idx[0]] is read once");
    }

    /** A scalar data parameter as an index, a data array passed to a helper that gathers by it, a gather under a condition. */
    @Test
    void aScalarIndexAHelperAndAConditionGatherToo() {
        String text = """
                fn pick(v[n], at[q]) {
                  return v[at[0]] * v[at[0] - 1]
                }
                fn f(x[6]; j, jj[1], idx[20]) {
                  return pick(x, jj) + x[j] + sum(k in 0..19: if x[idx[k]] > 0 then x[idx[k]]^2 else sin(x[idx[k]]))
                }
                """;
        double[] idx = indices(20, 6, 4, false);
        CompiledFunction f = FLUXION.compile(text, ALL.withEntry("f")).withData(new double[] {5}, new double[] {3}, idx);
        StringJoiner terms = new StringJoiner(" + ");
        for (double i : idx) {
            int k = (int) i;
            terms.add("(if x[" + k + "] > 0 then x[" + k + "]^2 else sin(x[" + k + "]))");
        }
        CompiledFunction g = FLUXION.compile("fn f(x[6]) {\n  return x[3] * x[2] + x[5] + " + terms + "\n}\n", ALL);
        sameAsByHand(f, g, point(6, 8), "helper and condition");
    }

    /** A for loop whose body gathers is written out (a kept loop's slots are affine): each step's read is one gather. */
    @Test
    void aForLoopThatGathersIsTheLoopWrittenByHand() {
        String text = """
                fn f(x[5]; idx[20]) {
                  h = 0.1
                  for t in 0..19 {
                    h = tanh(0.5 * h + x[idx[t]])
                  }
                  return h^2 + x[1]
                }
                """;
        double[] idx = indices(20, 5, 6, false);
        CompiledFunction f = FLUXION.compile(text, ALL).withData(idx);
        StringBuilder hand = new StringBuilder("fn f(x[5]) {\n  h0 = 0.1\n");
        for (int t = 0; t < 20; t++) {
            hand.append("  h").append(t + 1).append(" = tanh(0.5 * h").append(t).append(" + x[").append((int) idx[t])
                    .append("])\n");
        }
        hand.append("  return h20^2 + x[1]\n}\n");
        CompiledFunction g = FLUXION.compile(hand.toString(), ALL);
        sameAsByHand(f, g, point(5, 2), "for loop");
    }

    /** Data gathered by data: rows of X chosen by idx, in a kept sum and in a statement. */
    @ParameterizedTest
    @ValueSource(ints = {3, 20})
    void dataGatheredByDataIsTheDataReadByHand(int m) {
        String text = """
                fn f(w[3]; X[5, 3], idx[m], y[m]) {
                  return sum(k in 0..m-1: (X[idx[k], 0]*w[0] + X[idx[k], 1]*w[1] + sin(X[idx[k], 2]*w[2]) - y[k])^2) + w[1] * X[idx[0], 2]
                }
                """;
        Random r = new Random(m);
        double[] x = new double[15];
        for (int i = 0; i < 15; i++) {
            x[i] = r.nextGaussian();
        }
        double[] idx = new double[m];
        double[] y = new double[m];
        StringJoiner terms = new StringJoiner(" + ");
        for (int k = 0; k < m; k++) {
            idx[k] = k == m - 1 ? 4 : r.nextInt(5);
            y[k] = r.nextGaussian();
            int row = (int) idx[k];
            terms.add("(X[" + row + ", 0]*w[0] + X[" + row + ", 1]*w[1] + sin(X[" + row + ", 2]*w[2]) - y[" + k + "])^2");
        }
        CompiledFunction f = FLUXION.compile(text, ALL.withSize("m", m)).withData(x, idx, y);
        CompiledFunction g = FLUXION.compile("fn f(w[3]; X[5, 3], y[" + m + "]) {\n  return " + terms + " + w[1] * X["
                + (int) idx[0] + ", 2]\n}\n", ALL).withData(x, y);
        sameAsByHand(f, g, point(3, m), "m = " + m);
        assertClose(g.hessian(point(3, 1)), f.hessianSparse(point(3, 1)).toDense(), 1e-11,
                "the data do not change the pattern: the sparse Hessian works");
        idx[1] = 5;
        for (Runnable call : List.<Runnable>of(() -> f.value(point(3, 1)), () -> f.gradient(point(3, 1)),
                () -> f.gradient(Mode.FORWARD, point(3, 1)), () -> f.hessian(point(3, 1)))) {
            IndexOutOfRange e = assertThrows(IndexOutOfRange.class, call::run);
            assertTrue(e.getMessage().startsWith("line 2, column 28: X[idx[k], 0]: idx[k] = 5, outside axis 0 of X "
                    + "(5 elements, 0..4)"), e.getMessage());
        }
        // A data element the derivatives do not read (y[idx2[k]] enters the value only) is checked by them too.
        String additive = "fn g(w; y[4], j[m]) {\n  return sum(k in 0..m-1: w^2 + y[j[k]])\n}\n";
        CompiledFunction h = FLUXION.compile(additive, ALL.withSize("m", m)).withData(new double[4], new double[m]);
        assertEquals(0.0, h.gradient(1.0)[0] - 2 * m);
        h = h.withData(new double[4], java.util.stream.DoubleStream.generate(() -> 4).limit(m).toArray());
        for (CompiledFunction bad : List.of(h)) {
            assertThrows(IndexOutOfRange.class, () -> bad.gradient(1.0));
            assertThrows(IndexOutOfRange.class, () -> bad.hessian(1.0));
        }
    }

    /**
     * Index expressions of every form lowering accepts: a negative scale ({@code 9 - idx[k]}), a
     * scale that cancels to 1 ({@code 2*idx[k] - idx[k] + 1}), a gathered axis beside an axis
     * affine in k ({@code A[idx[k], k]}), all in one term.
     */
    @Test
    void scalesOffsetsAndAffineAxesTogether() {
        String text = """
                fn f(x[10], A[5, 20]; idx[20]) {
                  return sum(k in 0..19: x[9 - idx[k]] * x[2*idx[k] - idx[k] + 1] + A[idx[k], k] * x[idx[k]]^2)
                }
                """;
        double[] idx = indices(20, 5, 12, false);
        idx[0] = 0;
        StringJoiner terms = new StringJoiner(" + ");
        for (int k = 0; k < 20; k++) {
            int i = (int) idx[k];
            terms.add("x[" + (9 - i) + "] * x[" + (i + 1) + "] + A[" + i + ", " + k + "] * x[" + i + "]^2");
        }
        CompiledFunction f = FLUXION.compile(text, ALL).withData(idx);
        CompiledFunction g = FLUXION.compile("fn f(x[10], A[5, 20]) {\n  return " + terms + "\n}\n", ALL);
        sameAsByHand(f, g, point(110, 13), "scales, offsets and affine axes");
    }

    /** A for loop kept as a Java loop beside gathers outside it (fuzzer finding: compiling it wrote the loops out and threw). */
    @Test
    void aKeptForLoopAndAGatherTogether() {
        String text = """
                fn f(x[20]; idx[3]) {
                  h = 0.5
                  for t in 0..19 {
                    h = tanh(0.3 * h + x[t])
                  }
                  return h * x[idx[0]] + x[idx[2]]^2
                }
                """;
        CompiledFunction f = FLUXION.compile(text, ALL).withData(new double[] {4, 0, 19});
        assertTrue(!f.compilation().rolling().scans().isEmpty(), "the for loop is a Java loop");
        CompiledFunction g = FLUXION.compile(text.replace("; idx[3]", "").replace("x[idx[0]]", "x[4]")
                .replace("x[idx[2]]", "x[19]"), ALL);
        sameAsByHand(f, g, point(20, 9), "for loop and gathers");
    }

    @Test
    void anIndexOutsideItsArrayAtRunTimeNamesTheLineAndColumn() {
        CompiledFunction f = FLUXION.compile(CHAIN, ALL.withSize("n", 6).withSize("m", 20));
        double[] idx = new double[20];
        idx[7] = 5;     // x[idx[k] + 1] reads x[6]: outside x[0..5]
        double[] w = new double[20];
        CompiledFunction bad = f.withData(idx, w);
        double[] x = new double[6];
        for (Runnable call : List.<Runnable>of(() -> bad.value(x), () -> bad.gradient(x),
                () -> bad.gradient(Mode.FORWARD, x), () -> bad.hessian(x), () -> bad.jvp(x, x))) {
            IndexOutOfRange e = assertThrows(IndexOutOfRange.class, call::run);
            assertEquals("line 2, column 47: x[idx[k] + 1]: idx[k] = 5, which makes index 6, outside x "
                    + "(6 elements, 0..5)", e.getMessage());
            assertEquals(5, e.value());
        }
        idx[7] = 2.5;
        IndexOutOfRange fraction = assertThrows(IndexOutOfRange.class, () -> bad.value(x));
        assertEquals("line 2, column 35: x[idx[k]]: idx[k] = 2.5 is not a whole number, so it cannot index x",
                fraction.getMessage());
        idx[7] = -1;
        IndexOutOfRange negative = assertThrows(IndexOutOfRange.class, () -> bad.gradient(x));
        assertTrue(negative.getMessage().startsWith("line 2, column 35: x[idx[k]]: idx[k] = -1, outside x"),
                negative.getMessage());
        idx[7] = Double.NaN;
        assertThrows(IndexOutOfRange.class, () -> bad.value(x));
        idx[7] = 4;
        assertEquals(0.0, bad.value(x), "a fixed index array works again");
    }

    @Test
    void aTwoAxisIndexIsCheckedOnItsOwnAxis() {
        String text = "fn f(a[3, 4]; j[m]) {\n  return sum(k in 0..m-1: a[1, j[k]])\n}\n";
        CompiledFunction f = FLUXION.compile(text, ALL.withSize("m", 2)).withData(new double[] {3, 4});
        IndexOutOfRange e = assertThrows(IndexOutOfRange.class, () -> f.value(new double[12]));
        assertEquals("line 2, column 27: a[1, j[k]]: j[k] = 4, outside axis 1 of a (4 elements, 0..3)", e.getMessage());
    }

    @Test
    void whatCannotGatherIsACompileErrorWithItsPlace() {
        CompileException several = assertThrows(CompileException.class, () -> FLUXION.compile(
                "fn f(x[3]; i[1]) {\n  return (x[i[0]], x[0])\n}\n", ALL));
        assertTrue(several.getMessage().contains("2:11") && several.getMessage().contains("several values")
                && several.getMessage().contains("write one function per result"), several.getMessage());
        CompileException indexOfIndex = assertThrows(CompileException.class, () -> FLUXION.compile(
                "fn f(x[3]; j[3], i[2]) {\n  return x[j[i[1]]]\n}\n", ALL));
        assertTrue(indexOfIndex.getMessage().contains("2:12") && indexOfIndex.getMessage().contains("integer data"),
                indexOfIndex.getMessage());
        CompileException computed = assertThrows(CompileException.class, () -> FLUXION.compile(
                "fn f(x[3]; i[2]) {\n  return x[x[0]]\n}\n", ALL));
        assertTrue(computed.getMessage().contains("2:12") && computed.getMessage().contains("integer data"),
                computed.getMessage());
        CompileException outOfRange = assertThrows(CompileException.class, () -> FLUXION.compile(
                "fn f(x[3]; i[2]) {\n  return x[i[2]]\n}\n", ALL));
        assertTrue(outOfRange.getMessage().contains("2:14") && outOfRange.getMessage().contains("outside"),
                outOfRange.getMessage());
    }

    @Test
    void theWrittenOutFormsAndSparsePatternsRefuseClearly() {
        CompiledFunction f = FLUXION.compile(CHAIN, ALL.withSize("n", 6).withSize("m", 20))
                .withData(new double[20], new double[20]);
        UnsupportedOperationException trace = assertThrows(UnsupportedOperationException.class,
                () -> f.compilation().primal());
        assertTrue(trace.getMessage().startsWith("line 2, column 35: x[idx[k]] reads at a position taken from data"),
                trace.getMessage());
        CompiledFunction unbound = FLUXION.compile(CHAIN, ALL.withSize("n", 6).withSize("m", 20));
        UnsupportedOperationException sparse = assertThrows(UnsupportedOperationException.class,
                () -> dev.fluxion.compiler.sparse.Dependencies.hessian(unbound.compilation().primalWithLoops(),
                        unbound.compilation().options().rules()));
        assertTrue(sparse.getMessage().contains("no sparsity pattern without the data"), sparse.getMessage());
        CompileException off = assertThrows(CompileException.class, () -> FLUXION.compile(CHAIN,
                ALL.withSize("n", 6).withSize("m", 3).withLoops(false)));
        assertTrue(off.getMessage().contains("loops are off (Options.withLoops(false))"), off.getMessage());
    }

    /**
     * The sparse Hessian of a function that gathers is read with its data: the inputs its index
     * array reads, pairs of them within a term; after the index array changes, the pattern is read
     * again (never the old one).
     */
    @Test
    void theSparseHessianReadsThePatternOfTheBoundIndices() {
        int n = 30;
        double[] idx = {3, 3, 7, 20, 28, 0, 11, 11, 11, 5, 17, 2, 25, 9, 14, 22, 6, 27, 1, 13};
        double[] w = point(20, 4);
        CompiledFunction f = FLUXION.compile(CHAIN, ALL.withSize("n", n).withSize("m", 20)).withData(idx, w);
        double[] x = point(n, 5);
        assertClose(f.hessian(x), f.hessianSparse(x).toDense(), 1e-12, "sparse Hessian");
        int nonZeros = f.hessianSparsity().nonZeros();
        assertTrue(nonZeros < n * n / 4, "the pattern is the gathered pairs, not dense: " + nonZeros);
        assertClose(new double[][] {f.gradient(x)}, f.jacobianSparse(x).toDense(), 1e-12, "sparse Jacobian");
        idx[0] = 15;    // the pair (3, 4) of the first term moves to (15, 16)
        idx[4] = 10;
        assertClose(FLUXION.compile(chainByHand(n, idx, w), ALL).hessian(x), f.hessianSparse(x).toDense(), 1e-12,
                "after the index array changed");
        assertClose(f.hessian(x), f.hessianSparse(x).toDense(), 1e-12, "the dense one agrees");
        CompiledFunction other = f.withData(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 28},
                w);
        assertEquals(8, other.hessianSparsity().nonZeros(), "another binding has its own pattern: x[0], x[1] and "
                + "x[28], x[29], each pair with itself");
        idx[3] = 29;    // x[idx[k] + 1] reads x[30]
        IndexOutOfRange e = assertThrows(IndexOutOfRange.class, () -> f.hessianSparse(x));
        assertTrue(e.getMessage().startsWith("line 2, column 47: x[idx[k] + 1]"), e.getMessage());
    }

    /** The generated class of a gather program, and both compilers on it. */
    @Test
    void theGeneratedClassIsGoldenAndCompilesWithBothCompilers() throws Exception {
        String source = FLUXION.translate(CHAIN, Options.defaults().withSize("n", 6).withSize("m", 20)).javaSource();
        Golden.check("java-lang/gather_chain.java", source);
        double[] idx = indices(20, 6, 1, false);
        double[] w = point(20, 2);
        double[] x = point(6, 3);
        CompiledFunction g = FLUXION.compile(chainByHand(6, idx, w), ALL);
        for (JavaCompiler compiler : List.of(JavaCompiler.janino(), JavaCompiler.javaxTools())) {
            String name = dev.fluxion.tests.golden.GoldenNames.qualifiedName(source);
            DifferentiableFunction c = ((DifferentiableFunction) compiler.compile(name, source)
                    .getDeclaredConstructor().newInstance()).withData(idx, w);
            double[] y = new double[1];
            c.value(x, y);
            assertClose(g.value(x), y[0], 1e-12, compiler.name() + " value");
            double[] grad = new double[6];
            c.gradient(x, grad);
            assertClose(g.gradient(x), grad, 1e-12, compiler.name() + " gradient");
        }
    }
}
