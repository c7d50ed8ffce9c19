package dev.fluxion.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the shared conformance corpus ({@code scalar.jsonl}, one JSON object a line).
 *
 * <p>Where it is: the system property {@value #PROPERTY} if set, else the first
 * {@code shared/conformance/scalar.jsonl} found walking up from the working directory, so
 * the benchmark runs unchanged from the repository root, from {@code bench/}, or from a
 * worktree whose {@code ../shared} (or higher) holds the shared data.
 */
public final class Corpus {

    /** System property naming the corpus file. */
    public static final String PROPERTY = "fluxion.corpus";

    private static final Path RELATIVE = Path.of("shared", "conformance", "scalar.jsonl");

    /** The repository's copy of the corpus, which a fresh clone has without {@code ../shared}. */
    private static final Path REPOSITORY_COPY = Path.of("tests", "src", "test", "resources", "conformance", "scalar.jsonl");

    private Corpus() {
    }

    /** The corpus at its default location (see the class comment). */
    public static List<CorpusFunction> load() {
        return read(locate());
    }

    /**
     * Where the corpus is: the property, or, walking up from the working directory, the
     * repository's copy or the nearest {@code shared/conformance/scalar.jsonl}.
     */
    public static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + configured + " is not a file");
            }
            return p;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            for (Path relative : new Path[] {REPOSITORY_COPY, RELATIVE}) {
                Path candidate = dir.resolve(relative);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no " + REPOSITORY_COPY + " or " + RELATIVE + " in " + start + " or any directory above it; pass -D"
                + PROPERTY + "=/path/to/scalar.jsonl");
    }

    /** Every row of the file at {@code path}, in file order. */
    public static List<CorpusFunction> read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus " + path, e);
        }
        List<CorpusFunction> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                out.add(parse(JsonParser.parseString(line).getAsJsonObject()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(path + ":" + (i + 1) + ": not a corpus row: " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    private static CorpusFunction parse(JsonObject o) {
        List<String> vars = new ArrayList<>();
        for (var v : o.getAsJsonArray("vars")) {
            vars.add(v.getAsString());
        }
        JsonArray p = o.getAsJsonArray("point");
        double[] point = new double[p.size()];
        for (int i = 0; i < point.length; i++) {
            point[i] = p.get(i).getAsDouble();
        }
        return new CorpusFunction(o.get("name").getAsString(), o.get("expr").getAsString(), vars, point);
    }
}
