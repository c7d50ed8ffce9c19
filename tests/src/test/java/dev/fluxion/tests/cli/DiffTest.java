package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.tests.support.Golden;
import org.junit.jupiter.api.Test;

/** {@code fluxion diff} and {@code --dump-after}: golden outputs for the lecture's examples. */
class DiffTest {

    @Test
    void lectureExampleWrtX1() {
        Cli.Result r = Cli.run("diff", "ln(x1)+x1*x2-sin(x2)", "--wrt", "x1");
        assertEquals(0, r.status(), r.err());
        assertEquals("dy/dx1 = 1/x1 + x2\n", r.out());
    }

    /** {@code fluxion diff f.flx} reads the file, as {@code -f f.flx} does, and names it in errors. */
    @Test
    void aFlxArgumentIsAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path f = dir.resolve("neuron.flx");
        java.nio.file.Files.writeString(f, "fn neuron(w, x) {\n  return sigmoid(w*x) + q\n}\n");
        Cli.Result bad = Cli.run("diff", f.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().startsWith(f + ":2:"), bad.err());
        java.nio.file.Files.writeString(f, "fn neuron(w, x) {\n  return w*x\n}\n");
        Cli.Result r = Cli.run("diff", f.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(Cli.run("diff", "-f", f.toString()).out(), r.out());
        assertTrue(r.out().contains("dy/dw = x"), r.out());
    }

    @Test
    void lectureExamplesMatchGolden() {
        StringBuilder sb = new StringBuilder();
        for (String program : new String[] {
                "ln(x1)+x1*x2-sin(x2)",
                "(x+y)*z",
                "fn neuron(w0, x0, w1, x1, b) {\n  z = w0*x0 + w1*x1 + b\n  return sigmoid(z)\n}",
                "fn polar(r, t) { return (r*cos(t), r*sin(t)) }"}) {
            Cli.Result r = Cli.run("diff", program);
            assertEquals(0, r.status(), r.err());
            sb.append("$ fluxion diff '").append(program).append("'\n").append(r.out()).append('\n');
        }
        Golden.check("cli/diff.txt", sb.toString());
    }

    /** A partial long enough to print as a program prints that partial alone (issue 18, item 8). */
    @Test
    void aLongPartialPrintsOnlyThePartialAskedFor() {
        String program = "fn f(v1, v2, v3) { return sin(v1*v2 + 2)*exp(cos(v1 - v2)/v2)*tanh(v1*v1 + v2)"
                + " + sin(v1*v3 + 3)*exp(cos(v1 - v3)/v3)*tanh(v1*v1 + v3)"
                + " + sin(v1*v2*v3)*exp(cos(v1*v2 - v3)/v3)*tanh(v1*v1*v2 + v3) }";
        Cli.Result r = Cli.run("diff", program, "--wrt", "v1");
        assertEquals(0, r.status(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("dy/dv1 = \n# "), out);
        assertTrue(out.contains("fn d_y_d_v1(v1, v2, v3) {"), out);
        assertTrue(out.contains("# grad[v1]\n"), out);
        assertFalse(out.contains("grad[v2]") || out.contains("grad[v3]"), out);
    }

    @Test
    void variableOrderFromVars() {
        Cli.Result r = Cli.run("diff", "x*y", "--vars", "y,x");
        assertEquals("dy/dy = x\ndy/dx = y\n", r.out());
    }

    @Test
    void dumpAfterEveryStageGoesToStderr() {
        Cli.Result r = Cli.run("diff", "ln(x1)+x1*x2-sin(x2)", "--dump-after=parse,diff,simplify");
        assertEquals(0, r.status(), r.err());
        assertEquals("dy/dx1 = 1/x1 + x2\ndy/dx2 = x1 - cos(x2)\n", r.out());
        Golden.check("cli/dump-after.txt", r.err());
    }

    @Test
    void dumpAfterRollShowsTheLoopsAndTheRest() {
        StringBuilder rosenbrock = new StringBuilder();
        for (int i = 0; i < 19; i++) {
            rosenbrock.append(i == 0 ? "" : " + ").append("(1 - x").append(i).append(")^2 + 100*(x").append(i + 1)
                    .append(" - x").append(i).append("^2)^2");
        }
        Cli.Result r = Cli.run("gen", rosenbrock.toString(), "--dump-after=roll");
        assertEquals(0, r.status(), r.err());
        Golden.check("cli/dump-after-roll.txt", r.err());
        Cli.Result none = Cli.run("gen", "ln(x1)+x1*x2-sin(x2)", "--dump-after=roll");
        assertEquals("== after roll: no loops (no sum has 16 or more terms of one form on inputs at regular "
                + "positions) ==\n", none.err());
    }
}
