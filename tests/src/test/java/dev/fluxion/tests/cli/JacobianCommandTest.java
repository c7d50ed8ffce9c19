package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.tests.support.Golden;
import org.junit.jupiter.api.Test;

/** {@code fluxion jacobian}: the matrix as a person reads it, its sparse form, and JSON. */
class JacobianCommandTest {

    private static final String BAND = "fn band(x[n]) {\n"
            + "  return (x[0]^2 - x[1], x[0]*x[1]*x[2], sin(x[1]) + x[3]*x[2], exp(x[2]) * x[3] + x[4], x[4]^3 - x[3])\n"
            + "}";
    private static final String POLAR = "fn polar(r, t) { return (r*cos(t), r*sin(t)) }";

    @Test
    void matricesMatchGolden() {
        StringBuilder sb = new StringBuilder();
        String[][] runs = {
                {POLAR, "--at", "r=2,t=0.5"},
                {POLAR, "--at", "r=2,t=0.5", "--mode", "reverse"},
                {BAND, "--size", "n=5", "--at", "x=[1,2,3,0.5,-1]"},
                {"ln(x1)+x1*x2-sin(x2)", "--at", "x1=2,x2=5"}};
        for (String[] run : runs) {
            String[] args = new String[run.length + 1];
            args[0] = "jacobian";
            System.arraycopy(run, 0, args, 1, run.length);
            Cli.Result r = Cli.run(args);
            assertEquals(0, r.status(), r.err());
            sb.append("$ fluxion jacobian '").append(run[0]).append("'");
            for (int i = 1; i < run.length; i++) {
                sb.append(' ').append(run[i]);
            }
            sb.append('\n').append(r.out()).append('\n');
        }
        Golden.check("cli/jacobian.txt", sb.toString());
    }

    @Test
    void sparseIsWhatGradSparsePrints() {
        Cli.Result jac = Cli.run("jacobian", BAND, "--size", "n=5", "--at", "x=[1,2,3,0.5,-1]", "--sparse");
        Cli.Result grad = Cli.run("grad", BAND, "--size", "n=5", "--at", "x=[1,2,3,0.5,-1]", "--sparse");
        assertEquals(0, jac.status(), jac.err());
        assertEquals(grad.out(), jac.out());
    }

    @Test
    void jsonHasTheMatrix() {
        Cli.Result r = Cli.run("jacobian", POLAR, "--at", "r=1,t=0", "--json");
        assertEquals(0, r.status(), r.err());
        assertEquals("{\"inputs\": [\"r\", \"t\"], \"point\": [1, 0], \"outputs\": [\"y0\", \"y1\"], \"mode\": \"reverse\", "
                + "\"jacobian\": [[1, 0], [0, 1]]}\n", r.out());
    }

    @Test
    void badInputIsAMessage() {
        Cli.Result r = Cli.run("jacobian", POLAR, "--at", "r=1");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("fluxion: --at r=1: no value for t"), r.err());
    }
}
