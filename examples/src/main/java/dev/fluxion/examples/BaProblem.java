package dev.fluxion.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An ADBench bundle-adjustment (BA) instance as ADBench's reader builds it
 * ({@code src/cpp/shared/utils.cpp::read_ba_instance}, {@code ../shared/peers/ADBENCH.md}): the
 * file holds {@code n m p}, then one camera (11), one point (3), one weight and one feature (2);
 * the camera is copied to all n cameras, the point to all m points, the weight and the feature
 * to all p observations, and observation i uses camera {@code i mod n} and point {@code i mod m}.
 *
 * @param n          the number of cameras
 * @param m          the number of points
 * @param p          the number of observations
 * @param cams       n cameras of 11, row-major: [r (3, Rodrigues), C (3), f, x0 (2), κ (2)]
 * @param points     m points of 3, row-major
 * @param weights    p weights
 * @param features   p features of 2, row-major (data: never differentiated)
 * @param camIndex   observation i's camera
 * @param pointIndex observation i's point
 */
public record BaProblem(int n, int m, int p, double[] cams, double[] points, double[] weights, double[] features,
                        int[] camIndex, int[] pointIndex) {

    /** Camera parameters per camera. */
    public static final int CAM = 11;
    /** Coordinates per point. */
    public static final int POINT = 3;

    /**
     * Reads a file and replicates it as ADBench does. A file that cannot be read is an
     * {@link IOException}; one that does not hold {@code n m p} and 17 numbers an
     * {@link IllegalArgumentException}.
     */
    public static BaProblem read(Path file) throws IOException {
        double[] v = Arrays.stream(Files.readString(file).trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
        if (v.length != 3 + CAM + POINT + 1 + 2) {
            throw new IllegalArgumentException(file + ": expected 'n m p' and one camera (11), point (3), weight and feature (2): "
                    + (3 + CAM + POINT + 3) + " numbers, found " + v.length);
        }
        int n = (int) v[0];
        int m = (int) v[1];
        int p = (int) v[2];
        if (n < 1 || m < 1 || p < 1 || n != v[0] || m != v[1] || p != v[2]) {
            throw new IllegalArgumentException(file + ": n, m, p must be whole and positive, got " + v[0] + " " + v[1] + " " + v[2]);
        }
        double[] cams = new double[CAM * n];
        double[] points = new double[POINT * m];
        double[] weights = new double[p];
        double[] features = new double[2 * p];
        int[] camIndex = new int[p];
        int[] pointIndex = new int[p];
        for (int c = 0; c < n; c++) {
            System.arraycopy(v, 3, cams, CAM * c, CAM);
        }
        for (int j = 0; j < m; j++) {
            System.arraycopy(v, 3 + CAM, points, POINT * j, POINT);
        }
        Arrays.fill(weights, v[3 + CAM + POINT]);
        for (int i = 0; i < p; i++) {
            features[2 * i] = v[3 + CAM + POINT + 1];
            features[2 * i + 1] = v[3 + CAM + POINT + 2];
            camIndex[i] = i % n;
            pointIndex[i] = i % m;
        }
        return new BaProblem(n, m, p, cams, points, weights, features, camIndex, pointIndex);
    }

    /** The global inputs in the Jacobian's column order: the cameras, the points, the weights (11n + 3m + p). */
    public double[] inputs() {
        double[] x = new double[cols()];
        System.arraycopy(cams, 0, x, 0, cams.length);
        System.arraycopy(points, 0, x, cams.length, points.length);
        System.arraycopy(weights, 0, x, cams.length + points.length, p);
        return x;
    }

    /** The Jacobian's rows: 2p reprojection errors, then p weight errors. */
    public int rows() {
        return 3 * p;
    }

    /** The Jacobian's columns: 11n + 3m + p. */
    public int cols() {
        return CAM * n + POINT * m + p;
    }
}
