package dev.fluxion.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the last run generated, per source: the hash of the source's content, the hash of
 * the options it was generated with, and the output file. A source whose two hashes match
 * and whose output still exists is up to date; an entry whose source is gone names the
 * output to delete.
 *
 * <p>Kept as a small text file, one tab-separated line per source in path order (its outputs last, one per entry), so it is
 * deterministic and readable. A missing or unreadable file is an empty state: everything
 * is regenerated, which is always safe.
 *
 * @param entries by source path relative to the source directory, with {@code /} separators
 */
record BuildState(Map<String, Entry> entries) {

    private static final String HEADER = "# fluxion:generate state v2: source\tsource-sha256\toptions-sha256\toutput...";

    /**
     * @param sourceHash  SHA-256 of the source's bytes; empty when its last generation failed
     * @param optionsHash SHA-256 of the options it was generated with
     * @param outputs     the generated files (one per entry of the source) relative to the output
     *                    directory, {@code /} separators
     */
    record Entry(String sourceHash, String optionsHash, List<String> outputs) {
        Entry {
            Objects.requireNonNull(sourceHash, "sourceHash");
            Objects.requireNonNull(optionsHash, "optionsHash");
            outputs = List.copyOf(outputs);
            if (outputs.isEmpty()) {
                throw new IllegalArgumentException("a source generates at least one file");
            }
        }

        /** An entry with one output. */
        Entry(String sourceHash, String optionsHash, String output) {
            this(sourceHash, optionsHash, List.of(output));
        }

        /** The same outputs, marked so the next run regenerates them. */
        Entry failed() {
            return new Entry("", "", outputs);
        }
    }

    BuildState {
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    static BuildState empty() {
        return new BuildState(Map.of());
    }

    /** The state in {@code file}, or the empty state when the file is missing or malformed. */
    static BuildState read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return empty();
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length < 4 || f[0].isEmpty() || java.util.Arrays.stream(f, 3, f.length).anyMatch(String::isEmpty)) {
                return empty();
            }
            entries.put(f[0], new Entry(f[1], f[2], List.of(java.util.Arrays.copyOfRange(f, 3, f.length))));
        }
        return new BuildState(entries);
    }

    /** Writes the state to {@code file}, replacing it in one move so a killed build leaves the old or the new. */
    void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        entries.forEach((source, e) -> sb.append(source).append('\t').append(e.sourceHash()).append('\t')
                .append(e.optionsHash()).append('\t').append(String.join("\t", e.outputs())).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
