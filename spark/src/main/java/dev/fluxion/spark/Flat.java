package dev.fluxion.spark;

/** Parameters as one flat vector (in declaration order, each row-major) and back. */
public final class Flat {

    private Flat() {
    }

    /**
     * Copies the buffers one after another into {@code out}.
     *
     * @param buffers the parameters
     * @param out receives them, of the total length
     */
    public static void flatten(double[][] buffers, double[] out) {
        int at = 0;
        for (double[] b : buffers) {
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        if (at != out.length) {
            throw new IllegalArgumentException("buffers hold " + at + " values, the vector has " + out.length);
        }
    }

    /**
     * The buffers one after another in a new vector.
     *
     * @param buffers the parameters
     * @return the flat vector
     */
    public static double[] flatten(double[][] buffers) {
        int n = 0;
        for (double[] b : buffers) {
            n += b.length;
        }
        double[] out = new double[n];
        flatten(buffers, out);
        return out;
    }

    /**
     * Copies a flat vector back into the buffers.
     *
     * @param x the vector, of the buffers' total length
     * @param buffers receive it
     */
    public static void unflatten(double[] x, double[][] buffers) {
        int at = 0;
        for (double[] b : buffers) {
            System.arraycopy(x, at, b, 0, b.length);
            at += b.length;
        }
        if (at != x.length) {
            throw new IllegalArgumentException("buffers hold " + at + " values, the vector has " + x.length);
        }
    }
}
