package dev.fluxion.cli;

import dev.fluxion.compiler.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Where the program comes from: the {@code EXPR} argument or {@code -f FILE} (exactly one),
 * {@code --entry}, the function or model of a file of several, {@code --vars}, the input order
 * of a bare expression, and {@code --size}, the sizes of array parameters. A mixin, so every subcommand
 * reads its source the same way and diagnostics name the file.
 */
public final class SourceOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPR",
            description = "The expression or program, e.g. 'ln(x1)+x1*x2-sin(x2)', or a .flx file.")
    String expression;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the program from FILE instead.")
    Path file;

    @Option(names = "--entry", paramLabel = "NAME",
            description = "Which function or model of the file to use (default: the file's one entry: "
                    + "its model or the function no other calls).")
    String entry;

    @Option(names = "--vars", split = ",", paramLabel = "NAME",
            description = "Input order, e.g. --vars x1,x2 (default: order of first appearance, or the declared parameters).")
    List<String> vars;

    @Option(names = "--size", split = ",", paramLabel = "NAME=N",
            description = "Sizes of array parameters, e.g. --size n=10 for fn f(x[n]).")
    java.util.Map<String, Integer> sizes;

    @Option(names = "--data", paramLabel = "NAME=VALUES",
            description = "Data of a function with data parameters (fn f(w[d]; X[m, d], y[m])): a number, a list "
                    + "y=[1,-1,1], or a file X=@X.csv (CSV or whitespace, row by row) or X=@X.npy. Repeat for each.")
    java.util.List<String> data;

    /**
     * The file the program is read from: {@code -f FILE}, or an {@code EXPR} that names a
     * {@code .flx} file ({@code fluxion grad rnn.flx}), which no expression of the language can
     * be; null when the program is the expression itself.
     */
    private Path path() {
        if (file != null) {
            return file;
        }
        if (expression != null && expression.strip().endsWith(".flx") && expression.strip().indexOf('\n') < 0) {
            return Path.of(expression.strip());
        }
        return null;
    }

    /** The program text. */
    public String text() {
        if (expression != null && file != null) {
            throw new UserError("give the program either as EXPR or with -f FILE, not both");
        }
        Path file = path();
        if (file != null) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new UserError("no such file: " + file);
            } catch (IOException e) {
                throw new UserError("cannot read " + file + ": " + e.getMessage());
            }
        }
        if (expression == null) {
            throw new UserError("no program: give EXPR or -f FILE");
        }
        return expression;
    }

    /** How diagnostics name the source. */
    public String sourceName() {
        Path file = path();
        return file != null ? file.toString() : "<input>";
    }

    /** {@code base} with the source name, the entry and the variable order applied. */
    public Options options(Options base) {
        Options o = base.withSourceName(sourceName()).withEntry(entry);
        if (sizes != null) {
            for (var e : sizes.entrySet()) {
                if (e.getValue() < 1) {
                    throw new UserError("--size " + e.getKey() + "=" + e.getValue() + ": a size is at least 1");
                }
            }
            o = o.withSizes(sizes);
        }
        return vars == null ? o : o.withVariables(vars);
    }

    /** {@code f} bound to the data given with {@code --data} (itself when it has no data parameters). */
    public dev.fluxion.compiler.CompiledFunction bind(dev.fluxion.compiler.CompiledFunction f) {
        return DataOption.bind(f, data);
    }

    /** The entry asked for with {@code --entry}, or null. */
    public String entry() {
        return entry;
    }
}
