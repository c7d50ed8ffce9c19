package dev.fluxion.cli;

import dev.fluxion.runtime.io.ParameterFormat;
import dev.fluxion.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a model's parameters are written, chosen by the file's extension through the
 * runtime's {@link ParameterFormat}, the one place that maps extensions to formats
 * ({@code .fxp} Fluxion's own, {@code .npy}, {@code .npz}, {@code .safetensors}; see
 * docs/parameter-format.md). This class only turns its refusal into a {@link UserError}
 * before training starts.
 */
final class ParameterOutput {

    /** Writes a model's parameters to a file. */
    @FunctionalInterface
    interface Writer {
        void write(Model model, Path file) throws IOException;
    }

    private ParameterOutput() {
    }

    /** The writer for {@code file}'s extension; an unknown one is a {@link UserError} listing the known ones. */
    static Writer forFile(String option, Path file) {
        try {
            ParameterFormat.of(file);
        } catch (IOException e) {
            throw new UserError(option + " " + file + ": the parameter format follows the extension; known: "
                    + Arrays.stream(ParameterFormat.values()).map(f -> "FILE" + f.extension())
                            .collect(Collectors.joining(", ")));
        }
        return ParameterFormat::save;
    }
}
