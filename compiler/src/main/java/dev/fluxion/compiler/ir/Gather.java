package dev.fluxion.compiler.ir;

/**
 * One axis of an array element read inside a loop at a position read from integer data at each
 * iteration ({@code x[idx[k] + 1]}, the first axis of {@code cams[obs[k, 0], j]}): at iteration t
 * the axis index is {@code scale · d + offset + offsetStep · t}, where d is element
 * {@code dataBase + dataStep · t} of data port {@code dataPort}. It must be a whole number in
 * {@code 0 .. size - 1}; the generated code checks it where it computes the position
 * ({@code dev.fluxion.runtime.IndexOutOfRange.at}) and moves the element's flat position by
 * {@code stride} per unit of the index. The rest of the position (the axes known when the
 * function is compiled) is the slot's affine part.
 *
 * @param dataPort   the data parameter's input port (2 or more)
 * @param dataBase   the data element read at t = 0
 * @param dataStep   how far the data element moves per iteration
 * @param scale      the data value's coefficient in the index expression (non-zero)
 * @param offset     the index expression's constant part at t = 0
 * @param offsetStep how far the constant part moves per iteration
 * @param size       the axis' number of elements
 * @param stride     the flat distance between consecutive indices of the axis (row-major)
 * @param where      the program's line and column and the read as written: {@code line 3, column 9: x[idx[k] + 1]}
 * @param data       the data element as written: {@code idx[k]}
 * @param axis       what the index indexes: {@code x}, or {@code axis 0 of cams}
 */
public record Gather(int dataPort, int dataBase, int dataStep, int scale, int offset, int offsetStep, int size,
                     int stride, String where, String data, String axis) {

    public Gather {
        if (dataPort < 2 || scale == 0 || size < 1 || stride < 1) {
            throw new IllegalArgumentException("a gather reads a data port (2 or more) with a non-zero scale, along an "
                    + "axis of at least one element");
        }
    }

    /**
     * What decides the position, without the texts of the message: two gathers of equal
     * positions read the same element however the program writes them.
     */
    public java.util.List<Integer> position() {
        return java.util.List.of(dataPort, dataBase, dataStep, scale, offset, offsetStep, size, stride);
    }

    /** The read as the program writes it, without its place: {@code x[idx[k] + 1]}. */
    public String read() {
        return where.substring(where.indexOf(": ") + 2);
    }

    /** The data element read at iteration t. */
    public int dataAt(int t) {
        return dataBase + dataStep * t;
    }
}
