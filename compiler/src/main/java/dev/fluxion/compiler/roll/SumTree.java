package dev.fluxion.compiler.roll;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A maximal signed sum in a graph, flattened: {@code a - (b + c) + d} rooted at its last
 * {@code +} is the terms {@code +a, -b, -c, +d}. Which ops are sums, and with which signs,
 * is read from the op table ({@link dev.fluxion.compiler.ir.Op#sumSigns}). A sum node
 * belongs to the tree above it when that is its only use, so trees never overlap.
 *
 * @param root  the node computing the whole sum
 * @param terms the terms, left to right
 */
record SumTree(int root, List<Term> terms) {

    /** One term of a sum: a node and its sign (+1 or -1). */
    record Term(int node, int sign) {
    }

    SumTree {
        terms = List.copyOf(terms);
    }

    /** Every sum tree of {@code g} with at least {@code minTerms} terms, by root id. */
    static List<SumTree> find(Graph g, int minTerms) {
        int n = g.size();
        int[] uses = g.useCounts();
        boolean[] isSum = new boolean[n];
        for (int i = 0; i < n; i++) {
            Node node = g.node(i);
            isSum[i] = node.op().sumSigns() != null && node.shape().equals(Shape.SCALAR);
        }
        boolean[] inner = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (isSum[i]) {
                Node node = g.node(i);
                for (int k = 0; k < node.arity(); k++) {
                    int a = node.arg(k);
                    if (isSum[a] && uses[a] == 1) {
                        inner[a] = true;
                    }
                }
            }
        }
        List<SumTree> trees = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (isSum[i] && !inner[i]) {
                List<Term> terms = flatten(g, i, inner);
                if (terms.size() >= minTerms) {
                    trees.add(new SumTree(i, terms));
                }
            }
        }
        return trees;
    }

    /** The terms of the tree at {@code root}, left to right, with an explicit stack (sums nest deep). */
    private static List<Term> flatten(Graph g, int root, boolean[] inner) {
        List<Term> terms = new ArrayList<>();
        Deque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[] {root, 1});
        while (!stack.isEmpty()) {
            int[] top = stack.pop();
            int id = top[0];
            if (id == root || inner[id]) {
                Node node = g.node(id);
                int[] signs = node.op().sumSigns();
                for (int k = node.arity() - 1; k >= 0; k--) {
                    stack.push(new int[] {node.arg(k), top[1] * signs[k]});
                }
            } else {
                terms.add(new Term(id, top[1]));
            }
        }
        return terms;
    }
}
