package dev.fluxion.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStateTest {

    @TempDir
    Path dir;

    @Test
    void writesSortedReadableLinesAndReadsThemBack() throws IOException {
        BuildState state = new BuildState(Map.of(
                "nn/neuron.flx", new BuildState.Entry("aa", "bb", "p/nn/Neuron.java"),
                "a.flx", new BuildState.Entry("", "", "p/A.java")));
        Path file = dir.resolve("x/generate.state");

        state.write(file);

        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of("a.flx\t\t\tp/A.java", "nn/neuron.flx\taa\tbb\tp/nn/Neuron.java"), lines.subList(1, 3));
        assertEquals(state, BuildState.read(file));
    }

    @Test
    void aMissingOrMalformedFileIsTheEmptyState() throws IOException {
        assertEquals(BuildState.empty(), BuildState.read(dir.resolve("missing")));
        Path file = dir.resolve("state");
        new BuildState(Map.of("a.flx", new BuildState.Entry("1", "2", "A.java"))).write(file);
        Files.writeString(file, Files.readString(file) + "broken line\n");
        assertEquals(BuildState.empty(), BuildState.read(file));
    }
}
