package dev.fluxion.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** The generated {@code jacobian} method follows {@link Options#jacobianMode()}. */
class JacobianModeSourceTest {

    private static final String WIDE = "fn wide(a, b) { return (a*b, sin(a), a+b) }";   // m=2 < n=3: forward
    private static final String TALL = "fn tall(a, b, c) { return (a*b*c, a-c) }";     // m=3 > n=2: reverse

    private static String source(String program, Mode mode) {
        return Compilation.of(program, Options.defaults().withCapability(Capability.JACOBIAN).withJacobianMode(mode))
                .javaSource();
    }

    @Test
    void autoFollowsTheShape() {
        assertTrue(source(WIDE, Mode.AUTO).contains("jacobianForward(x, y, jacobian);"));
        assertTrue(source(TALL, Mode.AUTO).contains("jacobianReverse(x, y, jacobian);"));
    }

    @Test
    void anExplicitModeWins() {
        assertTrue(source(WIDE, Mode.REVERSE).contains("jacobianReverse(x, y, jacobian);"));
        assertTrue(source(TALL, Mode.FORWARD).contains("jacobianForward(x, y, jacobian);"));
    }

    @Test
    void noJacobianCapabilityNoMethod() {
        assertFalse(Compilation.of(WIDE, Options.defaults()).javaSource().contains("void jacobian("));
    }

    @Test
    void bothModesGiveTheSameJacobian() throws Exception {
        double[] x = {0.5, -1.5, 2.0};
        double[] fwd = call(TALL, Mode.FORWARD, x);
        double[] rev = call(TALL, Mode.REVERSE, x);
        assertArrayEquals(new double[] {-3.0, 1.0, -0.75, 1.0, 0.0, -1.0}, fwd, 1e-12);
        assertArrayEquals(fwd, rev, 1e-12);
    }

    private static double[] call(String program, Mode mode, double[] x) throws Exception {
        Options o = Options.defaults().withCapability(Capability.JACOBIAN).withJacobianMode(mode);
        DifferentiableFunction f = Fluxion.create().compile(program, o).generated();
        double[] jac = new double[f.inputCount() * f.outputCount()];
        Method m = f.getClass().getMethod("jacobian", double[].class, double[].class, double[].class);
        m.invoke(f, x, new double[f.outputCount()], jac);
        return jac;
    }
}
