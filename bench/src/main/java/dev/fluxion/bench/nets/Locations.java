package dev.fluxion.bench.nets;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the data the benchmarks read: a system property if set, else the first match of
 * a relative path walking up from the working directory. So the benchmarks run unchanged
 * from the repository root, from {@code bench/}, or from a worktree whose parent holds
 * {@code shared/}.
 */
final class Locations {

    /** Directory holding {@code mnist10k-images-idx3-ubyte.gz} and its labels. */
    static final String MNIST_PROPERTY = "fluxion.mnist";

    /** Directory holding the ADBench GMM files ({@code 1k/gmm_d2_K5.txt}, ...). */
    static final String GMM_PROPERTY = "fluxion.gmm";

    private Locations() {
    }

    static Path mnistDirectory() {
        return find(MNIST_PROPERTY, Path.of("examples", "data", "mnist10k-images-idx3-ubyte.gz")).getParent();
    }

    static Path gmmDirectory() {
        Path configured = configured(GMM_PROPERTY);
        if (configured != null) {
            return configured;
        }
        try {
            // the repository's copy (examples/data/gmm), which a fresh clone has without ../shared
            return find(GMM_PROPERTY, Path.of("examples", "data", "gmm", "test.txt")).getParent();
        } catch (IllegalStateException notInRepository) {
            return find(GMM_PROPERTY, Path.of("shared", "adbench", "data", "gmm", "test.txt")).getParent();
        }
    }

    /** The property's path if set (it must exist), else the nearest {@code relative} above the working directory. */
    private static Path find(String property, Path relative) {
        Path configured = configured(property);
        if (configured != null) {
            return property.equals(MNIST_PROPERTY) ? configured.resolve(relative.getFileName()) : configured;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + relative + " in " + start + " or any directory above it; pass -D"
                + property + "=...");
    }

    private static Path configured(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return null;
        }
        Path p = Path.of(value);
        if (!Files.exists(p)) {
            throw new IllegalStateException("-D" + property + "=" + value + " does not exist");
        }
        return p;
    }
}
