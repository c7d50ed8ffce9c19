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
 * @param nodes the term's sub-graph in post-order from the term, arguments left to right
 *              (the term itself last)
 * @param slots for each slot, the index in the input array of the input it reads
 * @param constants the values of the term's constants, in node order: the key only says
 *              where a constant is, so terms that differ in their constants share a key
 */
record TermShape(List<Object> key, int[] nodes, int[] slots, double[] constants) {

    TermShape {
        key = List.copyOf(key);
        nodes = nodes.clone();
        slots = slots.clone();
        constants = constants.clone();
    }

    /**
     * The shape of the term at {@code term}, or null when it cannot be a loop's template:
     * its sub-graph has more than {@code limit} nodes, reads no input, or reads something
     * other than scalar elements of the first input port.
     */
    static TermShape of(Graph g, int term, int limit) {
        // Post-order from the term, arguments left to right: an order fixed by the term's
        // structure, not by node ids (a constant shared with an earlier term has a smaller id).
        List<Integer> order = new ArrayList<>();
        java.util.Set<Integer> done = new java.util.HashSet<>();
        Deque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[] {term, 0});
        while (!stack.isEmpty()) {
            int[] top = stack.peek();
            Node n = g.node(top[0]);
            if (top[1] < n.arity()) {
                int a = n.arg(top[1]++);
                if (!done.contains(a)) {
                    stack.push(new int[] {a, 0});
                }
            } else {
                stack.pop();
                if (done.add(top[0])) {
                    order.add(top[0]);
                    if (order.size() > limit) {
                        return null;
                    }
                }
            }
        }
        int[] sorted = order.stream().mapToInt(Integer::intValue).toArray();
        Map<Integer, Integer> local = new HashMap<>();
        List<Object> key = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        List<Double> constants = new ArrayList<>();
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
                key.add(Slot.CONSTANT);
                constants.add((Double) n.attr());
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
        return new TermShape(key, sorted, slots.stream().mapToInt(Integer::intValue).toArray(),
                constants.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Markers in a key. */
    private enum Slot { INPUT, CONSTANT, NO_ATTRIBUTE }

    @Override
    public boolean equals(Object o) {
        return o instanceof TermShape t && key.equals(t.key) && Arrays.equals(nodes, t.nodes)
                && Arrays.equals(slots, t.slots) && Arrays.equals(constants, t.constants);
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
