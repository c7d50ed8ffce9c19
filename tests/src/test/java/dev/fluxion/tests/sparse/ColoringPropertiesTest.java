package dev.fluxion.tests.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.sparse.Coloring;
import dev.fluxion.compiler.sparse.Pattern;
import dev.fluxion.compiler.sparse.Recovery;
import dev.fluxion.compiler.sparse.StarColoring;
import dev.fluxion.runtime.sparse.CsrMatrix;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Colorings of random sparsity patterns, checked against oracles written here from the
 * definitions (not the production checks): a column coloring lets no two columns of a color
 * share a row, a row coloring no two rows share a column, a star coloring is proper and leaves
 * no path on four vertices with two colors; and the recovery from the compressed products of a
 * random matrix with the pattern gives the matrix back exactly.
 */
class ColoringPropertiesTest {

    /** A random rows × cols pattern with each entry present with probability {@code density}. */
    static boolean[][] randomPattern(long seed, int rows, int cols, double density) {
        Random r = new Random(seed);
        boolean[][] p = new boolean[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                p[i][j] = r.nextDouble() < density;
            }
        }
        return p;
    }

    /** A random matrix with the pattern, every entry of the pattern non-zero. */
    static double[][] values(long seed, boolean[][] p) {
        Random r = new Random(seed ^ 0x5DEECE66DL);
        double[][] a = new double[p.length][p.length == 0 ? 0 : p[0].length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                a[i][j] = p[i][j] ? 0.5 + r.nextDouble() * (r.nextBoolean() ? 1 : -1) : 0;
            }
        }
        return a;
    }

    @Property(tries = 200)
    void columnColoringsAreValidAndRecoverTheMatrix(@ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int rows,
                                                   @ForAll @IntRange(min = 0, max = 30) int cols,
                                                   @ForAll @DoubleRange(min = 0, max = 0.6) double density) {
        boolean[][] p = randomPattern(seed, rows, cols, density);
        double[][] a = values(seed, p);
        Pattern pattern = Pattern.ofDense(a);
        Coloring c = Coloring.columns(pattern);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                for (int k = j + 1; k < cols; k++) {
                    assertTrue(!(p[i][j] && p[i][k]) || c.color(j) != c.color(k),
                            "columns " + j + " and " + k + " share row " + i + " and color " + c.color(j));
                }
            }
        }
        assertTrue(c.count() >= pattern.maxRowCount() && c.count() <= cols, c.toString());
        // J times each color's seed, computed densely here, then scattered back.
        double[] compressed = new double[c.count() * rows];
        for (int col = 0; col < c.count(); col++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    compressed[col * rows + i] += c.color(j) == col ? a[i][j] : 0;
                }
            }
        }
        CsrMatrix back = Recovery.columns(pattern, c).scatter(compressed);
        assertDenseEquals(a, back.toDense());
        assertEquals(pattern.nonZeros(), back.nonZeros());
    }

    @Property(tries = 200)
    void rowColoringsAreValidAndRecoverTheMatrix(@ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int rows,
                                                @ForAll @IntRange(min = 0, max = 30) int cols,
                                                @ForAll @DoubleRange(min = 0, max = 0.6) double density) {
        boolean[][] p = randomPattern(seed, rows, cols, density);
        double[][] a = values(seed, p);
        Pattern pattern = Pattern.ofDense(a);
        Coloring c = Coloring.rows(pattern);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                for (int k = i + 1; k < rows; k++) {
                    assertTrue(!(p[i][j] && p[k][j]) || c.color(i) != c.color(k),
                            "rows " + i + " and " + k + " share column " + j + " and color " + c.color(i));
                }
            }
        }
        double[] compressed = new double[c.count() * cols];
        for (int col = 0; col < c.count(); col++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    compressed[col * cols + j] += c.color(i) == col ? a[i][j] : 0;
                }
            }
        }
        assertDenseEquals(a, Recovery.rows(pattern, c).scatter(compressed).toDense());
    }

    @Property(tries = 300)
    void starColoringsAreStarsAndRecoverTheSymmetricMatrix(@ForAll long seed,
                                                          @ForAll @IntRange(min = 0, max = 25) int n,
                                                          @ForAll @DoubleRange(min = 0, max = 0.5) double density) {
        boolean[][] upper = randomPattern(seed, n, n, density);
        boolean[][] p = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                p[i][j] = p[j][i] = upper[i][j];
            }
        }
        double[][] h = values(seed, p);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                h[i][j] = h[j][i];
            }
        }
        Pattern pattern = Pattern.ofDense(h);
        Coloring c = StarColoring.of(pattern);
        assertTrue(isStarColoring(p, c), "not a star coloring: " + c + " of\n" + pattern);
        assertEquals(StarColoring.isStar(pattern, c), true);
        double[] compressed = new double[c.count() * n];
        for (int col = 0; col < c.count(); col++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    compressed[col * n + i] += c.color(j) == col ? h[i][j] : 0;
                }
            }
        }
        assertDenseEquals(h, Recovery.symmetric(pattern, c).scatter(compressed).toDense());
        // The distance-2 column coloring, read symmetrically, recovers it too.
        Coloring d2 = Coloring.columns(pattern);
        double[] byColumns = new double[d2.count() * n];
        for (int col = 0; col < d2.count(); col++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    byColumns[col * n + i] += d2.color(j) == col ? h[i][j] : 0;
                }
            }
        }
        assertDenseEquals(h, Recovery.columnsSymmetric(pattern, d2).scatter(byColumns).toDense());
    }

    /** The definition: adjacent vertices differ; no path a-b-c-d (distinct) with color(a) = color(c), color(b) = color(d). */
    static boolean isStarColoring(boolean[][] p, Coloring c) {
        int n = p.length;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a == b || !p[a][b]) {
                    continue;
                }
                if (c.color(a) == c.color(b)) {
                    return false;
                }
                for (int cc = 0; cc < n; cc++) {
                    if (cc == a || cc == b || !p[b][cc]) {
                        continue;
                    }
                    for (int d = 0; d < n; d++) {
                        if (d == a || d == b || d == cc || !p[cc][d]) {
                            continue;
                        }
                        if (c.color(a) == c.color(cc) && c.color(b) == c.color(d)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /** A banded pattern with w entries per row needs exactly w column colors. */
    @Property(tries = 40)
    void bandedPatternsNeedAsManyColorsAsTheirBandwidth(@ForAll @IntRange(min = 1, max = 9) int w,
                                                       @ForAll @IntRange(min = 10, max = 60) int n) {
        // Row i holds columns i - below .. i + above (clipped): w entries inside, and so does every column.
        int below = (w - 1) / 2;
        int above = w - 1 - below;
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.stream.IntStream.rangeClosed(Math.max(0, i - below), Math.min(n - 1, i + above)).toArray();
        }
        Pattern p = Pattern.ofRows(n, n, rows);
        assertEquals(w, p.maxRowCount());
        assertEquals(w, Coloring.columns(p).count());
        assertEquals(w, Coloring.rows(p).count());
    }

    /**
     * The shape of ADBench's bundle adjustment Jacobian (issue 15): p observations, observation i
     * seeing camera i mod n (11 parameters) and point i mod m (3), two reprojection rows reading
     * the camera, the point and the weight w_i, and one weight row reading w_i: 3p × (11n + 3m + p)
     * with 31p non-zeros. Each row touches one camera and one point, so 15 colors suffice
     * whatever the size, and a row's 15 entries need them all.
     */
    @Property(tries = 10)
    void bundleAdjustmentShapeNeedsFifteenColorsWhateverItsSize(@ForAll @IntRange(min = 1, max = 30) int n,
                                                               @ForAll @IntRange(min = 1, max = 200) int m,
                                                               @ForAll @IntRange(min = 1, max = 3000) int p) {
        int cols = 11 * n + 3 * m + p;
        int[][] rows = new int[3 * p][];
        for (int i = 0; i < p; i++) {
            int[] r = new int[15];
            int cam = 11 * (i % n);
            int pt = 11 * n + 3 * (i % m);
            for (int k = 0; k < 11; k++) {
                r[k] = cam + k;
            }
            for (int k = 0; k < 3; k++) {
                r[11 + k] = pt + k;
            }
            r[14] = 11 * n + 3 * m + i;
            rows[2 * i] = r;
            rows[2 * i + 1] = r.clone();
            rows[2 * p + i] = new int[] {11 * n + 3 * m + i};
        }
        Pattern ba = Pattern.ofRows(3 * p, cols, rows);
        assertEquals(31 * p, ba.nonZeros());
        Coloring c = Coloring.columns(ba);
        assertEquals(15, c.count());
        assertTrue(Coloring.isValidForColumns(ba, c));
    }

    /**
     * A plan colors the cheaper direction and skips the other when its bound says it cannot win:
     * a row of 5,999 of 6,000 columns (greedy column coloring: 3.6e7 steps) beside a row holding
     * the last column is 1 row color; the columns, at least 5,999, are not colored until asked.
     */
    @Test
    void aPlanSkipsTheDirectionThatCannotWin() {
        int m = 6000;
        Pattern p = Pattern.ofRows(2, m, new int[][] {java.util.stream.IntStream.range(0, m - 1).toArray(), {m - 1}});
        dev.fluxion.compiler.sparse.JacobianPlan plan = dev.fluxion.compiler.sparse.JacobianPlan.of(p);
        assertEquals(dev.fluxion.compiler.sparse.JacobianPlan.Direction.ROWS, plan.preferred());
        assertEquals(1, plan.colors(dev.fluxion.compiler.sparse.JacobianPlan.Direction.ROWS));
        assertTrue(!plan.colored(dev.fluxion.compiler.sparse.JacobianPlan.Direction.COLUMNS));
        assertEquals(m - 1, plan.lowerBound(dev.fluxion.compiler.sparse.JacobianPlan.Direction.COLUMNS));
        // A dense row: every column its own color at once, the optimum.
        Pattern dense = Pattern.ofRows(1, m, new int[][] {java.util.stream.IntStream.range(0, m).toArray()});
        assertEquals(m, Coloring.columns(dense).count());
        assertEquals(m, Coloring.cost(dense));
    }

    @Test
    void blockDiagonalNeedsTheBlockSize() {
        int blocks = 7;
        int size = 4;
        int[][] rows = new int[blocks * size][];
        for (int i = 0; i < rows.length; i++) {
            int start = i / size * size;
            rows[i] = java.util.stream.IntStream.range(start, start + size).toArray();
        }
        Pattern p = Pattern.ofRows(rows.length, rows.length, rows);
        assertEquals(size, Coloring.columns(p).count());
        assertEquals(size, StarColoring.of(p).count());
    }

    @Test
    void tridiagonalStarColoringHasThreeColorsAndAnArrowheadTwo() {
        int n = 40;
        int[][] tri = new int[n][];
        int[][] arrow = new int[n][];
        for (int i = 0; i < n; i++) {
            tri[i] = java.util.stream.IntStream.rangeClosed(Math.max(0, i - 1), Math.min(n - 1, i + 1)).toArray();
            arrow[i] = i == 0 ? java.util.stream.IntStream.range(0, n).toArray() : new int[] {0, i};
        }
        assertEquals(3, StarColoring.of(Pattern.ofRows(n, n, tri)).count());
        Pattern arrowhead = Pattern.ofRows(n, n, arrow);
        assertEquals(2, StarColoring.of(arrowhead).count());
        assertEquals(n, Coloring.columns(arrowhead).count(), "a distance-2 coloring ignores symmetry");
    }

    @Test
    void emptyPatternsNeedNoColors() {
        Pattern p = Pattern.ofRows(3, 4, new int[][] {{}, {}, {}});
        assertEquals(0, Coloring.columns(p).count());
        assertEquals(0, Coloring.rows(p).count());
        CsrMatrix m = Recovery.columns(p, Coloring.columns(p)).scatter(new double[0]);
        assertEquals(0, m.nonZeros());
        assertArrayEquals(new double[4], m.toDense()[2]);
    }

    static void assertDenseEquals(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], "row " + i);
        }
    }
}
