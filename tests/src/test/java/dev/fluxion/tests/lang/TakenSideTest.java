package dev.fluxion.tests.lang;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.FiniteDifferences;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Only the taken side of {@code if c then a else b} is computed: in the generated Java, every
 * statement that one side alone needs sits inside an {@code if} block on the condition, in
 * every method (value, both gradients, JVPs, Jacobians, the Hessian and its products), in the
 * loops of sums kept as loops and of {@code for} loops, and in methods split into parts. The
 * source is read to prove it (no statement of the side outside a block); the values and
 * derivatives at both sides and the boundary agree across modes, with central differences and
 * with the loops unrolled.
 */
class TakenSideTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    private static final Pattern GUARD = Pattern.compile("^\\s*if \\(\\S+ [!=]= 0\\.0\\) \\{");

    /**
     * Asserts that every line of {@code source} containing {@code text} is inside a block opened
     * by a guard ({@code if (v1 != 0.0) {}, {@code if (v1 == 0.0) {}, or the {@code else} of one),
     * and that there is at least one; returns how many lines were checked.
     */
    static int assertGuarded(String source, String text) {
        Deque<Boolean> blocks = new ArrayDeque<>();
        int found = 0;
        int lineNo = 0;
        for (String line : source.split("\n")) {
            lineNo++;
            int comment = line.indexOf("//");
            String code = comment >= 0 ? line.substring(0, comment) : line;
            if (code.contains(text)) {
                found++;
                assertTrue(blocks.contains(Boolean.TRUE), "line " + lineNo + " computes " + text
                        + " outside a block on its condition: " + line + "\n" + source);
            }
            boolean guardLine = GUARD.matcher(code).find();
            boolean popped = false;
            for (int k = 0; k < code.length(); k++) {
                char ch = code.charAt(k);
                if (ch == '}') {
                    popped = blocks.pop();
                } else if (ch == '{') {
                    boolean elseOfGuard = code.trim().startsWith("} else {") && popped;
                    blocks.push(guardLine || elseOfGuard);
                }
            }
        }
        assertEquals(0, blocks.size(), "unbalanced braces");
        assertTrue(found > 0, "the source never computes " + text + "\n" + source);
        return found;
    }

    private static void finite(double[][] h, String what) {
        for (double[] row : h) {
            for (double e : row) {
                assertTrue(Double.isFinite(e), what + ": " + java.util.Arrays.deepToString(h));
            }
        }
    }

    /** Gradient in both modes, JVP, VJP, Jacobians in both modes, Hessian and H·v: against {@code want} and each other. */
    private static void everyMode(CompiledFunction f, double[] x, double[] want, String what) {
        assertClose(want, f.gradient(Mode.REVERSE, x), 1e-12, "reverse " + what);
        assertClose(want, f.gradient(Mode.FORWARD, x), 1e-12, "forward " + what);
        assertClose(want, f.vjp(x, new double[] {1.0}), 1e-12, "VJP " + what);
        assertClose(new double[][] {want}, f.jacobian(Mode.FORWARD, x), 1e-12, "forward Jacobian " + what);
        assertClose(new double[][] {want}, f.jacobian(Mode.REVERSE, x), 1e-12, "reverse Jacobian " + what);
        double[] v = new double[x.length];
        double jv = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = 1.0 + 0.5 * i;
            jv += v[i] * want[i];
        }
        assertClose(jv, f.jvp(x, v)[0], 1e-12, "JVP " + what);
        double[][] h = f.hessian(x);
        finite(h, "Hessian " + what);
        double[] hv = f.hessianVector(x, v);
        for (int i = 0; i < v.length; i++) {
            double want_i = 0;
            for (int j = 0; j < v.length; j++) {
                want_i += h[i][j] * v[j];
            }
            assertEquals(want_i, hv[i], 1e-9 * (1 + Math.abs(want_i)), "H·v vs Hessian " + what);
        }
    }

    @Test
    void aSideThatIsNanWhereNotTakenIsNotComputedInAnyMethod() {
        CompiledFunction f = FLUXION.compile("fn g(x, y) { return if x > 0 then sqrt(x)*y + 1/x else y^2 }", ALL);
        String code = f.javaSource();
        // value, gradient, JVP, jvpMany, both Jacobians, H·v and the Hessian each compute sqrt(x), always in a block
        assertTrue(assertGuarded(code, "Math.sqrt(") >= 7, code);
        for (String m : new String[] {"value", "gradient", "jvp", "jvpMany", "jacobianForward", "jacobianReverse",
                "hessianVector", "hessian"}) {
            assertTrue(code.contains(" " + m + "(final double[] x"), "no method " + m);
        }
        // x < 0: sqrt(x) is NaN and 1/x finite but unused; the else side is y^2
        assertEquals(9.0, f.value(-4, 3));
        everyMode(f, new double[] {-4, 3}, new double[] {0, 6}, "x < 0");
        assertArrayEquals(new double[][] {{0, 0}, {0, 2}}, f.hessian(-4, 3), "Hessian on the else side");
        // the boundary x = 0 takes the else side: 1/x would be infinite, sqrt'(0) infinite
        assertEquals(9.0, f.value(0, 3));
        everyMode(f, new double[] {0, 3}, new double[] {0, 6}, "x = 0");
        assertArrayEquals(new double[][] {{0, 0}, {0, 2}}, f.hessian(0, 3), "Hessian at the boundary");
        // x > 0: the then side, against central differences
        double[] x = {4, 3};
        everyMode(f, x, new double[] {3 / (2 * Math.sqrt(4)) - 1 / 16.0, 2}, "x > 0");
        assertClose(FiniteDifferences.gradient(f::value, x), f.gradient(x), 1e-7, "gradient vs central differences");
        assertClose(FiniteDifferences.jacobian(p -> f.gradient(Mode.REVERSE, p), x), f.hessian(x), 1e-6,
                "Hessian vs central differences of the gradient");
    }

    @Test
    void anExpensiveSideCostsNothingWhereTheOtherIsTaken() {
        CompiledFunction f = FLUXION.compile("""
                fn expensive(t) {
                  return sum(i in 1..8: sin(i*t)/(i*t) + exp(-i*t^2) * ln(1 + t^2))
                }
                fn sinc(t) {
                  return if t == 0 then 1 else expensive(t)
                }""", Options.defaults().withEntry("sinc").withCapabilities(EnumSet.allOf(Capability.class)));
        String code = f.javaSource();
        assertGuarded(code, "Math.sin(");
        assertGuarded(code, "Math.exp(");
        assertGuarded(code, "Math.log(");
        assertGuarded(code, "Math.cos(");
        assertEquals(1.0, f.value(0.0));
        everyMode(f, new double[] {0.0}, new double[] {0.0}, "t = 0");
        double t = 0.3;
        double[] fd = FiniteDifferences.gradient(f::value, new double[] {t});
        everyMode(f, new double[] {t}, f.gradient(t), "t = 0.3");
        assertClose(fd, f.gradient(t), 1e-7, "gradient vs central differences");
        assertClose(FiniteDifferences.jacobian(p -> f.gradient(Mode.REVERSE, p), new double[] {t}), f.hessian(t), 1e-6,
                "Hessian vs central differences");
    }

    @Test
    void nestedAndSharedSidesKeepWhatBothNeedOutside() {
        // e is needed by both sides of the outer choice: computed once, outside every block;
        // ln(x) only under x > 0, sqrt(x - 1) only under x > 0 and x > 1
        CompiledFunction f = FLUXION.compile("""
                fn h(x, y) {
                  e = exp(y)
                  a = ln(x)
                  return if x > 0 then (if x > 1 then sqrt(x - 1)*e else a*e) else e*x
                }""", ALL);
        String code = f.javaSource();
        assertGuarded(code, "Math.log(");
        assertGuarded(code, "Math.sqrt(");
        assertTrue(Pattern.compile("(?m)^        final double \\w+ = Math\\.exp\\(").matcher(code).find(),
                "exp(y) computed once, outside every block\n" + code);
        for (double[] x : new double[][] {{-2, 0.5}, {0, 0.5}, {0.5, 0.5}, {1, 0.5}, {2, 0.5}}) {
            double want = x[0] > 0 ? (x[0] > 1 ? Math.sqrt(x[0] - 1) * Math.exp(x[1]) : Math.log(x[0]) * Math.exp(x[1]))
                    : Math.exp(x[1]) * x[0];
            assertEquals(want, f.value(x), 1e-15);
            double[] g = f.gradient(x);
            everyMode(f, x, g, "at " + java.util.Arrays.toString(x));
            if (Math.abs(x[0]) > 1e-9 && Math.abs(x[0] - 1) > 1e-9) {
                assertClose(FiniteDifferences.gradient(f::value, x), g, 1e-7, "central differences at " + x[0]);
                assertClose(FiniteDifferences.jacobian(p -> f.gradient(Mode.REVERSE, p), x), f.hessian(x), 1e-6,
                        "Hessian vs central differences at " + x[0]);
            }
        }
    }

    /** Rule where_decided: a choice on c inside a side of a choice on c is its chosen side. */
    @Test
    void theRuleWhereDecidedRemovesTheNestedChoice() {
        Options o = Options.defaults().withVariables(java.util.List.of("x", "y"));
        String src = "if 1 == 2 or y > 1 then x else y";
        assertEquals("where(y > 1, 1, 0)", FLUXION.compile(src, o).derivative("x"));
        CompiledFunction without = FLUXION.compile(src, o.withRules(dev.fluxion.compiler.simplify.RuleSet.standard()
                .without("where_decided")));
        assertEquals("where(y > 1, where(y > 1, 1, 0), 0)", without.derivative("x"));
        for (double y : new double[] {0.5, 1, 2}) {
            assertArrayEquals(FLUXION.compile(src, o).gradient(3, y), without.gradient(3, y), "y = " + y);
        }
    }

    @Test
    void aSideInsideASumKeptAsALoop() {
        String src = "fn f(x[n]) { return sum(i in 0..n-1: if x[i] > 0 then sqrt(x[i]) * x[0] else x[i]^2) }";
        Options o = ALL.withSize("n", 20);
        CompiledFunction loop = FLUXION.compile(src, o);
        CompiledFunction unrolled = FLUXION.compile(src, o.withLoops(false));
        String code = loop.javaSource();
        assertTrue(code.contains("for (int i = 0; i < 20; i++)"), "the sum is a loop");
        assertGuarded(code, "Math.sqrt(");
        assertGuarded(unrolled.javaSource(), "Math.sqrt(");
        double[] x = new java.util.Random(3).doubles(20, -1, 1).toArray();
        x[0] = 0.5;
        x[5] = 0.0;                                                          // the boundary
        assertEquals(unrolled.value(x), loop.value(x), 1e-14);
        double[] g = unrolled.gradient(x);
        assertClose(g, loop.gradient(x), 1e-12, "reverse");
        assertClose(g, loop.gradient(Mode.FORWARD, x), 1e-12, "forward");
        double[] v = new java.util.Random(4).doubles(20, -1, 1).toArray();
        assertClose(unrolled.jvp(x, v), loop.jvp(x, v), 1e-12, "JVP");
        assertClose(unrolled.hessianVector(x, v), loop.hessianVector(x, v), 1e-12, "H·v");
        finite(loop.hessian(x), "Hessian");
        assertClose(unrolled.hessian(x), loop.hessian(x), 1e-12, "Hessian");
        x[5] = 0.3;
        assertClose(FiniteDifferences.gradient(loop::value, x), loop.gradient(x), 1e-7, "central differences");
    }

    @Test
    void aSideInsideAForLoopInEveryMethodAndCheckpointing() {
        String src = """
                fn f(a, x[n]) {
                  h = a
                  for t in 0..n-1 {
                    h = if x[t] > 0 then h + sqrt(x[t]) * a else 0.5*h + x[t]^2
                  }
                  return h
                }""";
        Options o = ALL.withSize("n", 20);
        CompiledFunction loop = FLUXION.compile(src, o);
        CompiledFunction unrolled = FLUXION.compile(src, o.withLoops(false));
        assertTrue(loop.compilation().tapeReport() != null, "kept as a loop");
        assertGuarded(loop.javaSource(), "Math.sqrt(");
        double[] x = new java.util.Random(5).doubles(21, -1, 1).toArray();
        x[0] = 0.7;
        x[4] = 0.0;
        assertEquals(unrolled.value(x), loop.value(x), 0.0, "bit for bit");
        double[] g = unrolled.gradient(x);
        assertClose(g, loop.gradient(x), 1e-12, "reverse");
        assertClose(g, loop.gradient(Mode.FORWARD, x), 1e-12, "forward");
        double[] v = new java.util.Random(6).doubles(21, -1, 1).toArray();
        assertClose(unrolled.jvp(x, v), loop.jvp(x, v), 1e-12, "JVP");
        assertClose(unrolled.hessianVector(x, v), loop.hessianVector(x, v), 1e-12, "H·v");
        for (Options cp : new Options[] {o.withCheckpoints(6), o.withBinomialCheckpoints(3)}) {
            CompiledFunction c = FLUXION.compile(src, cp);
            assertGuarded(c.javaSource(), "Math.sqrt(");
            assertArrayEquals(loop.gradient(x), c.gradient(x), "checkpoints bit for bit");
        }
        x[4] = 0.2;
        assertClose(FiniteDifferences.gradient(loop::value, x), loop.gradient(x), 1e-7, "central differences");
    }

    @Test
    void aLargeSideInAMethodSplitIntoParts() {
        // 300 written-out terms on one side: the methods are split into parts, each guarded on its own
        String src = "fn f(x[n]) { return if x[0] > 0 then sum(i in 1..n-1: sqrt(x[0] + i) * sin(x[i]) * cos(x[i - 1])) "
                + "else x[1]^2 }";
        Options o = Options.defaults().withSize("n", 300).withLoops(false);
        CompiledFunction f = FLUXION.compile(src, o);
        String code = f.javaSource();
        assertTrue(code.contains("Part2("), "split into parts");
        assertGuarded(code, "Math.sqrt(");
        double[] x = new java.util.Random(7).doubles(300, -1, 1).toArray();
        x[0] = 0.4;
        double want = 0;
        for (int i = 1; i < 300; i++) {
            want += Math.sqrt(x[0] + i) * Math.sin(x[i]) * Math.cos(x[i - 1]);
        }
        assertEquals(want, f.value(x), 1e-12);
        assertClose(FiniteDifferences.gradient(f::value, x), f.gradient(x), 1e-7, "then side vs central differences");
        x[0] = -0.4;
        assertEquals(x[1] * x[1], f.value(x), 0.0);
        double[] g = new double[300];
        g[1] = 2 * x[1];
        assertClose(g, f.gradient(x), 0.0, "else side");
        assertClose(g, f.gradient(Mode.FORWARD, x), 0.0, "else side, forward");
    }
}
