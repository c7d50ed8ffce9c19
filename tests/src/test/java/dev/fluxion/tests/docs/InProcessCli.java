package dev.fluxion.tests.docs;

import dev.fluxion.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@code ./fluxion ...} command line through {@link Main#run} as a reader would run
 * it from the project root, without a process and without touching the working tree:
 * input files ({@code -f}) are read from the root, output files ({@code -o},
 * {@code --with-test}) go to a scratch folder, and the printed text shows their paths as
 * the reader typed them.
 */
final class InProcessCli {

    private static final Set<String> OUTPUT_OPTIONS = Set.of("-o", "--output", "--with-test");
    private static final Set<String> INPUT_OPTIONS = Set.of("-f", "--file");

    /**
     * What a command did.
     *
     * @param status  its exit status
     * @param printed standard output, then standard error
     * @param written for every output option, the path as typed and where the file went
     */
    record Result(int status, String printed, Map<String, Path> written) {
    }

    private final Path root;
    private final Path scratch;

    InProcessCli(Path root, Path scratch) {
        this.root = root;
        this.scratch = scratch;
    }

    /** Runs {@code command}, which must start with {@code ./fluxion}. */
    Result run(String command) throws IOException {
        List<String> words = ShellWords.split(command);
        if (words.isEmpty() || !words.get(0).equals("./fluxion")) {
            throw new IllegalArgumentException("not a fluxion command: " + command);
        }
        List<String> args = new ArrayList<>();
        Map<String, Path> written = new java.util.LinkedHashMap<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            args.add(word);
            if (i + 1 < words.size() && INPUT_OPTIONS.contains(word)) {
                args.add(root.resolve(words.get(++i)).toString());
            } else if (i + 1 < words.size() && OUTPUT_OPTIONS.contains(word)) {
                String path = words.get(++i);
                Path target = scratch.resolve(path);
                Files.createDirectories(target.getParent());
                args.add(target.toString());
                written.put(path, target);
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        String printed = (out + err.toString()).replace(scratch + File.separator, "");
        return new Result(status, printed, Map.copyOf(written));
    }
}
