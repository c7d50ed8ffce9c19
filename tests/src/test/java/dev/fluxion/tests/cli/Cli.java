package dev.fluxion.tests.cli;

import dev.fluxion.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code fluxion} command in this JVM (fast) or as a process of its own (as a user does). */
final class Cli {

    /** What a run printed and its exit status. */
    record Result(int status, String out, String err) {
    }

    private Cli() {
    }

    /** {@link Main#run} with captured streams. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(status, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }

    /** {@code java -cp <this test's class path> dev.fluxion.cli.Main args...} as a separate process. */
    static Result process(String... args) {
        return process(null, java.util.Map.of(), args);
    }

    /**
     * The same in the working directory {@code dir} (null: this one), with {@code env}
     * changed in the child's environment (a value of null removes the variable).
     */
    static Result process(Path dir, java.util.Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.fluxion.cli.Main");
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            env.forEach((k, v) -> {
                if (v == null) {
                    builder.environment().remove(k);
                } else {
                    builder.environment().put(k, v);
                }
            });
            Process p = builder.start();
            p.getOutputStream().close();
            // Output is small; read both streams fully before waiting.
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("fluxion did not finish within 60 s");
            }
            return new Result(p.exitValue(), out.replace("\r\n", "\n"), err.replace("\r\n", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A scratch path for {@code name} under {@code dir}. */
    static Path in(Path dir, String name) {
        return dir.resolve(name);
    }
}
