package dev.fluxion.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Mode;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors in .flx files: javac-style positions, the caret display, and what happens to old outputs. */
class ErrorReportingTest {

    @TempDir
    Path dir;

    private Generator generator() {
        return new Generator(new GeneratorSettings(dir.resolve("src"), dir.resolve("out"), dir.resolve("state"),
                "p", Set.of(Capability.GRADIENT), Mode.AUTO, "test"));
    }

    private Path write(String name, String text) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        return Files.writeString(dir.resolve("src").resolve(name), text);
    }

    @Test
    void aSyntaxErrorIsReportedWithFileLineAndColumnInJavacForm() throws IOException {
        Path f = write("bad.flx", "fn bad(x) {\n  y = x * \n  return y +* 2\n}\n");

        GenerationReport report = generator().run();

        assertTrue(report.failed());
        Problem p = report.problems().get(0);
        assertEquals(f.toAbsolutePath(), p.file());
        assertTrue(p.javacStyle().startsWith(f.toAbsolutePath() + ":[" + p.line() + "," + p.column() + "] "),
                p.javacStyle());
        assertTrue(p.line() >= 2, "the error is in the body, not at the start: " + p.javacStyle());
        assertTrue(p.describe().contains("^"), "the caret display follows: " + p.describe());
    }

    @Test
    void anUnknownFunctionPointsAtIt() throws IOException {
        Path f = write("u.flx", "# comment\n\nx * sine(x)\n");

        Problem p = generator().run().problems().get(0);

        assertEquals(3, p.line());
        assertEquals(5, p.column());
        assertTrue(p.message().contains("sine"), p.message());
        assertEquals(List.of("    3 | x * sine(x)", "      |     ^^^^"), p.display());
        assertTrue(p.javacStyle().startsWith(f.toAbsolutePath() + ":[3,5] "), p.javacStyle());
    }

    @Test
    void everyBadFileIsReportedAndGoodFilesAreStillGenerated() throws IOException {
        write("a.flx", "x*\n");
        write("b.flx", "x*y\n");
        write("c.flx", "foo(x)\n");

        GenerationReport report = generator().run();

        assertEquals(2, report.problems().size());
        assertEquals(1, report.generated().size());
    }

    @Test
    void aFileThatBreaksKeepsItsOldOutputAndIsRetriedUntilFixed() throws IOException {
        write("a.flx", "x*y\n");
        generator().run();
        Path out = dir.resolve("out/p/A.java");
        String good = Files.readString(out);

        write("a.flx", "x*\n");
        assertTrue(generator().run().failed());
        assertEquals(good, Files.readString(out), "the last good output stays until the source is fixed");
        assertTrue(generator().run().failed(), "a failed source is not taken as up to date");

        write("a.flx", "x*y\n");
        GenerationReport fixed = generator().run();
        assertEquals(List.of(out), fixed.generated());
    }

    @Test
    void everyErrorOfAFileIsAProblem() throws IOException {
        Path f = write("two.flx", "fn two(x) {\n  a = x + q\n  b = sine(x)\n  return a + b\n}\n");

        List<Problem> problems = generator().run().problems();

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).javacStyle().startsWith(f.toAbsolutePath() + ":[2,11] undefined variable 'q'"),
                problems.get(0).javacStyle());
        assertTrue(problems.get(1).javacStyle().startsWith(f.toAbsolutePath() + ":[3,7] unknown function 'sine'"),
                problems.get(1).javacStyle());
    }
}
