package dev.fluxion.maven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Turns every POM snippet of the user documentation into a new project, as a reader would
 * paste it: a bare {@code pom.xml} (coordinates and the source encoding, nothing else;
 * Maven's default plugin versions) with the snippet inside it, the Java of the same page
 * that goes with it, and {@code src/main/fluxion/lecture.flx} when it uses the plugin. The
 * projects are written to {@code target/snippet-projects}; the invoker then builds each with
 * {@code verify} (Maven 3.8's defaults, the isolated repository, offline) and
 * {@code ExampleProjectIT} checks that every one succeeded. So a snippet that does not
 * build as printed (Maven 3.8's default compiler plugin targets Java 5: "Source option 5
 * is no longer supported") fails the build.
 */
class DocSnippetProjectsTest {

    /** The pages whose POM snippets a reader pastes, relative to the repository root. */
    static final List<String> PAGES = List.of("README.md", "docs/tutorial.md", "maven-plugin/README.md");

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path OUT = Path.of("target/snippet-projects").toAbsolutePath();
    private static final Pattern BLOCK = Pattern.compile("```(xml|java)\\n(.*?)```", Pattern.DOTALL);

    /** One fenced block of a page. */
    record Block(String language, String text) {
    }

    @Test
    void everyPomSnippetBecomesAProject() throws IOException {
        if (Files.isDirectory(OUT)) {
            try (var walk = Files.walk(OUT)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        int projects = 0;
        for (String page : PAGES) {
            List<Block> blocks = blocks(Files.readString(ROOT.resolve(page), StandardCharsets.UTF_8));
            String completeClass = blocks.stream().filter(b -> b.language().equals("java") && b.text().contains("class "))
                    .map(Block::text).findFirst().orElse(null);
            for (int i = 0; i < blocks.size(); i++) {
                Block b = blocks.get(i);
                if (!b.language().equals("xml")) {
                    continue;
                }
                String name = page.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase() + (projects + 1);
                Path dir = OUT.resolve(name);
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("pom.xml"), pom(name, b.text()), StandardCharsets.UTF_8);
                Path java = Files.createDirectories(dir.resolve("src/main/java"));
                if (b.text().contains("<artifactId>fluxion-compiler</artifactId>")) {
                    assertTrue(completeClass != null, page + ": a compiler snippet needs the example class");
                    Files.writeString(java.resolve(className(completeClass) + ".java"), completeClass);
                }
                if (b.text().contains("<artifactId>fluxion-maven-plugin</artifactId>")) {
                    Path flx = Files.createDirectories(dir.resolve("src/main/fluxion"));
                    Files.writeString(flx.resolve("lecture.flx"), "ln(x1)+x1*x2-sin(x2)\n");
                    Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
                    if (next != null && next.language().equals("java") && !next.text().contains("class ")) {
                        Files.writeString(java.resolve("UseGenerated.java"), "import dev.fluxion.runtime.DifferentiableFunction;\n\n"
                                + "public class UseGenerated {\n    public static void main(String[] args) {\n"
                                + next.text().indent(8) + "    }\n}\n");
                    }
                }
                projects++;
            }
        }
        assertTrue(projects >= PAGES.size(), "every page has a POM snippet; found " + projects);
    }

    /** The fenced xml and java blocks of a page, in order. */
    static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) {
            blocks.add(new Block(m.group(1), m.group(2)));
        }
        return blocks;
    }

    /** A new project's POM with the snippet pasted where its outermost element belongs. */
    static String pom(String artifactId, String snippet) {
        String s = snippet.strip();
        String placed = s.startsWith("<dependency>") ? "<dependencies>\n" + s + "\n</dependencies>"
                : s.startsWith("<plugin>") ? "<build>\n<plugins>\n" + s + "\n</plugins>\n</build>" : s;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"\n"
                + "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "         xsi:schemaLocation=\"http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>com.example</groupId>\n"
                + "  <artifactId>" + artifactId + "</artifactId>\n"
                + "  <version>1.0</version>\n"
                + "  <properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>\n"
                + placed + "\n</project>\n";
    }

    private static String className(String java) {
        Matcher m = Pattern.compile("class\\s+(\\w+)").matcher(java);
        assertTrue(m.find(), java);
        return m.group(1);
    }
}
