package dev.fluxion.tests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conformance corpus. The repository keeps a copy under
 * {@code tests/src/test/resources/conformance/} so a fresh clone is self-contained;
 * {@link #sharedFolder()} finds the original ({@code shared/conformance} in the working
 * directory or one of its parents) so a test can check the copy has not drifted.
 */
public final class Corpus {

    /** The file of scalar rows. */
    public static final String SCALAR = "scalar.jsonl";
    private static final String RESOURCE = "/conformance/";

    private Corpus() {
    }

    /** One row: a function, a point, and its value, gradient and (usually) Hessian there. */
    public record Row(String name, String expr, List<String> vars, double[] point, double value, double[] grad,
                      double[][] hess, String source) {

        public boolean hasHessian() {
            return hess != null;
        }
    }

    /** Every row of the scalar corpus, in file order. */
    public static List<Row> scalarRows() {
        return parse(text(SCALAR));
    }

    /** The text of a corpus file: the repository copy, else the shared original; fails clearly if neither exists. */
    public static String text(String file) {
        try (InputStream in = Corpus.class.getResourceAsStream(RESOURCE + file)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Optional<Path> shared = sharedFolder();
            if (shared.isPresent() && Files.exists(shared.get().resolve(file))) {
                return Files.readString(shared.get().resolve(file), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("conformance file " + file + " not found: neither the copy in "
                + "tests/src/test/resources/conformance/ nor a shared/conformance folder in "
                + Path.of("").toAbsolutePath() + " or its parents");
    }

    /** The shared corpus folder ({@code <ancestor>/shared/conformance}), if there is one. */
    public static Optional<Path> sharedFolder() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("conformance");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Parses JSON lines into rows; a malformed line fails with its line number. */
    static List<Row> parse(String jsonl) {
        List<Row> rows = new ArrayList<>();
        String[] lines = jsonl.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                rows.add(row(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("conformance line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static Row row(String line) {
        Map<String, Object> m = (Map<String, Object>) Json.parse(line);
        List<String> vars = ((List<Object>) m.get("vars")).stream().map(String.class::cast).toList();
        double[][] hess = null;
        if (m.get("hess") != null) {
            List<Object> rows = (List<Object>) m.get("hess");
            hess = new double[rows.size()][];
            for (int i = 0; i < hess.length; i++) {
                hess[i] = doubles(rows.get(i));
            }
        }
        return new Row((String) m.get("name"), (String) m.get("expr"), vars, doubles(m.get("point")),
                (Double) m.get("value"), doubles(m.get("grad")), hess, (String) m.get("source"));
    }

    @SuppressWarnings("unchecked")
    private static double[] doubles(Object list) {
        List<Object> l = (List<Object>) list;
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (Double) l.get(i);
        }
        return d;
    }
}
