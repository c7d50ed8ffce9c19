package dev.fluxion.bench;

import java.util.StringJoiner;

/**
 * Broyden's tridiagonal function (Moré, Garbow and Hillstrom 1981, problem 30), the classic
 * banded system: y_i = (3 - 2 x_i) x_i - x_{i-1} - 2 x_{i+1} + 1 with x_{-1} = x_n = 0. Its
 * n × n Jacobian has 3n - 2 non-zeros (bandwidth 3), so a column coloring needs 3 colors
 * whatever n is; the hand-written Jacobian is the oracle the benchmark checks against.
 */
public final class Broyden {

    private Broyden() {
    }

    /**
     * The program, one returned expression per output, for {@code Options.withSize("n", n)}.
     *
     * @param n the number of inputs and outputs, at least 2
     * @return the program text
     */
    public static String program(int n) {
        StringJoiner out = new StringJoiner(",\n    ", "fn broyden(x[n]) {\n  return (", ")\n}\n");
        for (int i = 0; i < n; i++) {
            StringBuilder e = new StringBuilder("(3 - 2*x[" + i + "])*x[" + i + "]");
            if (i > 0) {
                e.append(" - x[").append(i - 1).append(']');
            }
            if (i < n - 1) {
                e.append(" - 2*x[").append(i + 1).append(']');
            }
            out.add(e.append(" + 1").toString());
        }
        return out.toString();
    }

    /**
     * The Jacobian by hand: 3 - 4 x_i on the diagonal, -1 below, -2 above.
     *
     * @param x the point
     * @return n rows of n
     */
    public static double[][] jacobian(double[] x) {
        int n = x.length;
        double[][] j = new double[n][n];
        for (int i = 0; i < n; i++) {
            j[i][i] = 3 - 4 * x[i];
            if (i > 0) {
                j[i][i - 1] = -1;
            }
            if (i < n - 1) {
                j[i][i + 1] = -2;
            }
        }
        return j;
    }

    /**
     * A fixed point away from round numbers.
     *
     * @param n the number of inputs
     * @return x_i = -1 + 0.37 (i mod 7)
     */
    public static double[] point(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -1 + 0.37 * (i % 7);
        }
        return x;
    }
}
