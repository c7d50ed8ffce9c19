package dev.fluxion.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ADBench hand input ({@code utils.cpp::read_hand_instance}): {@code N n_theta}, N lines
 * {@code correspondence x y z}, then for the complicated variant 2N numbers (u₁ u₂ of each
 * point), then the n_theta pose parameters. The variant is told from the count of numbers, as
 * {@code ../shared/peers/hand_peers.py} does. A simple point's correspondence is a vertex; a
 * complicated one's a triangle, the point being its barycentric combination
 * u₁·a + u₂·b + (1 − u₁ − u₂)·c.
 *
 * @param model           the hand model (read from the {@code model} folder beside the input or above it)
 * @param correspondences each point's vertex (simple) or triangle (complicated)
 * @param points          the measured points [N, 3], row-major
 * @param us              the barycentric coordinates [N, 2], row-major, or null for the simple variant
 * @param theta           the 26 pose parameters
 */
public record HandProblem(HandModel model, int[] correspondences, double[] points, double[] us, double[] theta) {

    /** ADBench's pose parameters: global rotation (3), translation (3), four per finger (20). */
    public static final int THETA = 26;

    /**
     * ADBench's expected values ({@code hand_test_expected.txt}, from HandTests.cpp) for
     * {@code test.txt} (simple) or {@code hand_complicated.txt}: the residuals, and the Jacobian,
     * which the file stores column-major, here row-major as {@link HandMap} writes it.
     *
     * @param residuals the 3N residuals
     * @param jacobian  the 3N × 26 (or 28) Jacobian, row-major
     */
    public record Reference(double[] residuals, double[] jacobian) {

        /** Reads the simple or the complicated part of a reference file. */
        public static Reference read(Path file, boolean complicated) throws IOException {
            String[] lines = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .toArray(String[]::new);
            String key = complicated ? "complicated_objective" : "simple_objective";
            for (int k = 0; k + 1 < lines.length; k++) {
                String[] tok = lines[k].trim().split("\\s+");
                if (tok[0].equals(key)) {
                    double[] err = java.util.Arrays.stream(tok).skip(1).mapToDouble(Double::parseDouble).toArray();
                    double[] colMajor = java.util.Arrays.stream(lines[k + 1].trim().split("\\s+"))
                            .mapToDouble(Double::parseDouble).toArray();
                    int rows = err.length;
                    int cols = colMajor.length / rows;
                    if (rows * cols != colMajor.length || cols != (complicated ? 2 + THETA : THETA)) {
                        throw new IOException(file + ": " + colMajor.length + " Jacobian values for " + rows + " residuals");
                    }
                    double[] rowMajor = new double[colMajor.length];
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            rowMajor[r * cols + c] = colMajor[c * rows + r];
                        }
                    }
                    return new Reference(err, rowMajor);
                }
            }
            throw new IOException(file + ": no line " + key + " followed by the Jacobian");
        }
    }

    /** Reads an input; the model from {@code <dir>/model} or {@code <dir>/../model}. */
    public static HandProblem read(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path model = Files.isDirectory(dir.resolve("model")) ? dir.resolve("model") : dir.resolveSibling("model");
        return read(file, HandModel.read(model));
    }

    /** Reads an input for {@code model}. */
    public static HandProblem read(Path file, HandModel model) throws IOException {
        String[] tok = Files.readString(file).trim().split("\\s+");
        int n = Integer.parseInt(tok[0]);
        int nTheta = Integer.parseInt(tok[1]);
        if (nTheta != THETA) {
            throw new IOException(file + ": ADBench's hand model has " + THETA + " pose parameters, the file says " + nTheta);
        }
        int rest = tok.length - 2 - 4 * n;
        boolean complicated;
        if (rest == nTheta) {
            complicated = false;
        } else if (rest == 2 * n + nTheta) {
            complicated = true;
        } else {
            throw new IOException(file + ": " + rest + " numbers after the points, expected " + nTheta + " or " + (2 * n + nTheta));
        }
        int[] corr = new int[n];
        double[] points = new double[3 * n];
        int p = 2;
        int limit = complicated ? model.triangles().length : model.positions().length;
        for (int i = 0; i < n; i++) {
            corr[i] = Integer.parseInt(tok[p++]);
            if (corr[i] < 0 || corr[i] >= limit) {
                throw new IOException(file + ": point " + i + " corresponds to " + (complicated ? "triangle " : "vertex ")
                        + corr[i] + ", outside 0.." + (limit - 1));
            }
            for (int j = 0; j < 3; j++) {
                points[3 * i + j] = Double.parseDouble(tok[p++]);
            }
        }
        double[] us = null;
        if (complicated) {
            us = new double[2 * n];
            for (int k = 0; k < 2 * n; k++) {
                us[k] = Double.parseDouble(tok[p++]);
            }
        }
        double[] theta = new double[nTheta];
        for (int k = 0; k < nTheta; k++) {
            theta[k] = Double.parseDouble(tok[p++]);
        }
        return new HandProblem(model, corr, points, us, theta);
    }

    /** Whether the input has the barycentric coordinates (ADBench's "complicated" hand). */
    public boolean complicated() {
        return us != null;
    }

    /** The number of points N. */
    public int n() {
        return correspondences.length;
    }

    /** The Jacobian's columns in ADBench's layout: 26, or 28 (u₁, u₂, then θ) for the complicated variant. */
    public int jacobianColumns() {
        return complicated() ? 2 + THETA : THETA;
    }
}
