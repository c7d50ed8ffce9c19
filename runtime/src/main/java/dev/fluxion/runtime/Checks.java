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
