package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.tests.support.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command lines, run through the {@code ./fluxion} script and the shaded jar
 * exactly as a user runs them. The jar is built by the {@code package} phase of the cli
 * module, which {@code mvn verify} (the README's test command and CI) runs before these
 * tests; a bare {@code mvn test} has no jar, and then this class is reported as skipped.
 */
class LauncherTest {

    private static final Path ROOT = Golden.ROOT.resolve("../../../..").normalize();
    private static final Path SCRIPT = ROOT.resolve("fluxion");
    private static final Path JAR = ROOT.resolve("cli/target/fluxion.jar");
    private static final String LECTURE = "ln(x1)+x1*x2-sin(x2)";

    @Test
    void readmeCommandsRunThroughTheScript(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(JAR), "no " + JAR + ": run mvn verify (or package the cli module) first");
        Cli.Result trace = script(dir, "trace", LECTURE, "--at", "x1=2,x2=5");
        assertEquals(0, trace.status(), trace.err());
        Golden.check("trace/lecture.txt", trace.out());

        Cli.Result diff = script(dir, "diff", LECTURE);
        assertEquals("dy/dx1 = 1/x1 + x2\ndy/dx2 = x1 - cos(x2)\n", diff.out());

        Cli.Result grad = script(dir, "grad", LECTURE, "--at", "2,5", "--mode", "forward", "--json");
        assertEquals(0, grad.status(), grad.err());
        assertTrue(grad.out().contains("\"gradient\": [5.5, 1.7163378145367738]"), grad.out());

        Cli.Result gen = script(dir, "gen", LECTURE, "-o", "Expression.java");
        assertEquals(0, gen.status(), gen.err());
        assertTrue(Files.readString(dir.resolve("Expression.java")).contains("public final class Expression"));

        Cli.Result check = script(dir, "check", LECTURE, "--at", "2,5");
        assertEquals(0, check.status(), check.out() + check.err());

        Cli.Result bad = script(dir, "diff", "ln(x1)+*x2");
        assertEquals(2, bad.status());
        assertTrue(bad.err().startsWith("<input>:1:8: error: "), bad.err());
    }

    /** {@code sh ./fluxion args...} in {@code dir}. */
    private static Cli.Result script(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./fluxion did not finish within 60 s");
        }
        return new Cli.Result(p.exitValue(), out, err);
    }
}
