package dev.fluxion.compiler;

/**
 * What a sparse Jacobian or Hessian of a compiled function costs, found once per function from
 * its IR: the pattern's size, the mode, and the number of colors, which is the number of
 * derivative passes one evaluation makes ({@link CompiledFunction#jacobianSparse},
 * {@link CompiledFunction#hessianSparse}).
 *
 * @param hessian true for the Hessian (star coloring), false for the Jacobian
 * @param rows the number of rows (outputs; inputs for the Hessian)
 * @param cols the number of columns (inputs)
 * @param nonZeros the entries that can be non-zero (stored in the result, whatever their value)
 * @param mode {@link Mode#FORWARD}: columns grouped by color, one Jacobian-vector product per
 *             color (for the Hessian, one Hessian-vector product per color); {@link Mode#REVERSE}:
 *             rows grouped, one vector-Jacobian product per color
 * @param colors the passes one evaluation makes
 * @param columnColors the colors of the distance-2 coloring of the columns
 * @param rowColors the colors of the distance-2 coloring of the rows; for the Hessian, the star
 *                  coloring's (the Hessian uses the star coloring unless the column coloring
 *                  needs fewer colors, as where the diagonal is structurally zero)
 * @param exact false when the count of the direction not taken (for the Hessian: the distance-2
 *              count) is only a lower bound, its densest line's entries: that coloring was not
 *              computed, as it could not need fewer passes (or, for the Hessian, would be slow)
 */
public record Sparsity(boolean hessian, int rows, int cols, int nonZeros, Mode mode, int colors, int columnColors,
                       int rowColors, boolean exact) {

    /**
     * One line for a person, e.g. {@code 1000 × 1000 Jacobian, 2998 non-zeros (0.30%): forward
     * mode, 3 colors (columns 3, rows 3)}.
     */
    @Override
    public String toString() {
        long all = (long) rows * cols;
        double percent = all == 0 ? 0 : 100.0 * nonZeros / all;
        // Two decimals, or two significant digits for a very sparse matrix (0.00030%, not 0.00%).
        String share = all == 0 ? "" : " (" + (percent >= 0.01 || percent == 0
                ? String.format(java.util.Locale.ROOT, "%.2f", percent)
                : new java.math.BigDecimal(percent).round(new java.math.MathContext(2)).toPlainString()) + "%)";
        String head = rows + " × " + cols + (hessian ? " Hessian, " : " Jacobian, ") + nonZeros
                + (nonZeros == 1 ? " non-zero" : " non-zeros") + share + ": ";
        String count = colors + (colors == 1 ? " color" : " colors");
        if (hessian) {
            if (colors == rowColors) {
                return head + "star coloring, " + count + " (a column coloring needs " + (exact ? "" : "at least ")
                        + columnColors + ")";
            }
            return head + "column coloring, " + count + " (a star coloring needs " + rowColors + ")";
        }
        String other = exact ? " " : " ≥ ";
        return head + mode.name().toLowerCase(java.util.Locale.ROOT) + " mode, " + count + " (columns"
                + (mode == Mode.FORWARD ? " " : other) + columnColors + ", rows" + (mode == Mode.REVERSE ? " " : other)
                + rowColors + ")";
    }
}
