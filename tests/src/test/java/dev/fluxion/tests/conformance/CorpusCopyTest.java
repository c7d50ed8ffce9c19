package dev.fluxion.tests.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fluxion.tests.support.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The repository keeps a copy of the shared corpus so a fresh clone is self-contained.
 * Where the shared original exists (the team's layout: {@code ../shared/conformance}),
 * the copy must be identical to it, so an update of the corpus is not silently missed.
 */
class CorpusCopyTest {

    @ParameterizedTest
    @ValueSource(strings = {Corpus.SCALAR, "README.md"})
    void copyIsIdenticalToTheSharedCorpus(String file) throws IOException {
        Optional<Path> shared = Corpus.sharedFolder();
        assumeTrue(shared.isPresent(), "no shared/conformance folder above " + Path.of("").toAbsolutePath()
                + "; only the repository copy is available");
        String original = Files.readString(shared.get().resolve(file), StandardCharsets.UTF_8);
        String copy;
        try (InputStream in = Corpus.class.getResourceAsStream("/conformance/" + file)) {
            assertEquals(true, in != null, "tests/src/test/resources/conformance/" + file + " is missing");
            copy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(original, copy, "tests/src/test/resources/conformance/" + file + " differs from "
                + shared.get().resolve(file) + "; copy the shared file over it");
    }
}
