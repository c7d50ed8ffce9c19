package dev.fluxion.tests.ops;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ops.OpTable;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.FiniteDifferences;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every op of {@link OpTable}, both modes, first and second order, against central
 * finite differences at several points of its domain. {@link #CASES} is the one table;
 * {@link #everyOpOfTheTableHasACase} fails when an op is added to the compiler without a
 * line here, and when a line names an op that no longer exists, so the list cannot go
 * stale.
 */
class OpTableTest {

    private static final double[] ANY = {-3, 3};
    private static final double[] POSITIVE = {0.2, 4};
    private static final double[] AWAY_FROM_ZERO = {0.5, 3};
    private static final java.util.function.Predicate<double[]> NEAR_TIE = p -> Math.abs(p[0] - p[1]) < 0.1;
    private static final java.util.function.Predicate<double[]> NEAR_AXES = p -> Math.abs(p[0]) < 0.1 || Math.abs(p[1]) < 0.1;

    /** The table: op, expression, domain per input, tolerance (and kinks to avoid). */
    static final List<OpCase> CASES = List.of(
            OpCase.binary("+", "x + y", ANY, ANY, 1e-6),
            OpCase.binary("-", "x - y", ANY, ANY, 1e-6),
            OpCase.unary("neg", "-x", -3, 3, 1e-6),
            OpCase.binary("*", "x * y", ANY, ANY, 1e-6),
            OpCase.binary("/", "x / y", ANY, AWAY_FROM_ZERO, 1e-6),
            OpCase.binary("/", "x / y", ANY, new double[] {-3, -0.5}, 1e-6),
            OpCase.binary("^", "x ^ y", POSITIVE, new double[] {-2, 2}, 1e-6),
            OpCase.binary("^", "pow(x, y)", POSITIVE, new double[] {-2, 2}, 1e-6),
            OpCase.binary("times", "times(x, y)", ANY, ANY, 1e-6),
            OpCase.binary("times", "times(sin(x), x*y) + times(x, 1/y)", ANY, AWAY_FROM_ZERO, 1e-6),
            OpCase.unary("^", "x ^ 3", -2, 2, 1e-6),
            OpCase.unary("^", "x ^ 0.5", 0.2, 4, 1e-6),
            OpCase.unary("^", "2 ^ x", -2, 2, 1e-6),
            OpCase.unary("exp", "exp(x)", -3, 3, 1e-6),
            OpCase.unary("ln", "ln(x)", 0.2, 5, 1e-6),
            OpCase.unary("ln", "log(x)", 0.2, 5, 1e-6),
            OpCase.unary("sqrt", "sqrt(x)", 0.2, 5, 1e-6),
            OpCase.unary("sin", "sin(x)", -3, 3, 1e-6),
            OpCase.unary("cos", "cos(x)", -3, 3, 1e-6),
            OpCase.unary("tan", "tan(x)", -1.2, 1.2, 1e-6),
            OpCase.unary("tanh", "tanh(x)", -3, 3, 1e-6),
            OpCase.unary("erf", "erf(x)", -2, 2, 1e-6),
            OpCase.unary("sigmoid", "sigmoid(x)", -6, 6, 1e-6),
            OpCase.unary("softplus", "softplus(x)", -6, 6, 1e-6),
            OpCase.unary("relu", "relu(x)", -3, 3, 1e-6).avoiding(p -> Math.abs(p[0]) < 0.1),
            OpCase.unary("abs", "abs(x)", -3, 3, 1e-6).avoiding(p -> Math.abs(p[0]) < 0.1),
            OpCase.binary("max", "max(x, y)", ANY, ANY, 1e-6).avoiding(p -> Math.abs(p[0] - p[1]) < 0.1),
            OpCase.binary("min", "min(x, y)", ANY, ANY, 1e-6).avoiding(p -> Math.abs(p[0] - p[1]) < 0.1),
            OpCase.unary("step", "step(x)", -3, 3, 1e-6).avoiding(p -> Math.abs(p[0]) < 0.1),
            OpCase.unary("sign", "sign(x)", -3, 3, 1e-6).avoiding(p -> Math.abs(p[0]) < 0.1),
            OpCase.binary("ge", "ge(x, y)", ANY, ANY, 1e-6).avoiding(p -> Math.abs(p[0] - p[1]) < 0.1),
            // Conditions are piecewise constant: each is checked through the choice it makes, away
            // from the boundary, so both sides of every comparison are taken at some of the points.
            OpCase.binary("<", "if x < y then x*y^2 else sin(x) - y", ANY, ANY, 1e-6).avoiding(NEAR_TIE),
            OpCase.binary("<=", "if x <= y then x*y^2 else sin(x) - y", ANY, ANY, 1e-6).avoiding(NEAR_TIE),
            OpCase.binary(">", "if x > y then x*y^2 else sin(x) - y", ANY, ANY, 1e-6).avoiding(NEAR_TIE),
            OpCase.binary(">=", "if x >= y then x*y^2 else sin(x) - y", ANY, ANY, 1e-6).avoiding(NEAR_TIE),
            OpCase.binary("==", "if x == y then x*y^2 else sin(x) - y", ANY, ANY, 1e-6),
            OpCase.binary("!=", "if x != y then x*y^2 else sin(x) - y", ANY, ANY, 1e-6),
            OpCase.binary("and", "if x > 0 and y > 0 then x*y^2 else exp(x) - y", ANY, ANY, 1e-6).avoiding(NEAR_AXES),
            OpCase.binary("or", "if x > 0 or y > 0 then x*y^2 else exp(x) - y", ANY, ANY, 1e-6).avoiding(NEAR_AXES),
            OpCase.binary("not", "if not (x > y) then x*y^2 else sin(x) - y", ANY, ANY, 1e-6).avoiding(NEAR_TIE),
            OpCase.binary("where", "where(x > y, x*y^2, sin(x) - y)", ANY, ANY, 1e-6).avoiding(NEAR_TIE),
            OpCase.unary("sinh", "sinh(x)", -3, 3, 1e-6),
            OpCase.unary("cosh", "cosh(x)", -3, 3, 1e-6),
            OpCase.unary("asinh", "asinh(x)", -3, 3, 1e-6),
            OpCase.unary("acosh", "acosh(x)", 1.2, 4, 1e-6),
            OpCase.unary("atanh", "atanh(x)", -0.8, 0.8, 1e-6),
            OpCase.unary("asin", "asin(x)", -0.8, 0.8, 1e-6),
            OpCase.unary("acos", "acos(x)", -0.8, 0.8, 1e-6),
            OpCase.unary("atan", "atan(x)", -3, 3, 1e-6),
            // atan2(y, x) with y = x and x = y here; away from the origin and from the jump of
            // 2π across the negative axis.
            OpCase.binary("atan2", "atan2(x, y)", ANY, ANY, 1e-6)
                    .avoiding(p -> Math.hypot(p[0], p[1]) < 0.3 || p[1] < 0 && Math.abs(p[0]) < 0.1),
            OpCase.unary("log1p", "log1p(x)", -0.8, 3, 1e-6),
            OpCase.unary("expm1", "expm1(x)", -3, 3, 1e-6),
            OpCase.binary("hypot", "hypot(x, y)", ANY, ANY, 1e-6).avoiding(p -> Math.hypot(p[0], p[1]) < 0.3),
            OpCase.unary("lgamma", "lgamma(x)", 0.2, 8, 1e-6),
            OpCase.unary("lgamma", "lgamma(x)", -2.9, -2.1, 1e-6),
            OpCase.unary("digamma", "digamma(x)", 0.3, 8, 1e-6),
            OpCase.unary("digamma", "digamma(x)", -1.9, -1.1, 1e-6),
            OpCase.unary("trigamma", "trigamma(x)", 0.3, 8, 1e-6),
            OpCase.unary("polygamma", "polygamma(2, x)", 0.5, 8, 1e-6),
            OpCase.unary("polygamma", "polygamma(3, x) + polygamma(0, x)", 0.5, 8, 1e-6),
            OpCase.unary("floor", "floor(x)", -3, 3, 1e-6).avoiding(p -> Math.abs(p[0] - Math.rint(p[0])) < 0.1),
            OpCase.unary("ceil", "ceil(x)", -3, 3, 1e-6).avoiding(p -> Math.abs(p[0] - Math.rint(p[0])) < 0.1),
            OpCase.binary("*", "floor(x) * y", ANY, ANY, 1e-6).avoiding(p -> Math.abs(p[0] - Math.rint(p[0])) < 0.1));

    private static final int POINTS = 4;
    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    @Test
    void everyOpOfTheTableHasACase() {
        Set<String> ops = OpTable.scalar().stream().map(Op::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = CASES.stream().map(OpCase::op).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(ops);
        missing.removeAll(covered);
        Set<String> stale = new TreeSet<>(covered);
        stale.removeAll(ops);
        assertTrue(missing.isEmpty(), "ops of OpTable without a line in OpTableTest.CASES: " + missing);
        assertTrue(stale.isEmpty(), "lines in OpTableTest.CASES for ops OpTable does not have: " + stale);
    }

    @Test
    void everyCallableNameIsCoveredBySomeCase() {
        Set<String> called = CASES.stream().map(OpCase::expr)
                .flatMap(e -> Stream.of(e.split("[^a-z0-9_]+"))).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>(OpTable.functionNames());
        missing.removeAll(called);
        assertTrue(missing.isEmpty(), "function names (aliases included) no case calls: " + missing);
    }

    @TestFactory
    Stream<DynamicContainer> everyOpBothModesFirstAndSecondOrder() {
        return CASES.stream().map(c -> DynamicContainer.dynamicContainer(c.toString(),
                Stream.of(c.points(POINTS)).map(p -> DynamicTest.dynamicTest("at " + java.util.Arrays.toString(p),
                        () -> check(c, p)))));
    }

    /**
     * The edges of the domains: zero, ±1, negative bases with integer exponents, halves. The
     * inputs are finite, as the derivative product assumes (README, "A derivative multiplied
     * by zero is zero"); infinite partials come from the ops themselves.
     */
    private static final double[] EDGES = {0, 1, -1, 2, -2, 0.5, -0.5, 3};

    /**
     * Every op at the edges of its domain, where partials may be infinite or NaN (issue 18):
     * forward mode gives exactly what reverse mode gives (the same number, the same infinity,
     * or NaN in both), in the gradient, both Jacobians, the JVP and the VJP; and an input the
     * function does not read ({@code z}) has derivative exactly 0 everywhere, also in the
     * Hessian (forward over reverse) and its products, whose columns match the Hessian's rows.
     * The values each op promises there are {@link ArithmeticEdgeTest} and {@link DomainEdgeTest}'s.
     */
    @TestFactory
    Stream<DynamicTest> everyOpAtTheEdgesOfItsDomainBothModesAndSecondOrder() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            List<String> vars = new java.util.ArrayList<>(c.vars());
            vars.add("z");
            CompiledFunction f = FLUXION.compile(c.expr(), ALL.withVariables(vars));
            int n = vars.size();
            int[] digits = new int[n - 1];
            do {
                double[] x = new double[n];
                for (int i = 0; i < n - 1; i++) {
                    x[i] = EDGES[digits[i]];
                }
                x[n - 1] = 0.75;
                edge(f, x, c.expr() + " at " + java.util.Arrays.toString(x));
            } while (next(digits, EDGES.length));
        }));
    }

    private static boolean next(int[] digits, int base) {
        for (int i = 0; i < digits.length; i++) {
            if (++digits[i] < base) {
                return true;
            }
            digits[i] = 0;
        }
        return false;
    }

    private static void edge(CompiledFunction f, double[] x, String at) {
        int n = x.length;
        double[] reverse = f.gradient(Mode.REVERSE, x);
        assertEquals(0.0, reverse[n - 1], 0.0, "unused input, reverse, " + at);
        ArithmeticEdgeTest.same(reverse, f.gradient(Mode.FORWARD, x), "forward vs reverse gradient, " + at);
        ArithmeticEdgeTest.same(reverse, f.jacobian(Mode.FORWARD, x)[0], "forward Jacobian vs reverse gradient, " + at);
        ArithmeticEdgeTest.same(reverse, f.jacobian(Mode.REVERSE, x)[0], "reverse Jacobian vs reverse gradient, " + at);
        ArithmeticEdgeTest.same(reverse, f.vjp(x, new double[] {1}), "VJP vs reverse gradient, " + at);
        double[][] h = f.hessian(x);
        for (int i = 0; i < n; i++) {
            double[] e = new double[n];
            e[i] = 1;
            ArithmeticEdgeTest.same(new double[] {reverse[i]}, f.jvp(x, e), "JVP along input " + i + " vs reverse, " + at);
            ArithmeticEdgeTest.same(h[i], f.hessianVector(x, e), "Hessian-vector product along input " + i + ", " + at);
            assertEquals(0.0, h[i][n - 1], 0.0, "unused input, Hessian column, " + at);
            assertEquals(0.0, h[n - 1][i], 0.0, "unused input, Hessian row, " + at);
        }
    }

    private static void check(OpCase c, double[] x) {
        CompiledFunction f = FLUXION.compile(c.expr(), ALL.withVariables(c.vars()));
        assertEquals(c.vars(), f.inputs(), "input order");
        String at = c.expr() + " at " + java.util.Arrays.toString(x);
        double[] fd = FiniteDifferences.gradient(f::value, x);
        double[] reverse = f.gradient(Mode.REVERSE, x);
        double[] forward = f.gradient(Mode.FORWARD, x);
        assertClose(fd, reverse, c.tol(), "reverse gradient vs finite differences, " + at);
        assertClose(fd, forward, c.tol(), "forward gradient vs finite differences, " + at);
        double[][] hessian = f.hessian(x);
        assertClose(FiniteDifferences.jacobian(p -> f.gradient(Mode.REVERSE, p), x), hessian, c.tol(),
                "Hessian vs finite differences of the reverse gradient, " + at);
        assertClose(FiniteDifferences.jacobian(p -> f.gradient(Mode.FORWARD, p), x), hessian, c.tol(),
                "Hessian vs finite differences of the forward gradient, " + at);
        double[] v = new double[x.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1.0 - 0.75 * i;
        }
        double[] hv = f.hessianVector(x, v);
        double jv = f.jvp(x, v)[0];
        double wantJv = 0;
        for (int i = 0; i < x.length; i++) {
            double want = 0;
            for (int j = 0; j < x.length; j++) {
                want += hessian[i][j] * v[j];
            }
            assertClose(want, hv[i], c.tol(), "Hessian-vector product vs H·v, " + at);
            wantJv += fd[i] * v[i];
        }
        assertClose(wantJv, jv, c.tol(), "JVP vs finite-difference J·v, " + at);
    }
}
