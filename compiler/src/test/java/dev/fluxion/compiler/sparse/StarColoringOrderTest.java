package dev.fluxion.compiler.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every vertex order star coloring tries gives a star coloring; smallest-last is a permutation that ends with a vertex of least degree. */
class StarColoringOrderTest {

    private static Pattern randomSymmetric(Random r, int n, double density) {
        boolean[][] a = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                a[i][j] = a[j][i] = r.nextDouble() < density;
            }
        }
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) {
            final int row = i;
            rows[i] = IntStream.range(0, n).filter(j -> a[row][j]).toArray();
        }
        return Pattern.ofRows(n, n, rows);
    }

    @Test
    void everyOrderGivesAStarColoring() {
        Random r = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(30);
            Pattern adj = randomSymmetric(r, n, r.nextDouble() * 0.4);
            int[] natural = IntStream.range(0, n).toArray();
            int[] smallestLast = StarColoring.smallestLast(adj);
            assertArrayEquals(natural, Arrays.stream(smallestLast).sorted().toArray(), "a permutation");
            for (int[] order : new int[][] {natural, smallestLast}) {
                Coloring c = StarColoring.color(adj, order);
                assertTrue(StarColoring.isStar(adj, c), "order " + Arrays.toString(order) + " of\n" + adj);
            }
            assertTrue(StarColoring.isStar(adj, StarColoring.of(adj)));
        }
    }

    @Test
    void smallestLastRemovesLeavesFirst() {
        // A star: the hub has degree n - 1, the leaves 1; the hub is removed last, so colored first.
        int n = 6;
        int[][] rows = new int[n][];
        rows[0] = IntStream.range(1, n).toArray();
        for (int i = 1; i < n; i++) {
            rows[i] = new int[] {0};
        }
        int[] order = StarColoring.smallestLast(Pattern.ofRows(n, n, rows));
        assertEquals(n, order.length);
        assertTrue(order[0] == 0 || order[1] == 0, Arrays.toString(order));
    }
}
