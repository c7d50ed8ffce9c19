package dev.fluxion.runtime.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's examples/data directory from the test's working directory. */
public final class DataFiles {

    private DataFiles() {
    }

    /** A file in examples/data, searched upward from the working directory. */
    public static Path get(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("examples").resolve("data").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("examples/data/" + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
