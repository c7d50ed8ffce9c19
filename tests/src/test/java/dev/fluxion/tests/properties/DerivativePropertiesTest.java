package dev.fluxion.tests.properties;

import static dev.fluxion.tests.support.Tolerance.assertClose;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.FiniteDifferences;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random programs at random points: forward mode equals reverse mode, and both equal
 * central finite differences; the Hessian (forward over reverse) is symmetric and equals
 * the finite differences of the gradient.
 *
 * <p>A finite difference is only an oracle where it is reliable, so each property first
 * checks {@link FiniteDifferences#reliable}; where it is not (a kink of relu/abs/max/min
 * within a step, or an overflow), the try is skipped, not failed. Inputs are shifted off
 * round numbers so that shrinking does not land every input on a kink.
 */
class DerivativePropertiesTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final Options ALL = Options.defaults()
            .withCapabilities(EnumSet.allOf(Capability.class)).withVariables(Programs.VARS);
    /** Forward and reverse compute the same sums in different orders: equal up to rounding. */
    private static final double MODES = 1e-9;
    private static final double FD = 1e-5;

    @Provide
    Arbitrary<String> programs() {
        return Programs.expr(4);
    }

    @Provide
    Arbitrary<double[]> points() {
        return Programs.point();
    }

    @Property(tries = 60)
    void forwardEqualsReverseEqualsFiniteDifferences(@ForAll("programs") String program,
                                                     @ForAll("points") double[] x) {
        CompiledFunction f = FLUXION.compile(program, ALL);
        double y = f.value(x);
        Assume.that(Double.isFinite(y) && Math.abs(y) < 1e6);
        double[] reverse = f.gradient(Mode.REVERSE, x);
        double[] forward = f.gradient(Mode.FORWARD, x);
        String at = program + " at " + Arrays.toString(x);
        assertClose(reverse, forward, MODES, "forward vs reverse gradient of " + at);
        Assume.that(FiniteDifferences.reliable(p -> new double[] {f.value(p)}, x));
        double[] fd = FiniteDifferences.gradient(f::value, x);
        assertClose(fd, reverse, FD, "reverse gradient vs finite differences of " + at);
    }

    @Property(tries = 40)
    void hessianIsSymmetricAndEqualsFiniteDifferencesOfTheGradient(@ForAll("programs") String program,
                                                                  @ForAll("points") double[] x) {
        CompiledFunction f = FLUXION.compile(program, ALL);
        double y = f.value(x);
        Assume.that(Double.isFinite(y) && Math.abs(y) < 1e6);
        double[][] h = f.hessian(x);
        String at = program + " at " + Arrays.toString(x);
        double scale = 1;
        for (double[] row : h) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < i; j++) {
                assertClose(h[i][j] / scale, h[j][i] / scale, MODES * 10, "Hessian symmetry (" + i + "," + j + ") of " + at);
            }
        }
        Function<double[], double[]> grad = p -> f.gradient(Mode.REVERSE, p);
        Assume.that(FiniteDifferences.reliable(grad, x));
        double[][] fd = FiniteDifferences.jacobian(grad, x);
        assertClose(fd, h, FD, "Hessian vs finite differences of the gradient of " + at);
    }
}
