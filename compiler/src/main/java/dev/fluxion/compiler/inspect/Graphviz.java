package dev.fluxion.compiler.inspect;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders DOT with the Graphviz {@code dot} program, when it is installed. Fluxion does not
 * depend on Graphviz: without it a caller writes the DOT alone and says so.
 *
 * @param executable the {@code dot} program to run
 */
public record Graphviz(Path executable) {

    /** How long one rendering may take before it is abandoned. */
    private static final long TIMEOUT_SECONDS = 60;

    /** The {@code dot} found on the {@code PATH}, if any. */
    public static Optional<Graphviz> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : List.of("dot", "dot.exe")) {
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(new Graphviz(p));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Writes {@code dotFile} rendered as {@code format} ({@code svg}, {@code png}) to {@code out}.
     *
     * @throws IOException when {@code dot} fails, with its error output in the message
     */
    public void render(Path dotFile, String format, Path out) throws IOException {
        if (!format.matches("[a-z]+")) {
            throw new IllegalArgumentException("not a Graphviz output format: " + format);
        }
        Path err = Files.createTempFile("fluxion-dot", ".err");
        try {
            Process p = new ProcessBuilder(executable.toString(), "-T" + format, dotFile.toString(), "-o", out.toString())
                    .redirectErrorStream(false)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile())
                    .start();
            boolean done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
                throw new IOException("dot did not finish rendering " + dotFile + " within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("dot -T" + format + " failed (exit " + p.exitValue() + "): "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering " + dotFile, e);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
