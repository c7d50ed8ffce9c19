package dev.fluxion.runtime;

/** Argument checks generated methods run before they compute, so a wrong array fails with a message. */
public final class Checks {

    private Checks() {
    }

    /**
     * Fails unless {@code a} has exactly {@code n} elements: a short array would otherwise
     * fail deep in generated code with a bare index, a long one silently ignore values.
     *
     * @param a the array to check
     * @param n the length it must have
     * @param name the parameter's name, for the message
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if its length is not {@code n}
     */
    public static void length(double[] a, int n, String name) {
        if (a == null) {
            throw new NullPointerException(name + " is null");
        }
        if (a.length != n) {
            throw new IllegalArgumentException(name + " must have " + n + " elements, got " + a.length);
        }
    }

    /**
     * Fails unless {@code data} holds one array per data parameter, each of its size.
     *
     * @param data  the arrays given
     * @param names the data parameters' names
     * @param sizes the number of elements each must have
     * @throws IllegalArgumentException naming the parameter when a count or a length is wrong
     * @throws NullPointerException naming the parameter when an array is null
     */
    public static void data(double[][] data, String[] names, int[] sizes) {
        if (data == null || data.length != names.length) {
            throw new IllegalArgumentException("the function has " + names.length + " data parameter"
                    + (names.length == 1 ? "" : "s") + " (" + String.join(", ", names) + "), got "
                    + (data == null ? 0 : data.length) + " array" + (data != null && data.length == 1 ? "" : "s"));
        }
        for (int k = 0; k < names.length; k++) {
            if (data[k] == null) {
                throw new NullPointerException("data " + names[k] + " is null");
            }
            if (data[k].length != sizes[k]) {
                throw new IllegalArgumentException("data " + names[k] + " must have " + sizes[k] + " elements (row-major), got "
                        + data[k].length);
            }
        }
    }

    /**
     * Fails unless {@code k} is a valid number of directions.
     *
     * @param k the count to check
     * @param name the parameter's name, for the message
     * @throws IllegalArgumentException if {@code k} is negative
     */
    public static void count(int k, String name) {
        if (k < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + k);
        }
    }
}
