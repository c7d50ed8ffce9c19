package dev.fluxion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The progress display of {@code fluxion train}: redrawn in place on a terminal only. */
class TrainCommandTest {

    private static final String MODEL = "model tiny {\n  input x[B, 2]\n  label y[B] of 2\n"
            + "  param W[2, 2] init zeros\n  logits = x @ W\n  loss = mean(cross_entropy(logits, y))\n}\n";

    private static String train(Path dir, boolean terminal) throws Exception {
        Path data = dir.resolve("d.csv");
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            csv.append(i % 2).append(',').append(1 - i % 2).append(',').append(i % 2).append('\n');
        }
        Files.writeString(data, csv);
        Path model = dir.resolve("tiny.flx");
        Files.writeString(model, MODEL);
        TrainCommand c = new TrainCommand();
        c.terminal = () -> terminal;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.withErrorHandling(new CommandLine(c));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("-f", model.toString(), "--train", data.toString(), "--epochs", "3", "--batch", "8"),
                err.toString());
        return out.toString();
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlace(@TempDir Path dir) throws Exception {
        String out = train(dir, true);
        assertTrue(out.contains("\repoch 1/3 ["), out);
        assertTrue(out.contains("\repoch 3/3 [====================] 8/8 loss "), out);
    }

    @Test
    void elsewhereOneLinePerEpoch(@TempDir Path dir) throws Exception {
        String out = train(dir, false);
        assertFalse(out.contains("\r"), out);
        assertEquals(3, out.lines().filter(l -> l.startsWith("epoch ")).count(), out);
    }
}
