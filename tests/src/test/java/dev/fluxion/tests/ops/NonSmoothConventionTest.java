package dev.fluxion.tests.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documented convention at non-smooth points: relu'(0) = 0, abs'(0) = 0, a tie
 * of max or min sends the whole gradient to the first argument, and the piecewise-constant
 * sign, floor and ceil have derivative 0 at their jumps too. Both modes must agree
 * exactly (not within a tolerance: a convention is not an approximation).
 */
class NonSmoothConventionTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    static Stream<Arguments> kinks() {
        return Stream.of(
                Arguments.of("relu(x)", new String[] {"x"}, new double[] {0}, new double[] {0}),
                Arguments.of("abs(x)", new String[] {"x"}, new double[] {0}, new double[] {0}),
                Arguments.of("step(x)", new String[] {"x"}, new double[] {0}, new double[] {0}),
                Arguments.of("sign(x)", new String[] {"x"}, new double[] {0}, new double[] {0}),
                Arguments.of("max(x, y)", new String[] {"x", "y"}, new double[] {1.5, 1.5}, new double[] {1, 0}),
                Arguments.of("min(x, y)", new String[] {"x", "y"}, new double[] {1.5, 1.5}, new double[] {1, 0}),
                Arguments.of("max(y, x)", new String[] {"x", "y"}, new double[] {-2, -2}, new double[] {0, 1}),
                Arguments.of("min(y, x)", new String[] {"x", "y"}, new double[] {-2, -2}, new double[] {0, 1}),
                Arguments.of("relu(x - y)", new String[] {"x", "y"}, new double[] {0.5, 0.5}, new double[] {0, 0}),
                Arguments.of("abs(x*y)", new String[] {"x", "y"}, new double[] {0, 3}, new double[] {0, 0}),
                Arguments.of("3*relu(x) + x", new String[] {"x"}, new double[] {0}, new double[] {1}),
                Arguments.of("max(0, x)", new String[] {"x"}, new double[] {0}, new double[] {0}),
                Arguments.of("max(x, 0)", new String[] {"x"}, new double[] {0}, new double[] {1}),
                Arguments.of("min(x, 0)", new String[] {"x"}, new double[] {0}, new double[] {1}),
                Arguments.of("floor(x)", new String[] {"x"}, new double[] {0}, new double[] {0}),
                Arguments.of("floor(x)", new String[] {"x"}, new double[] {2}, new double[] {0}),
                Arguments.of("floor(x)", new String[] {"x"}, new double[] {-1}, new double[] {0}),
                Arguments.of("ceil(x)", new String[] {"x"}, new double[] {0}, new double[] {0}),
                Arguments.of("ceil(x)", new String[] {"x"}, new double[] {-3}, new double[] {0}),
                Arguments.of("x - floor(x)", new String[] {"x"}, new double[] {2}, new double[] {1}),
                Arguments.of("floor(x) * y", new String[] {"x", "y"}, new double[] {2, 3}, new double[] {0, 2}),
                Arguments.of("ceil(x) + sign(x)", new String[] {"x"}, new double[] {0}, new double[] {0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinks")
    void conventionHoldsInBothModes(String expr, String[] vars, double[] x, double[] want) {
        CompiledFunction f = FLUXION.compile(expr, ALL.withVariables(vars));
        assertArrayEquals(want, f.gradient(Mode.REVERSE, x), 0.0, expr + ": reverse gradient at " + java.util.Arrays.toString(x));
        assertArrayEquals(want, f.gradient(Mode.FORWARD, x), 0.0, expr + ": forward gradient at " + java.util.Arrays.toString(x));
        double[][] jf = f.jacobian(Mode.FORWARD, x);
        double[][] jr = f.jacobian(Mode.REVERSE, x);
        assertArrayEquals(want, jf[0], 0.0, expr + ": forward Jacobian");
        assertArrayEquals(want, jr[0], 0.0, expr + ": reverse Jacobian");
        for (int i = 0; i < x.length; i++) {
            double[] e = new double[x.length];
            e[i] = 1;
            assertEquals(want[i], f.jvp(x, e)[0], 0.0, expr + ": JVP along input " + i);
        }
        for (double[] row : f.hessian(x)) {
            for (double h : row) {
                assertEquals(0.0, h, 0.0, expr + ": piecewise-linear, so its Hessian is 0 everywhere");
            }
        }
    }
}
