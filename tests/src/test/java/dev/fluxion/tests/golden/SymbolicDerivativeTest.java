package dev.fluxion.tests.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import org.junit.jupiter.api.Test;

/** The lecture's result, printed: the simplified derivative of ln(x1)+x1*x2-sin(x2). */
class SymbolicDerivativeTest {

    @Test
    void lectureExampleDerivativeWithRespectToX1() {
        CompiledFunction f = Fluxion.create().compile(GoldenPrograms.LECTURE);
        assertEquals("1/x1 + x2", f.derivative("x1"));
    }

    @Test
    void lectureExampleDerivativeWithRespectToX2() {
        CompiledFunction f = Fluxion.create().compile(GoldenPrograms.LECTURE);
        assertEquals("x1 - cos(x2)", f.derivative("x2"));
    }

    /**
     * The derivative product ⊙, whose zero annihilates, prints as {@code times(a, b)}, which
     * parses back (found by the fuzzer: it printed as {@code *}, and the pasted text gave NaN
     * where the compiled derivative gives 0). At x = 0.43, tanh(exp(x·cosh 4)) rounds to 1,
     * where asin' is infinite, and the derivative of tanh has underflowed to 0: 0 ⊙ ∞ = 0.
     */
    @Test
    void theDerivativeProductPrintsAsACallThatPastesBackIn() {
        Fluxion fluxion = Fluxion.create();
        CompiledFunction f = fluxion.compile("asin(tanh(exp(x*cosh(4))))");
        double x = 0.43;
        double compiled = f.gradient(x)[0];
        assertEquals(0.0, compiled, 0.0, "the compiled derivative");
        String d = f.derivative("x");
        assertTrue(d.contains("times("), "⊙ is written times(a, b): " + d);
        assertEquals(compiled, fluxion.compile(d).value(x), 0.0, "the pasted derivative " + d);
        // and at an ordinary point the text is the derivative
        double y = -0.5;
        assertEquals(f.gradient(y)[0], fluxion.compile(d).value(y), 1e-12, "the pasted derivative at " + y);
        assertEquals(2.0, fluxion.compile("times(2, x) + times(0, 1/x)").gradient(3.0)[0], 0.0,
                "times is a function of the language; its derivative here is 2");
        assertEquals(0.0, fluxion.compile("times(0, 1/x)").value(0.0), 0.0, "times(0, Infinity) = 0");
    }

    /**
     * A partial too long to print inline comes as a program with named intermediates: that
     * program returns the one partial asked for (issue 18: it returned the whole gradient), and
     * it parses back to a function whose value is that partial.
     */
    @Test
    void aLongPartialIsPrintedAsAProgramOfThatPartialAlone() {
        StringBuilder body = new StringBuilder();
        for (int k = 2; k <= 6; k++) {
            body.append(k == 2 ? "" : " + ").append("sin(v1*v").append(k).append(" + ").append(k)
                    .append(")*exp(cos(v1 - v").append(k).append(")/v").append(k).append(")*tanh(v1*v1 + v")
                    .append(k).append(")");
        }
        String program = "fn f(v1, v2, v3, v4, v5, v6) { return " + body + " }";
        Fluxion fluxion = Fluxion.create();
        CompiledFunction f = fluxion.compile(program);
        double[] x = {0.3, -0.7, 1.1, 0.9, -1.3, 0.5};
        double[] gradient = f.gradient(x);
        for (int i = 0; i < x.length; i++) {
            String input = f.inputs().get(i);
            String d = f.derivative(input);
            if (i == 0) {
                assertTrue(d.contains("\n"), "∂/∂v1 is long enough to print as a program:\n" + d);
            }
            if (!d.contains("\n")) {
                d = "fn d_y_d_" + input + "(v1, v2, v3, v4, v5, v6) { return " + d + " }";
                assertEquals(gradient[i], fluxion.compile(d).value(x), 1e-12 * Math.max(1, Math.abs(gradient[i])),
                        "the printed ∂/∂" + input + " evaluates to the gradient's component");
                continue;
            }
            assertTrue(d.startsWith("# "), d);
            assertTrue(d.contains("fn d_y_d_" + input + "(v1, v2, v3, v4, v5, v6) {"), d);
            assertTrue(d.contains("# grad[" + input + "]\n"), "returns ∂/∂" + input + ":\n" + d);
            assertFalse(d.contains("return ("), "one result, not the whole gradient:\n" + d);
            for (String other : f.inputs()) {
                if (!other.equals(input)) {
                    assertFalse(d.contains("grad[" + other + "]"), "no ∂/∂" + other + " in ∂/∂" + input + ":\n" + d);
                }
            }
            CompiledFunction partial = fluxion.compile(d);
            assertEquals(gradient[i], partial.value(x), 1e-12 * Math.max(1, Math.abs(gradient[i])),
                    "the printed ∂/∂" + input + " evaluates to the gradient's component");
        }
    }

    /**
     * An input whose name is longer than the printer's limits (found by the fuzzer: the
     * partial printed as {@code bv0 = null}): the name is printed whole wherever it is read,
     * and the printed partial parses back to the gradient's component.
     */
    @Test
    void anInputNameLongerThanThePrintersLimitsIsPrintedWhole() {
        // 190 characters: longer than the printer's limits, within the 200 a name may have; read
        // four times in the partial, so the partial prints as a program, not inline.
        String name = "x" + "a".repeat(189);
        Fluxion fluxion = Fluxion.create();
        CompiledFunction f = fluxion.compile("ln(" + name + ")*sin(" + name + ") + x1*x2 - sin(x2)");
        double[] x = {2, 5, 0.5};
        String d = f.derivative(name);
        assertFalse(d.contains("null"), d);
        assertTrue(d.contains("return"), "printed as a program:\n" + d);
        assertEquals(f.gradient(x)[0], fluxion.compile(d).value(x), 1e-15, "the printed partial:\n" + d);
    }
}
