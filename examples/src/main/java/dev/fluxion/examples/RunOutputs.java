package dev.fluxion.examples;

import dev.fluxion.runtime.io.ParameterFile;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.plot.TrainingPlot;
import dev.fluxion.runtime.train.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a training example leaves behind in its output directory: the trained parameters
 * ({@code params.fxp}, the runtime's documented format, read back by
 * {@link ParameterFile#load}), the per-epoch metrics and every step's loss
 * ({@code history.csv}), and the loss and accuracy curves ({@code curves.png}).
 */
public final class RunOutputs {

    private RunOutputs() {
    }

    /** Writes the three files into {@code dir} (created if needed) and returns their paths. */
    public static List<Path> write(Model model, History history, String title, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path params = dir.resolve("params.fxp");
        Path csv = dir.resolve("history.csv");
        Path png = dir.resolve("curves.png");
        ParameterFile.save(model, params);
        Files.writeString(csv, history.toCsv());
        TrainingPlot.write(history, title, png, 1000, 400);
        return List.of(params, csv, png);
    }
}
