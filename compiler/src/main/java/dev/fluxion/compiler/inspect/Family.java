package dev.fluxion.compiler.inspect;

import java.util.Locale;

/**
 * The family of functions the sweep measures: f: R^m → R^n with
 * {@code y_j = Σ_i sin(a_ij · x_i)}. Every output depends on every input, so the Jacobian
 * is dense and each pass of either mode does m·n multiply-adds: forward mode's m passes
 * cost about m²·n, reverse mode's n passes about m·n², and the two cross where m = n.
 * The coefficients {@code a_ij = 1 + ((i-1)·n + (j-1)) / (m·n)} are fixed, so the same
 * (m, n) always gives the same program, and all different, so no two outputs are the
 * same function (the simplifier would share them and the counts would stop growing).
 */
public final class Family {

    private Family() {
    }

    /** The program text for m inputs {@code x1..xm} and n outputs. */
    public static String program(int m, int n) {
        if (m < 1 || n < 1) {
            throw new IllegalArgumentException("need at least one input and one output, got m=" + m + ", n=" + n);
        }
        StringBuilder sb = new StringBuilder("fn family_").append(m).append('_').append(n).append('(');
        for (int i = 1; i <= m; i++) {
            sb.append(i == 1 ? "" : ", ").append('x').append(i);
        }
        sb.append(") {\n");
        for (int j = 1; j <= n; j++) {
            sb.append("  y").append(j).append(" = ");
            for (int i = 1; i <= m; i++) {
                sb.append(i == 1 ? "" : " + ")
                        .append(String.format(Locale.ROOT, "sin(%s*x%d)", Numbers.format(coefficient(i, j, m, n), 8), i));
            }
            sb.append('\n');
        }
        sb.append("  return ");
        if (n == 1) {
            sb.append("y1");
        } else {
            sb.append('(');
            for (int j = 1; j <= n; j++) {
                sb.append(j == 1 ? "" : ", ").append('y').append(j);
            }
            sb.append(')');
        }
        return sb.append("\n}\n").toString();
    }

    /** a_ij, for 1-based i and j, in [1, 2). */
    static double coefficient(int i, int j, int m, int n) {
        return 1 + ((i - 1) * (double) n + (j - 1)) / ((double) m * n);
    }
}
