package dev.fluxion.runtime;

/**
 * An index read from data at run time ({@code x[idx[k]]}, {@code cams[obs[k, 0], j]}) that is
 * not a whole number, or falls outside the array it indexes. The message names the program's
 * line and column, the index expression, the value read and the array's extent, so that a bad
 * index array is found in the program, not in the generated code: generated code never lets an
 * {@link ArrayIndexOutOfBoundsException} through for a gather.
 *
 * <p>It is an {@link IndexOutOfBoundsException}, so code that already catches those keeps working.
 */
public final class IndexOutOfRange extends IndexOutOfBoundsException {

    private static final long serialVersionUID = 1L;

    private final double value;

    private IndexOutOfRange(String message, double value) {
        super(message);
        this.value = value;
    }

    /**
     * The data element that made the index.
     *
     * @return the value read from the index array
     */
    public double value() {
        return value;
    }

    /**
     * The position {@code scale · value + offset} along an axis of {@code size} elements, checked:
     * what generated code calls where it computes a gathered position.
     *
     * @param value  the element of the index array read at this iteration
     * @param scale  its coefficient in the index expression ({@code 1} for {@code idx[k]})
     * @param offset the rest of the index expression ({@code 1} for {@code idx[k] + 1})
     * @param size   the number of elements along the indexed axis
     * @param where  the program's line and column and the indexed read: {@code line 3, column 9: x[idx[k] + 1]}
     * @param data   the index array's element as written: {@code idx[k]}
     * @param axis   what is indexed: {@code x}, or {@code axis 0 of cams}
     * @return the position along the axis, in {@code 0 .. size - 1}
     * @throws IndexOutOfRange if {@code value} is not a whole number or the position is outside the axis
     */
    public static int at(double value, int scale, int offset, int size, String where, String data, String axis) {
        int v = (int) value;
        long at = (long) scale * v + offset;
        if (v != value || at < 0 || at >= size) {
            throw of(value, at, size, where, data, axis);
        }
        return (int) at;
    }

    private static IndexOutOfRange of(double value, long at, int size, String where, String data, String axis) {
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            return new IndexOutOfRange(where + ": " + data + " = " + value + " is not a whole number, so it cannot index "
                    + axis, value);
        }
        String v = Long.toString((long) value);
        String made = (long) value == at ? "" : ", which makes index " + at;
        return new IndexOutOfRange(where + ": " + data + " = " + v + made + ", outside " + axis + " (" + size
                + " element" + (size == 1 ? "" : "s") + ", 0.." + (size - 1) + ")", value);
    }
}
