package dev.fluxion.tests.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README opens with a Java example; this test compiles it with javac, runs it, and
 * checks that it prints what its comments say, so the first thing a user copies works.
 */
class ReadmeExampleTest {

    @TempDir
    Path dir;

    @Test
    void firstJavaBlockCompilesRunsAndPrintsWhatItsCommentsSay() throws Exception {
        String readme = Files.readString(readme(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README.md has no ```java block");
        String source = m.group(1);
        Matcher cls = Pattern.compile("public class (\\w+)").matcher(source);
        assertTrue(cls.find(), "the README example declares no public class");
        Path file = dir.resolve(cls.group(1) + ".java");
        Files.writeString(file, source);

        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-cp", System.getProperty("java.class.path"), "-d", dir.toString(), file.toString());
        assertEquals(0, rc, "the README example does not compile");

        List<String> expected = new ArrayList<>();
        Matcher comment = Pattern.compile("System\\.out\\.println\\(.*\\);\\s*// (.*)").matcher(source);
        while (comment.find()) {
            expected.add(comment.group(1).trim());
        }
        assertTrue(expected.size() >= 3, "the README example should show its output in comments");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Method main = loader.loadClass(cls.group(1)).getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        List<String> printed = out.toString(StandardCharsets.UTF_8).lines().map(String::trim).toList();
        assertEquals(expected, printed);
    }

    private static Path readme() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("README.md")) && Files.exists(p.resolve("grammar"))) {
                return p.resolve("README.md");
            }
        }
        throw new IllegalStateException("cannot find the project's README.md");
    }
}
