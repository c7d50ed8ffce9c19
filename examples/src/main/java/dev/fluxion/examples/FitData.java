package dev.fluxion.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The small numeric tables of the Hipparchus examples ({@code examples/data/fits}): a header
 * line, then rows of comma-separated numbers, read into columns.
 */
final class FitData {

    private FitData() {
    }

    /**
     * The columns of {@code file}.
     *
     * @param file a CSV file with a header line
     * @return one array per column
     * @throws IOException if the file cannot be read or a row is not all numbers of the header's width
     */
    static double[][] columns(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int width = lines.get(0).split(",").length;
        double[][] columns = new double[width][lines.size() - 1];
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",");
            if (cells.length != width) {
                throw new IOException(file + ":" + (r + 1) + ": " + cells.length + " cells, the header has " + width);
            }
            for (int c = 0; c < width; c++) {
                try {
                    columns[c][r - 1] = Double.parseDouble(cells[c].strip());
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + (r + 1) + ": not a number: " + cells[c], e);
                }
            }
        }
        return columns;
    }
}
