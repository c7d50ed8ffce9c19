package dev.fluxion.tests.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import org.junit.jupiter.api.Test;

/**
 * Runtime domain errors follow IEEE 754, as CompiledFunction documents: no exception,
 * NaN where the result is undefined, ±Infinity for a pole, and NaN propagates through
 * the value and the derivatives.
 */
class IeeeSemanticsTest {

    private static final Fluxion FLUXION = Fluxion.create();

    @Test
    void lnOfANegativeNumberIsNaN() {
        CompiledFunction f = FLUXION.compile("ln(x)");
        assertTrue(Double.isNaN(f.value(-1)));
        assertEquals(Double.NEGATIVE_INFINITY, f.value(0), 0);
        assertEquals(Double.POSITIVE_INFINITY, f.gradient(0)[0], 0, "d ln x = 1/x");
        assertEquals(Double.NEGATIVE_INFINITY, f.gradient(-0.0)[0], 0, "1/-0 is -Infinity");
        assertTrue(Double.isNaN(FLUXION.compile("ln(-1)").value()), "folded at compile time, same answer");
    }

    @Test
    void divisionByZeroIsInfinity() {
        CompiledFunction f = FLUXION.compile("1/x");
        assertEquals(Double.POSITIVE_INFINITY, f.value(0), 0);
        assertEquals(Double.NEGATIVE_INFINITY, f.value(-0.0), 0);
        assertEquals(Double.POSITIVE_INFINITY, FLUXION.compile("1/0").value(), 0);
        assertTrue(Double.isNaN(FLUXION.compile("x/y").value(0, 0)), "0/0 is NaN");
    }

    @Test
    void sqrtAtZeroHasAnInfiniteSlope() {
        CompiledFunction f = FLUXION.compile("sqrt(x)");
        assertEquals(0, f.value(0), 0);
        assertEquals(Double.POSITIVE_INFINITY, f.gradient(0)[0], 0);
        assertEquals(Double.POSITIVE_INFINITY, f.gradient(Mode.FORWARD, 0)[0], 0);
        assertTrue(Double.isNaN(f.value(-4)));
    }

    @Test
    void overflowAndNaNPropagate() {
        CompiledFunction f = FLUXION.compile("exp(x) * y");
        assertEquals(Double.POSITIVE_INFINITY, f.value(1000, 1), 0);
        double[] g = f.gradient(Double.NaN, 2);
        assertTrue(Double.isNaN(g[0]) && Double.isNaN(g[1]), "NaN input, NaN gradient");
        double[] gf = f.gradient(Mode.FORWARD, Double.NaN, 2);
        assertTrue(Double.isNaN(gf[0]) && Double.isNaN(gf[1]), "same in forward mode");
    }

    @Test
    void powerOfANegativeBaseWithAVariableExponent() {
        CompiledFunction f = FLUXION.compile("x^y");
        assertEquals(-8, f.value(-2, 3), 0);
        double[] g = f.gradient(-2, 3);
        assertEquals(12, g[0], 1e-12, "d/dx = y x^(y-1)");
        assertTrue(Double.isNaN(g[1]), "d/dy = x^y ln x is NaN for x < 0 (documented in Arithmetic.POW)");
    }
}
