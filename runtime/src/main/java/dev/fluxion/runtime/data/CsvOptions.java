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

    /**
     * Comma-separated, label last, header detected.
     *
     * @return the options
     */
    public static CsvOptions defaults() {
        return new CsvOptions(',', -1, null);
    }

    /**
     * The same with the label in column {@code column} (0-based; negative from the end).
     *
     * @param column the label's column
     * @return a changed copy
     */
    public CsvOptions withLabelColumn(int column) {
        return new CsvOptions(delimiter, column, header);
    }

    /**
     * The same with another delimiter.
     *
     * @param d the field separator, e.g. ';' or a tab
     * @return a changed copy
     */
    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(d, labelColumn, header);
    }

    /**
     * The same with the header stated rather than detected.
     *
     * @param present whether the first line is a header
     * @return a changed copy
     */
    public CsvOptions withHeader(boolean present) {
        return new CsvOptions(delimiter, labelColumn, present);
    }
}
