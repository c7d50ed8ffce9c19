package dev.fluxion.examples;

/**
 * ADBench's hand objective transcribed in plain Java, as {@code hand_light_matrix.h} computes
 * it: full 4×4 matrices, every bone through the tree, all vertices skinned with their dense
 * weights (every bone, weight 0 included), the global transform, then the residuals. An oracle
 * for the files that have no reference values, written apart from the program (no generator,
 * no symbolic simplification), and the objective its central differences are taken of.
 */
public final class HandDirect {

    private HandDirect() {
    }

    /** The 3N residuals of {@code problem} at {@code theta} and {@code us} (null for the simple variant). */
    public static double[] residuals(HandProblem problem, double[] theta, double[] us) {
        HandModel model = problem.model();
        int bones = model.boneCount();
        double[][] pose = poseParams(theta, bones);
        double[][][] absolutes = new double[bones][][];
        double[][][] transforms = new double[bones][][];
        for (int b = 0; b < bones; b++) {
            double[][] r = euler(pose[3 + b]);
            double[][] tr = identity(4);
            for (int i = 0; i < 3; i++) {
                System.arraycopy(r[i], 0, tr[i], 0, 3);
            }
            double[][] relative = multiply(square(model.relative()[b]), tr);
            int parent = model.parents()[b];
            absolutes[b] = parent < 0 ? relative : multiply(absolutes[parent], relative);
            transforms[b] = multiply(absolutes[b], square(model.inverse()[b]));
        }
        int nv = model.positions().length;
        double[][] positions = new double[nv][3];
        for (int b = 0; b < bones; b++) {
            for (int v = 0; v < nv; v++) {
                double w = weight(model, b, v);
                double[] x = model.positions()[v];
                for (int i = 0; i < 3; i++) {
                    double curr = transforms[b][i][0] * x[0] + transforms[b][i][1] * x[1] + transforms[b][i][2] * x[2]
                            + transforms[b][i][3];
                    positions[v][i] += curr * w;
                }
            }
        }
        double[][] rg = angleAxis(pose[0]);
        for (double[] p : positions) {
            double[] q = new double[3];
            for (int i = 0; i < 3; i++) {
                q[i] = rg[i][0] * pose[1][0] * p[0] + rg[i][1] * pose[1][1] * p[1] + rg[i][2] * pose[1][2] * p[2] + pose[2][i];
            }
            System.arraycopy(q, 0, p, 0, 3);
        }
        int n = problem.n();
        double[] err = new double[3 * n];
        for (int i = 0; i < n; i++) {
            int c = problem.correspondences()[i];
            for (int j = 0; j < 3; j++) {
                double hand;
                if (us == null) {
                    hand = positions[c][j];
                } else {
                    int[] t = model.triangles()[c];
                    double u0 = us[2 * i];
                    double u1 = us[2 * i + 1];
                    hand = u0 * positions[t[0]][j] + u1 * positions[t[1]][j] + (1. - u0 - u1) * positions[t[2]][j];
                }
                err[3 * i + j] = problem.points()[3 * i + j] - hand;
            }
        }
        return err;
    }

    /**
     * Central differences of {@link #residuals} in ADBench's Jacobian layout, row-major: 3N × 26, or
     * 3N × 28 (u₁, u₂ of each point, then θ) for the complicated variant.
     */
    public static double[] centralDifferences(HandProblem problem, double h) {
        int n = problem.n();
        int cols = problem.jacobianColumns();
        int thetaAt = cols - HandProblem.THETA;
        double[] jac = new double[3 * n * cols];
        for (int c = 0; c < cols; c++) {
            double[][] r = new double[2][];
            for (int s = 0; s < 2; s++) {
                double[] theta = problem.theta().clone();
                double[] us = problem.us() == null ? null : problem.us().clone();
                double step = s == 0 ? h : -h;
                if (c >= thetaAt) {
                    theta[c - thetaAt] += step;
                } else {
                    for (int i = 0; i < n; i++) {
                        us[2 * i + c] += step;
                    }
                }
                r[s] = residuals(problem, theta, us);
            }
            for (int row = 0; row < 3 * n; row++) {
                jac[row * cols + c] = (r[0][row] - r[1][row]) / (2 * h);
            }
        }
        return jac;
    }

    private static double weight(HandModel model, int bone, int vertex) {
        int[] b = model.bones()[vertex];
        for (int k = 0; k < b.length; k++) {
            if (b[k] == bone) {
                return model.weights()[vertex][k];
            }
        }
        return 0;
    }

    /** to_pose_params: 3 + bones columns of 3 (here rows): rotation, scale (1), translation, each bone's Euler angles. */
    private static double[][] poseParams(double[] theta, int bones) {
        double[][] p = new double[bones + 3][3];
        System.arraycopy(theta, 0, p[0], 0, 3);
        p[1] = new double[] {1, 1, 1};
        System.arraycopy(theta, 3, p[2], 0, 3);
        int iTheta = 6;
        int iPose = 5;
        for (int finger = 0; finger < 5; finger++) {
            for (int i = 2; i <= 4; i++) {
                p[iPose][0] = theta[iTheta++];
                if (i == 2) {
                    p[iPose][1] = theta[iTheta++];
                }
                iPose++;
            }
            iPose++;
        }
        return p;
    }

    private static double[][] euler(double[] xzy) {
        double tx = xzy[0];
        double ty = xzy[2];
        double tz = xzy[1];
        double[][] rx = identity(3);
        rx[1][1] = Math.cos(tx);
        rx[2][1] = Math.sin(tx);
        rx[1][2] = -rx[2][1];
        rx[2][2] = rx[1][1];
        double[][] ry = identity(3);
        ry[0][0] = Math.cos(ty);
        ry[0][2] = Math.sin(ty);
        ry[2][0] = -ry[0][2];
        ry[2][2] = ry[0][0];
        double[][] rz = identity(3);
        rz[0][0] = Math.cos(tz);
        rz[1][0] = Math.sin(tz);
        rz[0][1] = -rz[1][0];
        rz[1][1] = rz[0][0];
        return multiply(multiply(rz, ry), rx);
    }

    private static double[][] angleAxis(double[] a) {
        double norm = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        if (norm < .0001) {
            return identity(3);
        }
        double x = a[0] / norm;
        double y = a[1] / norm;
        double z = a[2] / norm;
        double s = Math.sin(norm);
        double c = Math.cos(norm);
        return new double[][] {
            {x * x + (1 - x * x) * c, x * y * (1 - c) - z * s, x * z * (1 - c) + y * s},
            {x * y * (1 - c) + z * s, y * y + (1 - y * y) * c, y * z * (1 - c) - x * s},
            {x * z * (1 - c) - y * s, z * y * (1 - c) + x * s, z * z + (1 - z * z) * c}};
    }

    /** The 4×4 whose top rows are {@code top} (12, row-major) and last row 0 0 0 1. */
    private static double[][] square(double[] top) {
        double[][] m = identity(4);
        for (int i = 0; i < 3; i++) {
            System.arraycopy(top, 4 * i, m[i], 0, 4);
        }
        return m;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                double s = 0;
                for (int k = 0; k < b.length; k++) {
                    s += a[i][k] * b[k][j];
                }
                c[i][j] = s;
            }
        }
        return c;
    }
}
