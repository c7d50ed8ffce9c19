package dev.fluxion.tests.compilers;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One suite, two runtime compilers: every check here runs with Janino
 * ({@link JaninoTest}) and with javax.tools ({@link JavaxToolsTest}), on the same
 * generated source, so the generated code stays in the subset both accept and both
 * compute the same numbers.
 */
abstract class CompilerContract {

    static final double TOL = 1e-12;
    static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));
    static final String POLAR = "fn polar(r, t) {\n  return (r*cos(t), r*sin(t))\n}\n";

    /** The Fluxion under test. */
    abstract Fluxion fluxion();

    /** The name {@link Fluxion#compilerName()} reports. */
    abstract String compilerName();

    @Test
    void reportsItsCompiler() {
        assertEquals(compilerName(), fluxion().compilerName());
    }

    @Test
    void lectureExampleValueGradientAndDerivative() {
        CompiledFunction f = fluxion().compile("ln(x1)+x1*x2-sin(x2)");
        assertEquals(List.of("x1", "x2"), f.inputs());
        assertClose(11.652071455223084, f.value(2, 5), TOL, "value");
        assertClose(new double[] {5.5, 1.7163378145367738}, f.gradient(2, 5), TOL, "reverse gradient");
        assertClose(new double[] {5.5, 1.7163378145367738}, f.gradient(Mode.FORWARD, 2, 5), TOL, "forward gradient");
        assertEquals("1/x1 + x2", f.derivative("x1"));
    }

    @Test
    void jvpOneAndManyDirectionsAndVjp() {
        CompiledFunction f = fluxion().compile("(x+y)*z", ALL);
        double[] x = {-2, 5, -4};
        assertArrayEquals(new double[] {-4 * 1 + 3 * 2}, f.jvp(x, new double[] {1, 0, 2}), TOL);
        double[][] many = f.jvp(x, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 1}});
        assertArrayEquals(new double[][] {{-4}, {-4}, {3}, {-5}}, many);
        assertArrayEquals(new double[] {-8, -8, 6}, f.vjp(x, new double[] {2}), TOL);
    }

    @Test
    void hessianAndHessianVectorProduct() {
        CompiledFunction f = fluxion().compile("x^2*y + exp(x*y)", ALL.withVariables("x", "y"));
        double x = 0.5;
        double y = -1.5;
        double e = Math.exp(x * y);
        double[][] want = {{2 * y + y * y * e, 2 * x + e + x * y * e}, {2 * x + e + x * y * e, x * x * e}};
        assertClose(want, f.hessian(x, y), 1e-12, "Hessian");
        double[] v = {2, -1};
        assertClose(new double[] {want[0][0] * 2 - want[0][1], want[1][0] * 2 - want[1][1]},
                f.hessianVector(new double[] {x, y}, v), 1e-12, "H·v");
    }

    @Test
    void vectorProgramJacobianByEitherModeAndAuto() {
        CompiledFunction f = fluxion().compile(POLAR, ALL);
        assertEquals(2, f.outputCount());
        double r = 2;
        double t = 0.3;
        assertClose(new double[] {r * Math.cos(t), r * Math.sin(t)}, f.values(r, t), TOL, "values");
        double[][] want = {{Math.cos(t), -r * Math.sin(t)}, {Math.sin(t), r * Math.cos(t)}};
        assertClose(want, f.jacobian(Mode.FORWARD, r, t), TOL, "forward Jacobian");
        assertClose(want, f.jacobian(Mode.REVERSE, r, t), TOL, "reverse Jacobian");
        assertClose(want, f.jacobian(r, t), TOL, "AUTO Jacobian");
        assertThrows(UnsupportedOperationException.class, () -> f.gradient(r, t),
                "a gradient of a two-output function is not defined");
    }

    @Test
    void capabilitiesCompiledOnFirstUseGiveTheSameNumbers() {
        CompiledFunction lazy = fluxion().compile("sigmoid(w*x + b)");
        CompiledFunction eager = fluxion().compile("sigmoid(w*x + b)", ALL);
        double[] p = {0.7, -1.2, 0.1};
        assertArrayEquals(eager.hessian(p), lazy.hessian(p));
        assertArrayEquals(eager.gradient(Mode.FORWARD, p), lazy.gradient(Mode.FORWARD, p));
        assertArrayEquals(eager.jvp(p, new double[] {1, 2, 3}), lazy.jvp(p, new double[] {1, 2, 3}));
    }

    @Test
    void explicitVariableOrderReordersInputs() {
        CompiledFunction f = fluxion().compile("x - 2*y", Options.defaults().withVariables("y", "x", "unused"));
        assertEquals(List.of("y", "x", "unused"), f.inputs());
        assertEquals(3 - 2 * 10, f.value(10, 3, 99), 0);
        assertArrayEquals(new double[] {-2, 1, 0}, f.gradient(10, 3, 99));
    }

    @Test
    void namedProgramWithIntermediates() {
        CompiledFunction f = fluxion().compile(
                "fn neuron(w0, x0, w1, x1, b) {\n  z = w0*x0 + w1*x1 + b\n  return sigmoid(z)\n}\n");
        double[] p = {2, -1, -3, -2, -3};
        double z = 2 * -1 + -3 * -2 + -3;
        double s = 1 / (1 + Math.exp(-z));
        double d = s * (1 - s);
        assertClose(s, f.value(p), TOL, "value");
        assertClose(new double[] {d * -1, d * 2, d * -2, d * -3, d}, f.gradient(p), TOL, "gradient");
    }

    @Test
    void sameProgramTwiceLoadsOneClass() {
        Fluxion fl = fluxion();
        CompiledFunction a = fl.compile("x*sin(y)");
        CompiledFunction b = fl.compile("x*sin(y)");
        assertSame(a.generated().getClass(), b.generated().getClass(), "classes are cached by source hash");
    }

    @Test
    void constantsFoldedToNonFiniteValuesAreValidJava() {
        CompiledFunction f = fluxion().compile("x + ln(-1)");
        assertTrue(Double.isNaN(f.value(1)), "ln(-1) is NaN");
        CompiledFunction g = fluxion().compile("x * (1/0) - (-1/0)", ALL);
        assertEquals(Double.POSITIVE_INFINITY, g.value(1), 0);
        assertEquals(Double.POSITIVE_INFINITY, g.gradient(1)[0], 0);
    }
}
