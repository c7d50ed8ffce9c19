package dev.fluxion.tests.ops;

import static dev.fluxion.tests.support.Tolerance.assertClose;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * Long-fuzz finding: the Hessian of {@code sin(ln(z/1e-300))} was -1542 where it is -532, because
 * the derivative of 1/v (ln's partial) was built as ((1/v)/v)·dv, and (1/v)/v underflows to 0 for
 * v = z·1e300 while (1/v)·dv is ordinary. Division's rules now multiply in an order that never
 * forms (a/b)/b ({@code Arithmetic.DIV}).
 */
class DivisionOrderTest {

    @Test
    void theHessianOfALogOfAHugeQuotientIsRight() {
        CompiledFunction f = Fluxion.create().compile("sin(ln(z/1e-300))",
                Options.defaults().withCapabilities(EnumSet.allOf(Capability.class)));
        double z = 0.023323437018214887;
        double u = Math.log(z / 1e-300);
        assertClose(Math.cos(u) / z, f.gradient(z)[0], 1e-12, "gradient");
        assertClose(Math.cos(u) / z, f.gradient(Mode.FORWARD, z)[0], 1e-12, "forward gradient");
        double want = (-Math.sin(u) - Math.cos(u)) / (z * z);
        assertClose(want, f.hessian(z)[0][0], 1e-12, "Hessian");
        assertClose(want, f.hessianVector(new double[] {z}, new double[] {1})[0], 1e-12, "Hessian-vector product");
    }

    @Test
    void aZeroTangentStillAnnihilatesAtADivisionByZero() {
        // f(x, y, z) = x/y at y = 0, direction along z (unused): every mode gives exactly 0 for z.
        CompiledFunction f = Fluxion.create().compile("fn f(x, y, z) { return x/y }",
                Options.defaults().withCapabilities(EnumSet.allOf(Capability.class)));
        double[] at = {1, 0, 2};
        assertClose(0.0, f.jvp(at, new double[] {0, 0, 1})[0], 0.0, "JVP along z");
        assertClose(0.0, f.gradient(at)[2], 0.0, "df/dz");
        assertClose(0.0, f.hessian(at)[2][0], 0.0, "H[z][x]");
        assertClose(0.0, f.hessian(at)[0][2], 0.0, "H[x][z]");
    }
}
