package dev.fluxion.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The program a command works on: given inline ({@code 'ln(x1)+x1*x2-sin(x2)'}) or read
 * from a file ({@code -f neuron.flx}), exactly one of the two. A picocli mixin, so every
 * command spells it the same way.
 */
public final class ExpressionOrFile {

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPR",
            description = "The program: an expression or a fn definition (quote it for the shell).")
    String expression;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the program from FILE instead.")
    Path file;

    /** The program text. */
    String text() throws IOException {
        if (expression != null && file != null) {
            throw new IllegalArgumentException("give the program either as EXPR or with -f FILE, not both");
        }
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("cannot read " + file + ": no such file");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        if (expression == null) {
            throw new IllegalArgumentException("no program: give an expression such as 'ln(x1)+x1*x2-sin(x2)' or -f FILE");
        }
        return expression;
    }

    /** The name error messages use for the source. */
    String sourceName() {
        return file != null ? file.toString() : "<expr>";
    }
}
