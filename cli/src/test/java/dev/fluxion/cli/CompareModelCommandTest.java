package dev.fluxion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fluxion compare} on models, through picocli, with short timings (no assertions on times). */
class CompareModelCommandTest {

    static final String MLP = """
            model mlp {
              input  x[B, 5]
              label  y[B] of 3
              param  W1[5, 4] init he_uniform
              param  b1[4]    init uniform(-0.1, 0.1)
              param  W2[4, 3] init he_uniform
              param  b2[3]
              h      = relu(x @ W1 + b1)
              logits = h @ W2 + b2
              loss   = mean(cross_entropy(logits, y))
            }
            """;

    static final String SOFTMAX = """
            # softmax regression, 4 features, 3 classes
            model softmax_regression {
              input  x[B, 4]
              label  y[B] of 3
              param  W[4, 3] init uniform(-0.5, 0.5)
              param  b[3]    init uniform(-0.1, 0.1)
              loss   = mean(cross_entropy(x @ W + b, y))
            }
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.withErrorHandling(new CommandLine(new CompareCommand()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void anMlpFileIsRecognisedAsAModelAndBothModesAgreeOnTheGradient(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("mlp.flx"), MLP);

        assertEquals(0, run("-f", f.toString(), "--time", "5", "--batch", "3", "--seed", "7"), err.toString());

        String r = out.toString();
        assertTrue(r.contains("model:     mlp\n"), r);
        // 5*4 + 4 + 4*3 + 3 = 39 coordinates: forward needs 39 passes, reverse 1
        assertTrue(r.contains("loss: R^39 -> R  (parameters W1 (20), b1 (4), W2 (12), b2 (3))"), r);
        assertTrue(r.contains("seed 7, batch 3"), r);
        assertTrue(r.contains("(agree)"), r);
        Matcher forward = Pattern.compile("forward\\s+39\\s+(\\d+)\\s+(\\d+)").matcher(r);
        Matcher reverse = Pattern.compile("reverse\\s+1\\s+(\\d+)\\s+(\\d+)").matcher(r);
        assertTrue(forward.find() && reverse.find(), r);
        assertEquals(39L * Long.parseLong(forward.group(1)), Long.parseLong(forward.group(2)), r);
        assertEquals(reverse.group(1), reverse.group(2), r);
        assertTrue(r.contains("recommended: reverse (loss: R^39 -> R, so forward needs 39 passes and reverse 1"), r);
    }

    @Test
    void softmaxRegressionGivenInlineAsJson() {
        assertEquals(0, run(SOFTMAX, "--time", "3", "--json"), err.toString());

        String j = out.toString().strip();
        assertTrue(j.startsWith("{\"model\": \"softmax_regression\", \"parameters\": [\"W\", \"b\"], \"coordinates\": 15, "
                + "\"batch\": 2, \"seed\": 1, \"loss\": "), j);
        assertTrue(j.contains("\"sampledPasses\": 0, \"forward\": {\"passes\": 15, "), j);
        assertTrue(j.contains("\"reverse\": {\"passes\": 1, "), j);
        assertTrue(j.contains("\"recommended\": \"reverse\""), j);
        assertTrue(j.endsWith("}") && j.lines().count() == 1, j);
        Matcher diff = Pattern.compile("\"maxRelativeDifference\": ([^,]+),").matcher(j);
        assertTrue(diff.find(), j);
        assertTrue(Double.parseDouble(diff.group(1)) <= CompareCommand.AGREEMENT, j);
    }

    @Test
    void theSameSeedGivesTheSameLossAndAnotherSeedAnother() {
        assertEquals(0, run(SOFTMAX, "--time", "1", "--json", "--seed", "3"), err.toString());
        assertEquals(0, run(SOFTMAX, "--time", "1", "--json", "--seed", "3"), err.toString());
        assertEquals(0, run(SOFTMAX, "--time", "1", "--json", "--seed", "4"), err.toString());
        String[] lines = out.toString().strip().split("\n");
        assertEquals(loss(lines[0]), loss(lines[1]));
        assertTrue(!loss(lines[0]).equals(loss(lines[2])), out.toString());
    }

    @Test
    void optionsThatDoNotFitAreErrors() {
        assertEquals(2, run(SOFTMAX, "--at", "x=1"));
        assertTrue(err.toString().contains("--at does not apply to a model"), err.toString());
        assertEquals(2, run(SOFTMAX, "--batch", "0"));
        assertTrue(err.toString().contains("--batch must be at least 1"), err.toString());
        assertEquals(2, run("x*y", "--batch", "3"));
        assertTrue(err.toString().contains("apply to models only"), err.toString());
    }

    @Test
    void aShapeErrorInTheModelIsReportedWithItsPosition() {
        int code = run("model bad {\n  input x[B, 4]\n  param W[5, 3]\n  loss = sum(x @ W)\n}\n");

        assertEquals(2, code, out + "\n" + err);
        assertTrue(err.toString().contains("4:"), err.toString());
        assertTrue(err.toString().contains("[B, 4]"), err.toString());
    }

    private static String loss(String json) {
        Matcher m = Pattern.compile("\"loss\": ([^,]+),").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }
}
