package dev.fluxion.compiler.roll;

import java.util.Arrays;

/**
 * The values one constant of a loop's template takes over the iterations: the same
 * every time, {@code first + i · step} (checked to give exactly each term's constant in
 * double arithmetic), or read from a table.
 *
 * @param first the value at i = 0
 * @param step  the increment per iteration, for an affine column
 * @param table every iteration's value, or null when the column is uniform or affine
 */
public record Column(double first, double step, double[] table, dev.fluxion.compiler.ir.LoopSum.DataRead data) {

    /** A column of constants: uniform, affine ({@code table} null) or tabulated. */
    public Column(double first, double step, double[] table) {
        this(first, step, table, null);
    }

    /** The column reading data: element {@code base + step * i} of a data parameter's port. */
    static Column data(dev.fluxion.compiler.ir.LoopSum.DataRead d) {
        return new Column(0, 0, null, d);
    }

    /** Whether the column reads a data parameter (given when the function is called). */
    public boolean reads() {
        return data != null;
    }

    /** The column of {@code values}, one per iteration: uniform, exactly affine, or a table. */
    static Column of(double[] values) {
        double first = values[0];
        boolean uniform = true;
        for (double v : values) {
            uniform &= Double.doubleToLongBits(v) == Double.doubleToLongBits(first);
        }
        if (uniform) {
            return new Column(first, 0, null);
        }
        double step = values.length > 1 ? values[1] - values[0] : 0;
        boolean affine = Double.isFinite(first) && Double.isFinite(step);
        for (int i = 0; affine && i < values.length; i++) {
            affine = Double.doubleToLongBits(first + i * step) == Double.doubleToLongBits(values[i]);
        }
        return affine ? new Column(first, step, null) : new Column(first, 0, values.clone());
    }

    /** Whether every iteration reads the same value (a constant of the template). */
    public boolean uniform() {
        return table == null && step == 0 && data == null;
    }

    /** Whether the value is {@code first + i · step}. */
    public boolean affine() {
        return table == null && step != 0 && data == null;
    }

    /** A copy of the table, or null. */
    @Override
    public double[] table() {
        return table == null ? null : table.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Column c && Double.compare(c.first, first) == 0 && Double.compare(c.step, step) == 0
                && Arrays.equals(c.table, table) && java.util.Objects.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(first) + Double.hashCode(step) + Arrays.hashCode(table);
    }

    @Override
    public String toString() {
        return data != null ? "data" + data : uniform() ? Double.toString(first) : affine() ? first + " + i*" + step : "table[" + table.length + "]";
    }
}
