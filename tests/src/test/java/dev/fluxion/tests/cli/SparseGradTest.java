package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.tests.support.Golden;
import org.junit.jupiter.api.Test;

/** {@code fluxion grad --sparse}: the Jacobian (and a scalar function's Hessian) in CSR with the report, as a person sees it. */
class SparseGradTest {

    private static final String BAND = "fn band(x[n]) {\n"
            + "  return (x[0]^2 - x[1], x[0]*x[1]*x[2], sin(x[1]) + x[3]*x[2], exp(x[2]) * x[3] + x[4], x[4]^3 - x[3])\n"
            + "}";
    private static final String ROSENBROCK =
            "fn rosenbrock(x[n]) { return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2) }";
    private static final String DENSE_ROW = "fn row(a, b, c, d) { return (a + b + c + d, a^2, b^2, c^2, d^2) }";

    @Test
    void sparseJacobiansAndHessiansMatchGolden() {
        StringBuilder sb = new StringBuilder();
        String[][] runs = {
                {BAND, "--size", "n=5", "--at", "x=[1,2,3,0.5,-1]"},
                {ROSENBROCK, "--size", "n=5", "--at", "x=[1,2,3,0.5,-1]"},
                {DENSE_ROW, "--at", "1,2,3,4"},
                {DENSE_ROW, "--at", "1,2,3,4", "--mode", "forward"}};
        for (String[] run : runs) {
            String[] args = new String[run.length + 2];
            args[0] = "grad";
            System.arraycopy(run, 0, args, 1, run.length);
            args[args.length - 1] = "--sparse";
            Cli.Result r = Cli.run(args);
            assertEquals(0, r.status(), r.err());
            sb.append("$ fluxion grad '").append(run[0]).append("'");
            for (int i = 1; i < run.length; i++) {
                sb.append(' ').append(run[i]);
            }
            sb.append(" --sparse\n").append(r.out()).append('\n');
        }
        Golden.check("cli/grad-sparse.txt", sb.toString());
    }

    @Test
    void jsonCarriesTheCsrArraysAndTheReport() {
        Cli.Result r = Cli.run("grad", ROSENBROCK, "--size", "n=4", "--at", "x=[1,2,3,4]", "--sparse", "--json");
        assertEquals(0, r.status(), r.err());
        String out = r.out();
        assertTrue(out.contains("\"hessian\": {\"rows\": 4, \"cols\": 4, \"nnz\": 10, \"mode\": \"star\", \"colors\": 3,"
                + " \"row_pointers\": [0, 2, 5, 8, 10], \"column_indices\": [0, 1, 0, 1, 2, 1, 2, 3, 2, 3]"), out);
        assertTrue(out.contains("\"jacobian\": {\"rows\": 1, \"cols\": 4, \"nnz\": 4, \"mode\": \"reverse\", \"colors\": 1"),
                out);
    }
}
