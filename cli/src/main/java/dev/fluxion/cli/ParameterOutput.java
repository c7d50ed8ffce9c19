package dev.fluxion.cli;

import dev.fluxion.runtime.io.ParameterFile;
import dev.fluxion.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a model's parameters are written, chosen by the file's extension: the one place
 * the command line maps extensions to parameter formats ({@code .fxp}: the runtime's own
 * {@link ParameterFile}, see docs/parameter-format.md). A format is added here, as one
 * entry of {@link #WRITERS}.
 */
final class ParameterOutput {

    /** Writes a model's parameters to a file. */
    @FunctionalInterface
    interface Writer {
        void write(Model model, Path file) throws IOException;
    }

    /** Extension (lower case, without the dot) to writer. */
    static final Map<String, Writer> WRITERS = Map.of("fxp", ParameterFile::save);

    private ParameterOutput() {
    }

    /** The writer for {@code file}'s extension; an unknown one is a {@link UserError} listing the known ones. */
    static Writer forFile(String option, Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Writer w = dot < 0 ? null : WRITERS.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (w == null) {
            throw new UserError(option + " " + file + ": the parameter format follows the extension; known: "
                    + String.join(", ", WRITERS.keySet().stream().sorted().map(e -> "FILE." + e).toList()));
        }
        return w;
    }
}
