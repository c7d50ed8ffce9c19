package dev.fluxion.tests.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code docs/tutorial.md} true. Every {@code ./fluxion} command in a {@code sh}
 * block runs in process ({@link InProcessCli}); when an output block follows, what the
 * command prints (standard output, then standard error) must equal it, line for line
 * (trailing blanks ignored). Every {@code java} block with a {@code main} method is
 * compiled and run, and must print its output block.
 *
 * <p>Markers (HTML comments between a command and its output):
 * <ul>
 *   <li>{@code <!-- output: not checked -->}: the command must succeed; its output is not compared
 *       (timings);</li>
 *   <li>{@code <!-- output: mask REGEX -->}: matches of REGEX (multi-line mode) are replaced
 *       by {@code …} on both sides before comparing, for the unstable parts of a stable report;</li>
 *   <li>{@code <!-- exit: N -->}: the expected exit status (default 0).</li>
 * </ul>
 * Files: {@code -f FILE} is read from the project root; {@code -o FILE} and
 * {@code --with-test DIR} write into a temporary folder, and the path is shown as the reader
 * would see it. A file written by {@code -o} that is also committed (the pictures'
 * {@code docs/img/*.dot}) must equal the committed one. A {@code java} block after
 * {@code <!-- excerpt of: ./fluxion ... -->} must appear verbatim in what that command prints.
 */
class TutorialTest {

    private static final Path ROOT = projectRoot();
    private static final Path TUTORIAL = ROOT.resolve("docs/tutorial.md");

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> everyFluxionCommandPrintsWhatTheTutorialShows() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (MarkdownSteps.Step step : steps()) {
            if (!step.code().lang().equals("sh")) {
                continue;
            }
            for (String command : commands(step.code().text())) {
                if (command.startsWith("./fluxion ")) {
                    String name = "line " + step.code().line() + ": " + command;
                    tests.add(DynamicTest.dynamicTest(name, () -> runFluxion(command, step)));
                }
            }
        }
        assertTrue(tests.size() >= 10, "the tutorial should show its commands; found " + tests.size());
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyJavaProgramPrintsWhatTheTutorialShows() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (MarkdownSteps.Step step : steps()) {
            if (step.code().lang().equals("java") && step.code().text().contains("static void main")) {
                tests.add(DynamicTest.dynamicTest("java block at line " + step.code().line(), () -> runJava(step)));
            }
        }
        assertFalse(tests.isEmpty(), "the tutorial should show the Java API with a runnable program");
        return tests;
    }

    @Test
    void theMlpRunsHeaderIsWhatTheProgramPrints() throws IOException {
        // Step 10's run is too long for the test run; its first line is checked against the program's own.
        Matcher m = Pattern.compile("<!-- output: mnist-mlp[^>]*-->\\s*```\\n([^\\n]*)\\n")
                .matcher(Files.readString(TUTORIAL, StandardCharsets.UTF_8));
        assertTrue(m.find(), "step 10 shows the run of MnistMlp");
        // The tutorial's command runs without --add-modules jdk.incubator.vector: no SIMD.
        assertEquals(dev.fluxion.examples.MnistMlp.header(dev.fluxion.examples.MnistMlp.RECIPE,
                dev.fluxion.runtime.tensor.Precision.FLOAT64, false), m.group(1));
    }

    @Test
    void excerptsOfGeneratedCodeAreWhatTheCommandPrints() throws IOException {
        Matcher m = Pattern.compile("<!-- excerpt of: (\\./fluxion .*?) -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(TUTORIAL, StandardCharsets.UTF_8));
        int excerpts = 0;
        while (m.find()) {
            String command = m.group(1);
            InProcessCli.Result result = new InProcessCli(ROOT, tmp).run(command);
            assertEquals(0, result.status(), () -> command + " failed: " + result.printed());
            String excerpt = m.group(2);
            assertTrue(result.printed().contains(excerpt),
                    () -> "the excerpt after <!-- excerpt of: " + command + " --> is not in what it prints:\n" + excerpt);
            excerpts++;
        }
        assertTrue(excerpts >= 1, "the tutorial should show generated code");
    }

    @Test
    void programsShownInTheTextAreTheFilesTheyNameAndCompile() throws IOException {
        int checked = 0;
        for (MarkdownSteps.Step step : steps()) {
            if (!step.code().lang().equals("flx")) {
                continue;
            }
            String program = step.code().text();
            if (program.contains("model ")) {
                Fluxion.create().compileModel(program);
                Path example = ROOT.resolve("examples/src/main/fluxion/mlp.flx");
                if (Files.exists(example)) {   // the examples module keeps the runnable copy
                    assertEquals(Files.readString(example), program, "the tutorial's model differs from " + example);
                }
            } else {
                Fluxion.create().compile(program);
                assertEquals(Files.readString(ROOT.resolve("docs/tutorial/neuron.flx")), program,
                        "the program at line " + step.code().line() + " differs from docs/tutorial/neuron.flx");
            }
            checked++;
        }
        assertTrue(checked >= 2, "the tutorial shows the neuron and the MLP programs");
    }

    @Test
    void picturesTheTutorialShowsAreCommitted() throws IOException {
        Matcher m = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)").matcher(Files.readString(TUTORIAL));
        int pictures = 0;
        while (m.find()) {
            Path picture = TUTORIAL.getParent().resolve(m.group(1)).normalize();
            assertTrue(Files.isRegularFile(picture), "the tutorial shows a missing picture: " + m.group(1));
            pictures++;
        }
        assertTrue(pictures >= 2, "the tutorial should show the gates' pictures");
    }

    private void runFluxion(String command, MarkdownSteps.Step step) throws IOException {
        InProcessCli.Result result = new InProcessCli(ROOT, tmp).run(command);
        int status = result.status();
        String printed = result.printed();

        String exit = step.marker("exit");
        assertEquals(exit == null ? 0 : Integer.parseInt(exit), status,
                () -> "exit status of: " + command + "\n" + printed);
        if (step.output() != null && !isLastCommand(command, step)) {
            throw new AssertionError("line " + step.code().line() + ": an output block may only follow a block with one command");
        }
        if (step.output() != null) {
            compare(step, printed);
        }
        for (var file : result.written().entrySet()) {
            Path committed = ROOT.resolve(file.getKey());
            if (Files.isRegularFile(committed)) {
                assertEquals(Files.readString(committed), Files.readString(file.getValue()),
                        () -> file.getKey() + " is not what `" + command + "` writes now; run it again and commit the result");
            }
        }
    }

    private void runJava(MarkdownSteps.Step step) throws Exception {
        String source = step.code().text();
        Matcher cls = Pattern.compile("public class (\\w+)").matcher(source);
        assertTrue(cls.find(), "line " + step.code().line() + ": the Java program declares no public class");
        Path file = tmp.resolve(cls.group(1) + ".java");
        Files.writeString(file, source);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics,
                "-cp", System.getProperty("java.class.path"), "-d", tmp.toString(), file.toString());
        assertEquals(0, rc, () -> "the Java program at line " + step.code().line() + " does not compile:\n" + diagnostics);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {tmp.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Method main = loader.loadClass(cls.group(1)).getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertTrue(step.output() != null, "line " + step.code().line() + ": a Java program should be followed by its output");
        compare(step, out.toString(StandardCharsets.UTF_8));
    }

    private static void compare(MarkdownSteps.Step step, String printed) {
        String how = step.marker("output");
        if ("not checked".equals(how)) {
            return;
        }
        String expected = normalize(step.output().text());
        String actual = normalize(printed);
        if (how != null) {
            if (!how.startsWith("mask ")) {
                throw new AssertionError("line " + step.code().line() + ": unknown marker <!-- output: " + how + " -->");
            }
            Pattern mask = Pattern.compile(how.substring("mask ".length()), Pattern.MULTILINE);
            expected = mask.matcher(expected).replaceAll("…");
            actual = mask.matcher(actual).replaceAll("…");
        }
        assertEquals(expected, actual, "output of the block at line " + step.code().line()
                + " of docs/tutorial.md (run it and paste the new output if the change is intended)");
    }

    /** Trailing blanks and the final newline do not count: editors strip them. */
    private static String normalize(String text) {
        return text.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).stripTrailing();
    }

    /** The commands of a sh block: lines joined at a trailing backslash, comments and blanks skipped. */
    private static List<String> commands(String block) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : block.split("\n")) {
            if (current.length() == 0 && (line.isBlank() || line.trim().startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1);
            } else {
                commands.add(current.append(line).toString().trim());
                current.setLength(0);
            }
        }
        return commands;
    }

    private static boolean isLastCommand(String command, MarkdownSteps.Step step) {
        List<String> all = commands(step.code().text());
        return all.size() == 1 && all.get(0).equals(command);
    }

    private static List<MarkdownSteps.Step> steps() throws IOException {
        return MarkdownSteps.parse(Files.readString(TUTORIAL, StandardCharsets.UTF_8));
    }

    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/tutorial.md")) && Files.exists(p.resolve("grammar"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find docs/tutorial.md above " + Path.of("").toAbsolutePath());
    }
}
