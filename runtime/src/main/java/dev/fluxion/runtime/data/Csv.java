package dev.fluxion.runtime.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a numeric CSV file (plain or gzip) as a labelled {@link Dataset}: one example per
 * line, every column a feature except the label column, which must hold whole numbers
 * &gt;= 0 (class indices). The class count is the largest label + 1.
 *
 * <p>Only numbers are supported (no quoting); blank lines are skipped; every line must
 * have as many fields as the first. A bad field is reported with its line and column.
 */
public final class Csv {

    private Csv() {
    }

    /**
     * Reads {@code file} with the {@linkplain CsvOptions#defaults() defaults}.
     *
     * @param file a CSV file, plain or gzip-compressed
     * @return the data set
     * @throws IOException if the file cannot be read or a field is not a number (with its line and column)
     */
    public static Dataset read(Path file) throws IOException {
        return read(file, CsvOptions.defaults());
    }

    /**
     * Reads {@code file}.
     *
     * @param file a CSV file, plain or gzip-compressed
     * @param options delimiter, label column and header
     * @return the data set
     * @throws IOException if the file cannot be read or is malformed
     */
    public static Dataset read(Path file, CsvOptions options) throws IOException {
        try (InputStream in = Compressed.open(file)) {
            return read(in, file.toString(), options);
        }
    }

    /**
     * Reads CSV text from {@code in}; {@code source} names it in error messages.
     *
     * @param in the text, UTF-8, read to its end and not closed
     * @param source names the stream in error messages
     * @param options delimiter, label column and header
     * @return the data set
     * @throws IOException if reading fails or the text is malformed
     */
    public static Dataset read(InputStream in, String source, CsvOptions options) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        char delimiter = options.delimiter();
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int columns = -1;
        int labelColumn = 0;
        int maxLabel = 0;
        boolean first = true;
        String line;
        int lineNo = 0;
        String[] fields = null;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> parts = split(line, delimiter);
            if (first) {
                first = false;
                columns = parts.size();
                if (columns < 2) {
                    throw new IOException(source + " line " + lineNo + ": need at least one feature and a label, got "
                            + columns + " column(s) (is the delimiter '" + delimiter + "'?)");
                }
                labelColumn = options.labelColumn() < 0 ? columns + options.labelColumn() : options.labelColumn();
                if (labelColumn < 0 || labelColumn >= columns) {
                    throw new IOException(source + ": label column " + options.labelColumn() + " is outside the "
                            + columns + " columns");
                }
                boolean header = options.header() != null ? options.header() : !allNumbers(parts);
                if (header) {
                    continue;
                }
            }
            if (parts.size() != columns) {
                throw new IOException(source + " line " + lineNo + ": expected " + columns + " fields, got " + parts.size());
            }
            double[] row = new double[columns - 1];
            int k = 0;
            for (int c = 0; c < columns; c++) {
                String field = parts.get(c).strip();
                double v;
                try {
                    v = Double.parseDouble(field);
                } catch (NumberFormatException e) {
                    throw new IOException(source + " line " + lineNo + ", column " + (c + 1) + ": '" + field
                            + "' is not a number");
                }
                if (c == labelColumn) {
                    if (!(v >= 0) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                        throw new IOException(source + " line " + lineNo + ", column " + (c + 1) + ": label '" + field
                                + "' is not a class index (a whole number >= 0)");
                    }
                    labels.add((int) v);
                    maxLabel = Math.max(maxLabel, (int) v);
                } else {
                    row[k++] = v;
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IOException(source + ": no data rows");
        }
        int d = columns - 1;
        double[] features = new double[rows.size() * d];
        int[] l = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, features, i * d, d);
            l[i] = labels.get(i);
        }
        return Dataset.wrap(features, l, new int[] {d}, maxLabel + 1);
    }

    private static List<String> split(String line, char delimiter) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == delimiter) {
                parts.add(line.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(line.substring(start));
        return parts;
    }

    private static boolean allNumbers(List<String> parts) {
        for (String p : parts) {
            try {
                Double.parseDouble(p.strip());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }
}
