package dev.fluxion.runtime;

/** Argument checks generated methods run before they compute, so a wrong array fails with a message. */
public final class Checks {

    private Checks() {
    }

    /** Fails unless {@code a} has exactly {@code n} elements. */
    public static void length(double[] a, int n, String name) {
        if (a == null) {
            throw new NullPointerException(name + " is null");
        }
        if (a.length != n) {
            throw new IllegalArgumentException(name + " must have " + n + " elements, got " + a.length);
        }
    }

    /** Fails unless {@code k} is a valid number of directions. */
    public static void count(int k, String name) {
        if (k < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + k);
        }
    }
}
