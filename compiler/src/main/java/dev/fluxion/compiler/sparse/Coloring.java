package dev.fluxion.compiler.sparse;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A grouping of the columns of a matrix (or of its rows, by coloring the transpose) into
 * colors, such that columns of one color can be computed together: the seed that is the sum
 * of their unit vectors gives, in each row, the entry of the one column of the color that the
 * row holds. Immutable.
 *
 * <p>{@link #columns} is the greedy distance-2 coloring of the bipartite graph of rows and
 * columns (Gebremedhin, Manne and Pothen, "What color is your Jacobian? Graph coloring for
 * computing derivatives", SIAM Review 47(4), 2005, section 3): columns are taken in an order
 * and each gets the smallest color that no column sharing a row with it has. Two orders are
 * tried, the natural one and largest-first (by the number of columns sharing a row with the
 * column, ties in natural order), and the one with fewer colors kept (the natural order on a
 * tie). A banded matrix of bandwidth w (w entries per row) gets w colors in natural order, the
 * least possible, since a row's entries need w different colors. A column with no entry is in no
 * color ({@link #NONE}): no product is made for it, so an all-zero Jacobian needs none.
 *
 * @param colors the color of each column, in [0, count), or {@link #NONE} for a column with no entry
 * @param count the number of colors
 */
public record Coloring(int[] colors, int count) {

    /** The color of a column with no entry, which no product needs. */
    public static final int NONE = -1;

    /**
     * @param colors the color of each column
     * @param count the number of colors
     * @throws IllegalArgumentException if a color is outside [0, count) and not {@link #NONE}
     */
    public Coloring {
        colors = colors.clone();
        for (int c : colors) {
            if (c < NONE || c >= count) {
                throw new IllegalArgumentException("color " + c + " outside [0, " + count + ")");
            }
        }
    }

    /** @return a copy of the color of each column */
    @Override
    public int[] colors() {
        return colors.clone();
    }

    /**
     * @param j a column
     * @return the color of column {@code j}, or {@link #NONE}
     */
    public int color(int j) {
        return colors[j];
    }

    /**
     * The seed matrix: row c is the sum of the unit vectors of the columns of color c.
     *
     * @return count rows of colors().length, flat, row-major
     */
    public double[] seeds() {
        int n = colors.length;
        double[] s = new double[count * n];
        for (int j = 0; j < n; j++) {
            if (colors[j] != NONE) {
                s[colors[j] * n + j] = 1.0;
            }
        }
        return s;
    }

    /**
     * The greedy distance-2 coloring of the columns of a pattern, the better of natural and
     * largest-first order.
     *
     * @param p the pattern
     * @return a coloring in which no two columns of one color share a row
     */
    public static Coloring columns(Pattern p) {
        Pattern t = p.transpose();
        if (p.maxRowCount() == nonEmpty(t)) {
            return oneEach(t);
        }
        int[] natural = IntStream.range(0, p.cols()).toArray();
        Coloring inNatural = greedy(p, t, natural);
        Coloring inLargestFirst = greedy(p, t, largestFirst(p, t));
        return inLargestFirst.count < inNatural.count ? inLargestFirst : inNatural;
    }

    /**
     * The greedy distance-2 coloring of the rows of a pattern (the columns of its transpose):
     * rows of one color never share a column, so one vector-Jacobian product per color gives them.
     *
     * @param p the pattern
     * @return a coloring of the rows
     */
    public static Coloring rows(Pattern p) {
        return columns(p.transpose());
    }

    /**
     * The work of coloring the columns of a pattern: the sum over rows of their entries squared
     * (each column looks at every column sharing a row with it), quadratic in a dense row's
     * length, which is why a plan colors the cheaper direction first and the other only if it
     * could need fewer colors; or the number of entries when a row holds every column that has
     * an entry (then each gets a color of its own, which is optimal, without the greedy pass).
     *
     * @param p the pattern
     * @return the number of steps, as a long
     */
    public static long cost(Pattern p) {
        if (p.maxRowCount() == nonEmpty(p.transpose())) {
            return p.nonZeros();
        }
        long c = 0;
        for (int i = 0; i < p.rows(); i++) {
            long k = p.end(i) - p.start(i);
            c += k * k;
        }
        return c;
    }

    /** The number of columns with an entry: the rows of the transpose that are not empty. */
    private static int nonEmpty(Pattern t) {
        int k = 0;
        for (int j = 0; j < t.rows(); j++) {
            k += t.start(j) < t.end(j) ? 1 : 0;
        }
        return k;
    }

    /**
     * Every column with an entry in a color of its own, in column order: optimal when some row
     * holds all of them (a dense row needs that many colors), and found without looking across
     * the rows, so a gradient's row of a million entries costs a million steps, not 10^12.
     */
    private static Coloring oneEach(Pattern t) {
        int[] color = new int[t.rows()];
        int count = 0;
        for (int j = 0; j < t.rows(); j++) {
            color[j] = t.start(j) < t.end(j) ? count++ : NONE;
        }
        return new Coloring(color, count);
    }

    /**
     * Greedy coloring of the columns in the given order.
     *
     * @param p the pattern (rows to their columns)
     * @param t its transpose (columns to their rows)
     * @param order every column once
     */
    static Coloring greedy(Pattern p, Pattern t, int[] order) {
        int n = p.cols();
        int[] color = new int[n];
        Arrays.fill(color, -1);
        // forbidden[c] == j + 1 while column j is being colored and a neighbour holds c.
        int[] forbidden = new int[n + 1];
        int count = 0;
        for (int j : order) {
            if (t.start(j) == t.end(j)) {
                continue;
            }
            for (int a = t.start(j); a < t.end(j); a++) {
                int row = t.column(a);
                for (int b = p.start(row); b < p.end(row); b++) {
                    int other = color[p.column(b)];
                    if (other >= 0) {
                        forbidden[other] = j + 1;
                    }
                }
            }
            int c = 0;
            while (forbidden[c] == j + 1) {
                c++;
            }
            color[j] = c;
            count = Math.max(count, c + 1);
        }
        return new Coloring(color, count);
    }

    /** The columns by decreasing distance-2 degree (columns sharing a row), ties in natural order. */
    private static int[] largestFirst(Pattern p, Pattern t) {
        int n = p.cols();
        int[] degree = new int[n];
        int[] seen = new int[n];
        for (int j = 0; j < n; j++) {
            for (int a = t.start(j); a < t.end(j); a++) {
                int row = t.column(a);
                for (int b = p.start(row); b < p.end(row); b++) {
                    int other = p.column(b);
                    if (other != j && seen[other] != j + 1) {
                        seen[other] = j + 1;
                        degree[j]++;
                    }
                }
            }
        }
        return IntStream.range(0, n).boxed().sorted(Comparator.comparingInt((Integer j) -> -degree[j]))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * Whether a coloring of the columns is valid for a pattern: no row holds two columns of one color.
     *
     * @param p the pattern
     * @param coloring a color per column
     * @return true if valid
     */
    public static boolean isValidForColumns(Pattern p, Coloring coloring) {
        if (coloring.colors.length != p.cols()) {
            return false;
        }
        int[] seen = new int[coloring.count];
        for (int i = 0; i < p.rows(); i++) {
            for (int k = p.start(i); k < p.end(i); k++) {
                int c = coloring.colors[p.column(k)];
                if (seen[c] == i + 1) {
                    return false;
                }
                seen[c] = i + 1;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coloring c && c.count == count && Arrays.equals(c.colors, colors);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(colors) + count;
    }

    @Override
    public String toString() {
        return count + " colors " + Arrays.toString(colors);
    }
}
