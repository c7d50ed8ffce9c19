package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code fluxion grad} (text, JSON, several outputs, both modes) and {@code fluxion check} (pass and fail). */
class GradCheckTest {

    private static final String LECTURE = "ln(x1)+x1*x2-sin(x2)";

    @Test
    void gradientInText() {
        Cli.Result r = Cli.run("grad", LECTURE, "--at", "x1=2,x2=5");
        assertEquals(0, r.status(), r.err());
        assertEquals("at x1 = 2, x2 = 5 (reverse mode)\n"
                + "y = 11.652071455223084\n"
                + "dy/dx1 = 5.5\n"
                + "dy/dx2 = 1.7163378145367738\n", r.out());
    }

    @Test
    void gradientInJsonByForwardMode() {
        Cli.Result r = Cli.run("grad", LECTURE, "--at", "2,5", "--mode", "forward", "--json");
        assertEquals(0, r.status(), r.err());
        assertEquals("{\"inputs\": [\"x1\", \"x2\"], \"point\": [2, 5], \"outputs\": [\"y\"], \"mode\": \"forward\", "
                + "\"value\": 11.652071455223084, \"gradient\": [5.5, 1.7163378145367738], "
                + "\"values\": [11.652071455223084], \"jacobian\": [[5.5, 1.7163378145367738]]}\n", r.out());
    }

    @Test
    void jacobianOfSeveralOutputsSameInBothModes() {
        String polar = "fn polar(r, t) { return (r*cos(t), r*sin(t)) }";
        Cli.Result fwd = Cli.run("grad", polar, "--at", "r=2,t=0", "--mode", "forward");
        Cli.Result rev = Cli.run("grad", polar, "--at", "r=2,t=0", "--mode", "reverse");
        assertEquals(0, fwd.status(), fwd.err());
        assertEquals("at r = 2, t = 0 (forward mode)\ny0 = 2\ny1 = 0\ndy0/dr = 1\ndy0/dt = 0\ndy1/dr = 0\ndy1/dt = 2\n",
                fwd.out());
        assertEquals(fwd.out().replace("forward", "reverse"), rev.out());
    }

    @Test
    void pointsWithNegativeNumbersSpacesAndExponents() {
        assertEquals("at x = -1, y = 2 (reverse mode)\ny = -2\ndy/dx = 2\ndy/dy = -1\n",
                Cli.run("grad", "x*y", "--at", "-1,2").out());
        assertEquals(Cli.run("grad", "x*y", "--at", "y=2.5,x=-0.001").out(),
                Cli.run("grad", "x*y", "--at", "x = -1e-3, y = 2.5").out());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"diff", "grad", "trace", "gen", "check"}) {
            Cli.Result r = Cli.run(command, "--help");
            assertEquals(0, r.status(), command);
            assertTrue(r.out().startsWith("Usage: fluxion " + command), r.out());
        }
    }

    @Test
    void nonFiniteValuesInJson() {
        Cli.Result r = Cli.run("grad", "ln(x)", "--at", "-1", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"value\": \"NaN\""), r.out());
    }

    @Test
    void checkPassesOnSampledPointsAndAtAPoint() {
        Cli.Result sampled = Cli.run("check", LECTURE);
        assertEquals(0, sampled.status(), sampled.out() + sampled.err());
        assertTrue(sampled.out().startsWith("checking f(x1, x2) at 5 sampled point(s) (seed 1)"), sampled.out());
        assertTrue(sampled.out().contains("\nok: largest error "), sampled.out());
        Cli.Result at = Cli.run("check", "fn polar(r, t) { return (r*cos(t), r*sin(t)) }", "--at", "1,2");
        assertEquals(0, at.status(), at.out() + at.err());
    }

    @Test
    void checkFailsAboveTheTolerance() {
        // Central differences are never exact for ln: an absurd tolerance must fail, with status 3.
        Cli.Result r = Cli.run("check", "ln(x)*x", "--at", "1.5", "--tolerance", "1e-300");
        assertEquals(3, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("FAILED: largest error"), r.out());
    }
}
