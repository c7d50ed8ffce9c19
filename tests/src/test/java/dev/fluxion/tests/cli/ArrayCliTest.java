package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Array parameters on the command line: {@code --size n=3} binds a size, {@code --at x=[...]} gives an array whole. */
class ArrayCliTest {

    private static final String ROSENBROCK = "fn rosenbrock(x[n]) { return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2) }";

    @Test
    void gradientOfRosenbrockAtAnArray() {
        Cli.Result r = Cli.run("grad", ROSENBROCK, "--size", "n=3", "--at", "x=[1,1,1]");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("x[0]") && r.out().contains("x[2]"), r.out());
        Cli.Result nested = Cli.run("grad", "fn q(A[2, 2]) { return A[0, 0]*A[1, 1] - A[0, 1]*A[1, 0] }",
                "--at", "A=[[1,2],[3,4]]", "--json");
        assertEquals(0, nested.status(), nested.err());
        assertTrue(nested.out().replace(" ", "").contains("-2"), nested.out());
    }

    @Test
    void aMissingSizeOrABadArrayIsABadInput() {
        Cli.Result r = Cli.run("grad", ROSENBROCK, "--at", "x=[1,1,1]");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown size 'n'") && r.err().contains("--size n=10"), r.err());
        Cli.Result wrong = Cli.run("grad", ROSENBROCK, "--size", "n=3", "--at", "x=[1,1]");
        assertEquals(2, wrong.status());
        assertTrue(wrong.err().contains("no value for x[2]"), wrong.err());
        Cli.Result open = Cli.run("grad", ROSENBROCK, "--size", "n=3", "--at", "x=[1,1,1");
        assertEquals(2, open.status());
        assertTrue(open.err().contains("'[' without ']'"), open.err());
    }
}
