package dev.fluxion.compiler.roll;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The structure of one term with its inputs abstracted: two terms with equal
 * {@link #key()} compute the same operations on the same constants, differing only in
 * which inputs they read, so one template evaluates either at its own inputs.
 *
 * @param key   the operations of the term's sub-graph in order, with inputs as numbered
 *              slots and arguments as positions in that order
 * @param nodes the term's sub-graph, ascending ids (the term itself last)
 * @param slots for each slot, the index in the input array of the input it reads
 */
record TermShape(List<Object> key, int[] nodes, int[] slots) {

    TermShape {
        key = List.copyOf(key);
        nodes = nodes.clone();
        slots = slots.clone();
    }

    /**
     * The shape of the term at {@code term}, or null when it cannot be a loop's template:
     * its sub-graph has more than {@code limit} nodes, reads no input, or reads something
     * other than scalar elements of the first input port.
     */
    static TermShape of(Graph g, int term, int limit) {
        List<Integer> ids = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        Deque<Integer> stack = new ArrayDeque<>();
        stack.push(term);
        seen.add(term);
        while (!stack.isEmpty()) {
            int id = stack.pop();
            ids.add(id);
            if (ids.size() > limit) {
                return null;
            }
            Node n = g.node(id);
            for (int k = 0; k < n.arity(); k++) {
                if (seen.add(n.arg(k))) {
                    stack.push(n.arg(k));
                }
            }
        }
        int[] sorted = ids.stream().mapToInt(Integer::intValue).sorted().toArray();
        Map<Integer, Integer> local = new HashMap<>();
        List<Object> key = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int id : sorted) {
            Node n = g.node(id);
            if (!n.shape().equals(Shape.SCALAR)) {
                return null;
            }
            local.put(id, local.size());
            if (n.op() == Leaf.INPUT) {
                InputRef ref = (InputRef) n.attr();
                if (ref.array() != 0) {
                    return null;
                }
                key.add(Slot.INPUT);
                slots.add(ref.index());
            } else if (n.op() == Leaf.CONST) {
                key.add(Double.doubleToLongBits((Double) n.attr()));
            } else {
                key.add(n.op());
                key.add(n.attr() == null ? Slot.NO_ATTRIBUTE : n.attr());
                for (int k = 0; k < n.arity(); k++) {
                    key.add(local.get(n.arg(k)));
                }
            }
        }
        if (slots.isEmpty()) {
            return null;
        }
        return new TermShape(key, sorted, slots.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Markers in a key. */
    private enum Slot { INPUT, NO_ATTRIBUTE }

    @Override
    public boolean equals(Object o) {
        return o instanceof TermShape t && key.equals(t.key) && Arrays.equals(nodes, t.nodes)
                && Arrays.equals(slots, t.slots);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "TermShape" + Arrays.toString(slots);
    }
}
