package dev.fluxion.compiler.sparse;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Star coloring of the columns of a symmetric matrix, for Hessians: adjacent columns (i, j with
 * H_ij possibly non-zero, i ≠ j) get different colors, and every path on four vertices uses at
 * least three colors, so each two-colored part of the graph is a collection of stars. Then every
 * off-diagonal entry can be read directly from the product of H with the sum of one color's unit
 * vectors: from the color of the star's leaf, in the row of its hub ({@link Recovery#symmetric}).
 * It needs fewer colors than a distance-2 coloring of the columns, which ignores the symmetry (a
 * tridiagonal Hessian needs 3 either way; an arrowhead needs 2 instead of m).
 *
 * <p>The algorithm is Algorithm 4.1 of Gebremedhin, Tarafdar, Manne and Pothen, "New acyclic and
 * star coloring algorithms with application to computing Hessians", SIAM J. Sci. Comput. 29(3),
 * 2007 (CasADi's {@code star_coloring2}): vertices are colored greedily, and the two-colored
 * stars formed so far are kept (a star id per edge and the hub of each star), so that a color is
 * forbidden only where it would make a two-colored path on four vertices. Natural, largest-first
 * and smallest-last vertex orders are tried and the coloring with the fewest colors kept
 * (natural on a tie).
 */
public final class StarColoring {

    private StarColoring() {
    }

    /**
     * A star coloring of a symmetric pattern (the diagonal is ignored).
     *
     * @param symmetric a square pattern equal to its transpose
     * @return the coloring
     * @throws IllegalArgumentException if the pattern is not symmetric
     */
    public static Coloring of(Pattern symmetric) {
        if (!symmetric.equals(symmetric.symmetrized())) {
            throw new IllegalArgumentException("star coloring needs a symmetric pattern");
        }
        Pattern adj = withoutDiagonal(symmetric);
        int n = adj.rows();
        int[] natural = IntStream.range(0, n).toArray();
        int[] largestFirst = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingInt((Integer v) -> -(adj.end(v) - adj.start(v))))
                .mapToInt(Integer::intValue).toArray();
        Coloring best = isolated(symmetric, color(adj, natural));
        for (int[] order : List.of(largestFirst, smallestLast(adj))) {
            Coloring c = isolated(symmetric, color(adj, order));
            if (c.count() < best.count()) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Smallest-last order (Matula and Beck 1983), the order Gebremedhin et al. recommend for star
     * coloring: repeatedly remove a vertex of least degree among those left; color in the reverse
     * order of removal. Bucket queues keep it linear in the edges.
     */
    static int[] smallestLast(Pattern adj) {
        int n = adj.rows();
        int[] degree = new int[n];
        int max = 0;
        for (int v = 0; v < n; v++) {
            degree[v] = adj.end(v) - adj.start(v);
            max = Math.max(max, degree[v]);
        }
        // Doubly linked buckets by degree.
        int[] head = new int[max + 1];
        Arrays.fill(head, -1);
        int[] next = new int[n];
        int[] prev = new int[n];
        for (int v = 0; v < n; v++) {
            prev[v] = -1;
            next[v] = head[degree[v]];
            if (head[degree[v]] >= 0) {
                prev[head[degree[v]]] = v;
            }
            head[degree[v]] = v;
        }
        boolean[] removed = new boolean[n];
        int[] order = new int[n];
        int low = 0;
        for (int k = n - 1; k >= 0; k--) {
            while (head[low] < 0) {
                low++;
            }
            int v = head[low];
            unlink(v, degree[v], head, next, prev);
            removed[v] = true;
            order[k] = v;
            for (int e = adj.start(v); e < adj.end(v); e++) {
                int w = adj.column(e);
                if (!removed[w]) {
                    unlink(w, degree[w], head, next, prev);
                    degree[w]--;
                    prev[w] = -1;
                    next[w] = head[degree[w]];
                    if (head[degree[w]] >= 0) {
                        prev[head[degree[w]]] = w;
                    }
                    head[degree[w]] = w;
                    low = Math.min(low, degree[w]);
                }
            }
        }
        return order;
    }

    private static void unlink(int v, int d, int[] head, int[] next, int[] prev) {
        if (prev[v] >= 0) {
            next[prev[v]] = next[v];
        } else {
            head[d] = next[v];
        }
        if (next[v] >= 0) {
            prev[next[v]] = prev[v];
        }
    }

    /**
     * A vertex with no neighbour gets the first color if its diagonal entry is in the pattern
     * (any color serves it), else none: an input the Hessian does not involve needs no product.
     */
    private static Coloring isolated(Pattern symmetric, Coloring c) {
        int[] colors = c.colors();
        int count = c.count();
        for (int v = 0; v < colors.length; v++) {
            if (colors[v] == Coloring.NONE && symmetric.start(v) < symmetric.end(v)) {
                colors[v] = 0;
                count = Math.max(count, 1);
            }
        }
        return new Coloring(colors, count);
    }

    /** The pattern without its diagonal: the adjacency graph. */
    static Pattern withoutDiagonal(Pattern p) {
        int[][] rows = new int[p.rows()][];
        for (int i = 0; i < p.rows(); i++) {
            final int row = i;
            rows[i] = IntStream.range(p.start(i), p.end(i)).map(p::column).filter(j -> j != row).toArray();
        }
        return Pattern.ofRows(p.rows(), p.cols(), rows);
    }

    /** Algorithm 4.1, with vertices in {@code order}; {@code adj} symmetric, no diagonal. */
    static Coloring color(Pattern adj, int[] order) {
        int n = adj.rows();
        int[] mirror = mirror(adj);
        int[] color = new int[n];
        Arrays.fill(color, -1);
        int[] forbidden = new int[n + 1];
        // firstNeighbor[c] = (p, q): the vertex p last being colored that saw a neighbour q of color c first.
        int[] firstP = new int[n + 1];
        int[] firstQ = new int[n + 1];
        int[] firstQAt = new int[n + 1];
        Arrays.fill(firstP, -1);
        int[] treated = new int[n];
        Arrays.fill(treated, -1);
        int[] star = new int[adj.nonZeros()];
        Arrays.fill(star, -1);
        int[] hub = new int[adj.nonZeros() + 1];
        Arrays.fill(hub, -1);
        int stars = 0;
        int count = 0;
        for (int v : order) {
            if (adj.start(v) == adj.end(v)) {
                // No neighbour: any color serves ({@link #of} gives one if the diagonal entry is there).
                continue;
            }
            for (int k = adj.start(v); k < adj.end(v); k++) {
                int w = adj.column(k);
                int cw = color[w];
                if (cw < 0) {
                    continue;
                }
                forbidden[cw] = v + 1;
                if (firstP[cw] == v) {
                    // Case 1: v has two neighbours of color cw, so v is to be a hub: no color of
                    // their neighbours may be v's.
                    int q = firstQ[cw];
                    if (treated[q] != v) {
                        treat(adj, color, forbidden, treated, v, q);
                    }
                    treat(adj, color, forbidden, treated, v, w);
                } else {
                    firstP[cw] = v;
                    firstQ[cw] = w;
                    firstQAt[cw] = k;
                    // Case 2: a neighbour x of w that is the hub of w's star cannot share v's color.
                    for (int kx = adj.start(w); kx < adj.end(w); kx++) {
                        int x = adj.column(kx);
                        if (x != v && color[x] >= 0 && star[kx] >= 0 && hub[star[kx]] == x) {
                            forbidden[color[x]] = v + 1;
                        }
                    }
                }
            }
            int c = 0;
            while (forbidden[c] == v + 1) {
                c++;
            }
            color[v] = c;
            count = Math.max(count, c + 1);
            stars = updateStars(adj, mirror, color, firstP, firstQ, firstQAt, star, hub, stars, v);
        }
        return new Coloring(color, count);
    }

    /** Forbids the colors of w's colored neighbours for v. */
    private static void treat(Pattern adj, int[] color, int[] forbidden, int[] treated, int v, int w) {
        for (int k = adj.start(w); k < adj.end(w); k++) {
            int x = adj.column(k);
            if (color[x] >= 0) {
                forbidden[color[x]] = v + 1;
            }
        }
        treated[w] = v;
    }

    /** Puts each edge from the newly colored v to a colored neighbour into its two-colored star. */
    private static int updateStars(Pattern adj, int[] mirror, int[] color, int[] firstP, int[] firstQ, int[] firstQAt,
                                   int[] star, int[] hub, int stars, int v) {
        for (int k = adj.start(v); k < adj.end(v); k++) {
            int w = adj.column(k);
            if (color[w] < 0) {
                continue;
            }
            int sameAsV = -1;
            for (int kx = adj.start(w); kx < adj.end(w); kx++) {
                int x = adj.column(kx);
                if (x != v && color[x] == color[v]) {
                    sameAsV = kx;
                    break;
                }
            }
            int s;
            if (sameAsV >= 0) {
                // w already has a neighbour of v's color: w is the hub of that star, v joins it.
                s = star[sameAsV];
                hub[s] = w;
            } else if (firstP[color[w]] == v && firstQ[color[w]] != w) {
                // v has an earlier neighbour q of w's color: v is the hub of the star of (v, q).
                s = star[firstQAt[color[w]]];
                hub[s] = v;
            } else {
                s = stars++;
            }
            star[k] = s;
            star[mirror[k]] = s;
        }
        return stars;
    }

    /** For the entry (i, j) at position k, the position of (j, i). */
    private static int[] mirror(Pattern adj) {
        int[] m = new int[adj.nonZeros()];
        for (int i = 0; i < adj.rows(); i++) {
            for (int k = adj.start(i); k < adj.end(i); k++) {
                int j = adj.column(k);
                int lo = adj.start(j);
                int hi = adj.end(j) - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (adj.column(mid) < i) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                m[k] = lo;
            }
        }
        return m;
    }

    /**
     * Whether a coloring is a star coloring of a symmetric pattern: adjacent vertices differ in
     * color and no path on four vertices a-b-c-d has only two colors (color(a) = color(c) and
     * color(b) = color(d)). Checks every such path: for tests, not for large patterns.
     *
     * @param symmetric the pattern (diagonal ignored)
     * @param coloring a color per vertex
     * @return true if it is a star coloring
     */
    public static boolean isStar(Pattern symmetric, Coloring coloring) {
        Pattern adj = withoutDiagonal(symmetric);
        for (int b = 0; b < adj.rows(); b++) {
            for (int kc = adj.start(b); kc < adj.end(b); kc++) {
                int c = adj.column(kc);
                if (coloring.color(b) == coloring.color(c)) {
                    return false;
                }
                for (int ka = adj.start(b); ka < adj.end(b); ka++) {
                    int a = adj.column(ka);
                    if (a == c || coloring.color(a) != coloring.color(c)) {
                        continue;
                    }
                    for (int kd = adj.start(c); kd < adj.end(c); kd++) {
                        int d = adj.column(kd);
                        if (d != b && d != a && coloring.color(d) == coloring.color(b)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }
}
