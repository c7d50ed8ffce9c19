package dev.fluxion.runtime.data;

/**
 * How {@link Csv} reads a file.
 *
 * @param delimiter   the field separator
 * @param labelColumn the column holding the class label; negative counts from the end (-1: last)
 * @param header      whether the first line names the columns; {@code null}: decide from
 *                    the first line (a header if any of its fields is not a number)
 */
public record CsvOptions(char delimiter, int labelColumn, Boolean header) {

    /** Comma-separated, label last, header detected. */
    public static CsvOptions defaults() {
        return new CsvOptions(',', -1, null);
    }

    /** The same with the label in column {@code column} (0-based; negative from the end). */
    public CsvOptions withLabelColumn(int column) {
        return new CsvOptions(delimiter, column, header);
    }

    /** The same with another delimiter. */
    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(d, labelColumn, header);
    }

    /** The same with the header stated rather than detected. */
    public CsvOptions withHeader(boolean present) {
        return new CsvOptions(delimiter, labelColumn, present);
    }
}
