package dev.fluxion.tests.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ops at the edges of their domains, where the README documents what happens: the
 * value and the gradient, exactly, in both modes and through a JVP. A one-sided
 * derivative that is infinite is ±Infinity (asin′(±1), acosh′(1), atanh′(±1)); a point
 * with no derivative at all gives NaN (hypot and atan2 at the origin, digamma's poles).
 */
class DomainEdgeTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    static Stream<Arguments> edges() {
        return Stream.of(
                edge("asin(x)", new double[] {1}, Math.PI / 2, INF),
                edge("asin(x)", new double[] {-1}, -Math.PI / 2, INF),
                edge("asin(x)", new double[] {1.5}, NAN, NAN),
                edge("acos(x)", new double[] {1}, 0, -INF),
                edge("acos(x)", new double[] {-1}, Math.PI, -INF),
                edge("acosh(x)", new double[] {1}, 0, INF),
                edge("acosh(x)", new double[] {0.5}, NAN, NAN),
                edge("atanh(x)", new double[] {1}, INF, INF),
                edge("atanh(x)", new double[] {-1}, -INF, INF),
                edge("atanh(x)", new double[] {2}, NAN, NAN),
                edge("log1p(x)", new double[] {-1}, -INF, INF),
                edge("expm1(x)", new double[] {0}, 0, 1),
                edge("hypot(x, y)", new double[] {0, 0}, 0, NAN, NAN),
                edge("hypot(x, y)", new double[] {3, 4}, 5, 0.6, 0.8),
                edge("hypot(x, y)", new double[] {1e200, 1e200}, Math.hypot(1e200, 1e200), Math.sqrt(0.5), Math.sqrt(0.5)),
                edge("atan2(x, y)", new double[] {0, 0}, 0, NAN, NAN),
                edge("atan2(x, y)", new double[] {0, -2}, Math.PI, -0.5, 0),
                edge("atan2(x, y)", new double[] {-1.289, INF}, -0.0, 0, 0),
                edge("atan2(x, y)", new double[] {1e200, 1e200}, Math.PI / 4, 5e-201, -5e-201),
                edge("lgamma(x)", new double[] {0}, INF, NAN),
                edge("lgamma(x)", new double[] {-2}, INF, NAN),
                edge("lgamma(x)", new double[] {1}, 0, -0.5772156649015329),
                edge("lgamma(x)", new double[] {2}, 0, 1 - 0.5772156649015329),
                edge("digamma(x)", new double[] {0}, NAN, INF),
                edge("trigamma(x)", new double[] {-1}, INF, NAN),
                edge("sign(x)", new double[] {0}, 0, 0),
                edge("floor(x)", new double[] {-1}, -1, 0),
                edge("ceil(x)", new double[] {2}, 2, 0));
    }

    private static Arguments edge(String expr, double[] x, double value, double... gradient) {
        return Arguments.of(expr, x, value, gradient);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("edges")
    void valueAndGradientAtTheEdge(String expr, double[] x, double value, double[] gradient) {
        String[] vars = x.length == 1 ? new String[] {"x"} : new String[] {"x", "y"};
        CompiledFunction f = FLUXION.compile(expr, ALL.withVariables(vars));
        String at = expr + " at " + Arrays.toString(x);
        assertSame(new double[] {value}, new double[] {f.value(x)}, at + ": value");
        assertSame(gradient, f.gradient(Mode.REVERSE, x), at + ": reverse gradient");
        assertSame(gradient, f.gradient(Mode.FORWARD, x), at + ": forward gradient");
        double[] e = new double[x.length];
        e[0] = 1;
        assertSame(new double[] {gradient[0]}, f.jvp(x, e), at + ": JVP along the first input");
    }

    /** Equal: NaN matching NaN and infinities exactly, finite values to 1e-14 relative. */
    private static void assertSame(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            if (Double.isNaN(want[i]) || Double.isInfinite(want[i])) {
                assertEquals(want[i], got[i], what + "[" + i + "]");
            } else {
                assertEquals(want[i], got[i], 1e-14 * Math.abs(want[i]), what + "[" + i + "]");
            }
        }
    }
}
