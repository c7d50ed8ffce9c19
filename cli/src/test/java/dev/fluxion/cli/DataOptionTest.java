package dev.fluxion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --data}: a function's data parameters on the command line, and the commands that refuse them. */
class DataOptionTest {

    static final String NLL = "fn nll(w[d], b; X[m, d], y[m]) {\n"
            + "  return sum(i in 0..m-1: log(1 + exp(-y[i] * (sum(j in 0..d-1: X[i, j] * w[j]) + b))))\n}\n";

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void gradReadsDataFromAFileAndALine(@TempDir Path dir) throws Exception {
        Path program = Files.writeString(dir.resolve("nll.flx"), NLL);
        Path x = Files.writeString(dir.resolve("X.csv"), "1.0, 2.0\n-0.5, 0.3\n0.2, -1.1\n");
        Run r = run("grad", "-f", program.toString(), "--size", "m=3,d=2", "--data", "X=@" + x,
                "--data", "y=[1,-1,1]", "--at", "w=[0.1,0.2],b=0.3");
        assertEquals(0, r.code(), r.err());
        // By hand: z_i = X_i . w + b; f = sum log(1 + exp(-y_i z_i)).
        double[][] xs = {{1, 2}, {-0.5, 0.3}, {0.2, -1.1}};
        double[] ys = {1, -1, 1};
        double f = 0;
        for (int i = 0; i < 3; i++) {
            f += Math.log(1 + Math.exp(-ys[i] * (xs[i][0] * 0.1 + xs[i][1] * 0.2 + 0.3)));
        }
        assertTrue(r.out().contains("y = " + Numbers.exact(f)), r.out());
    }

    @Test
    void aGatherReadsItsIndicesFromDataAndABadIndexIsAUserErrorWithItsLine() {
        String chain = "fn chain(x[4]; idx[3]) {\n  return sum(k in 0..2: x[idx[k]] * x[idx[k] + 1])\n}\n";
        Run ok = run("grad", chain, "--data", "idx=[0,2,2]", "--at", "x=[1,2,3,4]");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("y = 26"), ok.out());        // 1*2 + 3*4 + 3*4
        Run check = run("check", chain, "--data", "idx=[0,2,2]", "--at", "x=[1,2,3,4]");
        assertEquals(0, check.code(), check.err() + check.out());
        assertTrue(check.out().startsWith("checking chain(x[0], x[1], x[2], x[3])"), check.out());
        Run bad = run("grad", chain, "--data", "idx=[0,3,1]", "--at", "x=[1,2,3,4]");
        assertEquals(2, bad.code(), bad.err());
        assertEquals("fluxion: line 2, column 37: x[idx[k] + 1]: idx[k] = 3, which makes index 4, outside x "
                + "(4 elements, 0..3)\n", bad.err().replace("\r", ""));
    }

    @Test
    void missingUnknownAndMisshapenDataAreUserErrors(@TempDir Path dir) throws Exception {
        Path program = Files.writeString(dir.resolve("nll.flx"), NLL);
        Run missing = run("grad", "-f", program.toString(), "--size", "m=3,d=2", "--data", "y=[1,-1,1]", "--at", "0,0,0");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no data for X"), missing.err());
        Run unknown = run("grad", "-f", program.toString(), "--size", "m=3,d=2", "--data", "Z=1", "--at", "0,0,0");
        assertTrue(unknown.err().contains("no data parameter 'Z'; they are X, y"), unknown.err());
        Run length = run("grad", "-f", program.toString(), "--size", "m=3,d=2", "--data", "X=[1,2,3]",
                "--data", "y=[1,-1,1]", "--at", "0,0,0");
        assertTrue(length.err().contains("data X must have 6 elements (row-major), got 3"), length.err());
        Run none = run("grad", "x*x", "--data", "y=1", "--at", "1");
        assertTrue(none.err().contains("this function has no data parameters"), none.err());
        Run trace = run("trace", "-f", program.toString(), "--size", "m=3,d=2", "--at", "0,0,0");
        assertEquals(2, trace.code());
        assertTrue(trace.err().contains("the trace does not take data parameters (X, y) yet"), trace.err());
    }
}
