package dev.fluxion.compiler.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders a graph the way the lecture numbers its evaluation trace: inputs first, then
 * every node at depth 1 (all its arguments are inputs or constants), then depth 2, and so
 * on, ties in the original order. For ln(x1)+x1*x2-sin(x2) that is v0 = x1, v1 = x2,
 * v2 = ln v0, v3 = v0·v1, v4 = sin v1, v5 = v2 + v3, v6 = v5 − v4. Each operation is
 * then named v{i} by its position.
 *
 * <p>Level order keeps many values alive at once, so graphs larger than
 * {@link #LEVEL_ORDER_LIMIT} keep their depth-first construction order, which keeps
 * live ranges short for code generation; they are still named v{i}.
 */
public final class Schedule {

    /** Graphs up to this many nodes are put in level order. */
    public static final int LEVEL_ORDER_LIMIT = 200;

    private Schedule() {
    }

    /** The graph in lecture order (when small) with every non-constant node named v{i}. */
    public static Graph lectureOrder(Graph g) {
        int n = g.size();
        int[] order = new int[n];
        if (n <= LEVEL_ORDER_LIMIT) {
            int[] depth = new int[n];
            int maxDepth = 0;
            for (int i = 0; i < n; i++) {
                Node node = g.node(i);
                int d = 0;
                for (int k = 0; k < node.arity(); k++) {
                    d = Math.max(d, depth[node.arg(k)] + 1);
                }
                depth[i] = node.op() == Leaf.CONST ? -1 : d;
                maxDepth = Math.max(maxDepth, d);
            }
            int pos = 0;
            for (int d = -1; d <= maxDepth; d++) {
                for (int i = 0; i < n; i++) {
                    if (depth[i] == d && (d != 0 || g.node(i).op() == Leaf.INPUT)) {
                        order[pos++] = i;
                    }
                }
                if (d == 0) {
                    // depth-0 nodes that are not inputs (none today) keep their place after inputs
                    for (int i = 0; i < n; i++) {
                        if (depth[i] == 0 && g.node(i).op() != Leaf.INPUT) {
                            order[pos++] = i;
                        }
                    }
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
        }
        // Inputs sorted by (array, index) among themselves so v0 is the first input.
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (g.node(i).op() == Leaf.INPUT) {
                inputs.add(i);
            }
        }
        int[] map = new int[n];
        List<Node> nodes = new ArrayList<>(n);
        Map<Integer, String> hints = new HashMap<>();
        int[] position = new int[n];
        int next = 0;
        // constants first (unnamed), then inputs in port order, then the rest
        for (int i : order) {
            if (g.node(i).op() == Leaf.CONST) {
                position[next++] = i;
            }
        }
        inputs.sort((a, c) -> {
            InputRef ra = (InputRef) g.node(a).attr();
            InputRef rc = (InputRef) g.node(c).attr();
            return ra.array() != rc.array() ? Integer.compare(ra.array(), rc.array()) : Integer.compare(ra.index(), rc.index());
        });
        for (int i : inputs) {
            position[next++] = i;
        }
        for (int i : order) {
            Op op = g.node(i).op();
            if (op != Leaf.CONST && op != Leaf.INPUT) {
                position[next++] = i;
            }
        }
        int named = 0;
        for (int p = 0; p < n; p++) {
            int i = position[p];
            Node node = g.node(i);
            int[] args = node.args();
            for (int k = 0; k < args.length; k++) {
                args[k] = map[args[k]];
            }
            map[i] = p;
            nodes.add(new Node(node.op(), args, node.attr(), node.shape()));
            if (node.op() != Leaf.CONST) {
                hints.put(p, "v" + named++);
            }
        }
        return new Graph(nodes, g.inputs(), g.mapOutputs(map), hints, g.unbounded());
    }
}
