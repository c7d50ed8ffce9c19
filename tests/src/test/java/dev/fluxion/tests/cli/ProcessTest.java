package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The command as a user runs it: a JVM of its own, its stdout, stderr and exit status. */
class ProcessTest {

    @Test
    void traceOfTheLectureExample() {
        Cli.Result r = Cli.process("trace", "ln(x1)+x1*x2-sin(x2)", "--at", "x1=2,x2=5");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertEquals(Cli.run("trace", "ln(x1)+x1*x2-sin(x2)", "--at", "x1=2,x2=5").out(), r.out());
        assertTrue(r.out().contains("Reverse mode (adjoint trace): ∂y/∂x1 = 5.5, ∂y/∂x2 = 1.716"), r.out());
    }

    @Test
    void syntaxErrorExitsWithTwoAndACaret() {
        Cli.Result r = Cli.process("diff", "ln(x1)+*x2");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals("<input>:1:8: error: unexpected '*'; expected an expression\n"
                + "    1 | ln(x1)+*x2\n"
                + "      |        ^\n", r.err());
    }

    @Test
    void injectionAttemptDoesNotRunAnything() {
        Cli.Result r = Cli.process("grad", "x\"; System.exit(7); //", "--at", "1");
        assertEquals(2, r.status(), r.err());
    }
}
