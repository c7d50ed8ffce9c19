package dev.fluxion.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An ADBench GMM data file: {@code d K n}, then α (K), μ (K·d), icf (K·d(d+1)/2), the n
 * points of d, then γ and m (see {@code /work/shared/adbench/README.md}).
 *
 * @param d      the dimension
 * @param k      the number of components
 * @param n      the number of points
 * @param params α, μ and icf, in that order (the order of the gradient)
 * @param x      the points, row by row ([n, d])
 * @param gamma  the Wishart prior's γ
 * @param m      the Wishart prior's m
 */
public record GmmProblem(int d, int k, int n, double[][] params, double[] x, double gamma, double m) {

    /** Copies the arrays, so the value cannot change under whoever holds it. */
    public GmmProblem {
        params = new double[][] {params[0].clone(), params[1].clone(), params[2].clone()};
        x = x.clone();
    }

    /**
     * Reads a data file whose points are all listed (not ADBench's 2.5M file, which keeps one
     * point). A file that cannot be read is an {@link IOException}; one that reads but does not
     * hold the numbers its header announces is an {@link IllegalArgumentException}, as a number
     * that does not parse already is ({@link NumberFormatException}).
     */
    public static GmmProblem read(Path file) throws IOException {
        double[] v = Arrays.stream(Files.readString(file).trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
        if (v.length < 3) {
            throw new IllegalArgumentException(file + ": expected 'd K n' at the start");
        }
        int d = (int) v[0];
        int k = (int) v[1];
        int n = (int) v[2];
        int[] sizes = {k, k * d, k * d * (d + 1) / 2};
        int expected = 3 + sizes[0] + sizes[1] + sizes[2] + n * d + 2;
        if (v.length != expected) {
            throw new IllegalArgumentException(file + ": expected " + expected + " numbers for d=" + d + " K=" + k
                    + " n=" + n + " with every point listed, found " + v.length);
        }
        double[][] params = new double[3][];
        int at = 3;
        for (int i = 0; i < 3; i++) {
            params[i] = Arrays.copyOfRange(v, at, at + sizes[i]);
            at += sizes[i];
        }
        double[] x = Arrays.copyOfRange(v, at, at + n * d);
        at += n * d;
        return new GmmProblem(d, k, n, params, x, v[at], v[at + 1]);
    }

    /** The number of gradient entries: K + K·d + K·d(d+1)/2. */
    public int gradientSize() {
        return params[0].length + params[1].length + params[2].length;
    }
}
