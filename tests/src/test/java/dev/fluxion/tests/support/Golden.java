package dev.fluxion.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Golden files: what a person sees (generated Java, trace tables, error messages) is
 * compared with a file under {@code tests/src/test/golden}. Run the tests with
 * {@code -Dfluxion.golden.update=true} to rewrite the files instead, then review the diff.
 */
public final class Golden {

    /** The folder of golden files, found from the module's base directory. */
    public static final Path ROOT = locate();

    private Golden() {
    }

    private static Path locate() {
        Path here = Paths.get("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("src/test/golden");
            if (Files.isDirectory(p.resolve("src/test")) && p.getFileName() != null
                    && p.getFileName().toString().equals("tests")) {
                return candidate;
            }
            Path nested = p.resolve("tests/src/test/golden");
            if (Files.isDirectory(p.resolve("tests/src/test"))) {
                return nested;
            }
        }
        throw new IllegalStateException("cannot find the tests module from " + here);
    }

    public static boolean updating() {
        return Boolean.getBoolean("fluxion.golden.update");
    }

    /** Asserts that {@code actual} equals the golden file {@code relative} (or rewrites it when updating). */
    public static void check(String relative, String actual) {
        Path file = ROOT.resolve(relative);
        String normalized = actual.replace("\r\n", "\n");
        try {
            if (updating()) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, normalized, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("golden file " + file + " is missing; run with -Dfluxion.golden.update=true to create it, then review it");
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), normalized,
                    "output differs from golden file " + file + " (rerun with -Dfluxion.golden.update=true to accept)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
