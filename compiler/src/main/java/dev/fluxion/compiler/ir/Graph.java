package dev.fluxion.compiler.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable IR function: nodes in topological order (every argument id is smaller than
 * the node's own), input ports whose elements the {@link Leaf#INPUT} nodes refer to, and
 * output ports naming the node of each output element. Passes over it are loops over the
 * node list, never recursion over expression depth.
 */
public final class Graph {

    private final List<Node> nodes;
    private final List<Port> inputs;
    private final List<Port> outputs;
    private final Map<Integer, String> hints;
    /** The input arrays whose values may be infinite or NaN when x is finite (see {@link GraphBuilder#unbounded}). */
    private final java.util.Set<Integer> unbounded;

    Graph(List<Node> nodes, List<Port> inputs, List<Port> outputs, Map<Integer, String> hints) {
        this(nodes, inputs, outputs, hints, java.util.Set.of());
    }

    Graph(List<Node> nodes, List<Port> inputs, List<Port> outputs, Map<Integer, String> hints,
          java.util.Set<Integer> unbounded) {
        this.unbounded = java.util.Set.copyOf(unbounded);
        this.nodes = List.copyOf(nodes);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.hints = Collections.unmodifiableMap(new HashMap<>(hints));
        check();
    }

    private void check() {
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            for (int k = 0; k < n.arity(); k++) {
                if (n.arg(k) < 0 || n.arg(k) >= i) {
                    throw new IllegalStateException("node " + i + " (" + n + ") is not in topological order");
                }
            }
            if (n.attr() instanceof InputRef ref) {
                if (ref.array() >= inputs.size() || ref.index() >= inputs.get(ref.array()).size()) {
                    throw new IllegalStateException("node " + i + " reads " + ref + " outside the input ports");
                }
            }
        }
        for (Port p : outputs) {
            for (int id : p.nodes()) {
                if (id < 0 || id >= nodes.size()) {
                    throw new IllegalStateException("output " + p.name() + " names missing node " + id);
                }
            }
        }
    }

    public int size() {
        return nodes.size();
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Port> inputs() {
        return inputs;
    }

    public List<Port> outputs() {
        return outputs;
    }

    /** The output port called {@code name}. */
    public Port output(String name) {
        for (Port p : outputs) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no output port " + name + " in " + outputs);
    }

    /** The suggested name of a node, or null. */
    /**
     * The input arrays whose values may be infinite or NaN even when the function's inputs
     * {@code x} are finite: loop sums, data, adjoint seeds of loop templates.
     *
     * @return the arrays' indices
     */
    public java.util.Set<Integer> unbounded() {
        return unbounded;
    }

    public String hint(int id) {
        return hints.get(id);
    }

    /** For each node, how many times it is used as an argument or output element. */
    public int[] useCounts() {
        int[] uses = new int[nodes.size()];
        for (Node n : nodes) {
            for (int k = 0; k < n.arity(); k++) {
                uses[n.arg(k)]++;
            }
        }
        for (Port p : outputs) {
            for (int id : p.nodes()) {
                uses[id]++;
            }
        }
        return uses;
    }

    /** Which nodes the given output ports depend on. */
    public boolean[] reachableFrom(List<Port> ports) {
        boolean[] live = new boolean[nodes.size()];
        for (Port p : ports) {
            for (int id : p.nodes()) {
                live[id] = true;
            }
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (live[i]) {
                Node n = nodes.get(i);
                for (int k = 0; k < n.arity(); k++) {
                    live[n.arg(k)] = true;
                }
            }
        }
        return live;
    }

    /**
     * Dead code elimination: the graph restricted to what {@code keep} (a subset of the
     * output ports, by name) depends on, renumbered in the same order. Input ports stay.
     */
    public Graph keepOutputs(List<String> keep) {
        List<Port> kept = new ArrayList<>();
        for (String name : keep) {
            kept.add(output(name));
        }
        return withOutputs(kept);
    }

    /**
     * Dead code elimination with new output ports: the graph restricted to what {@code kept}
     * (ports naming nodes of this graph, for example one element of an output port) depends
     * on, renumbered in the same order. Input ports stay.
     */
    public Graph withOutputs(List<Port> kept) {
        boolean[] live = reachableFrom(kept);
        int[] map = new int[nodes.size()];
        List<Node> out = new ArrayList<>();
        Map<Integer, String> newHints = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!live[i]) {
                map[i] = -1;
                continue;
            }
            Node n = nodes.get(i);
            int[] args = n.args();
            for (int k = 0; k < args.length; k++) {
                args[k] = map[args[k]];
            }
            map[i] = out.size();
            out.add(new Node(n.op(), args, n.attr(), n.shape()));
            if (hints.containsKey(i)) {
                newHints.put(map[i], hints.get(i));
            }
        }
        List<Port> newOutputs = new ArrayList<>();
        for (Port p : kept) {
            List<Integer> ids = new ArrayList<>();
            for (int id : p.nodes()) {
                ids.add(map[id]);
            }
            newOutputs.add(new Port(p.name(), p.labels(), ids));
        }
        return new Graph(out, inputs, newOutputs, newHints, unbounded);
    }

    /** Dead code elimination keeping every output port. */
    public Graph withoutDeadCode() {
        return keepOutputs(outputs.stream().map(Port::name).toList());
    }

    /**
     * Copies this graph into {@code b} (whose rewriter then sees every node again), with
     * input arrays renumbered by {@code inputArrayMap}; returns the new id of every node.
     * Hints are carried over.
     */
    public int[] copyInto(GraphBuilder b, int[] inputArrayMap) {
        for (int a : unbounded) {
            b.unbounded(inputArrayMap[a]);
        }
        return copyInto(b, (ref, shape) -> b.input(inputArrayMap[ref.array()], ref.index(), shape));
    }

    /** What an input of a graph being copied becomes in the builder it is copied into. */
    @FunctionalInterface
    public interface Inputs {
        /** The node standing for input {@code ref} (of shape {@code shape}) in the copy. */
        int map(InputRef ref, Shape shape);
    }

    /**
     * Copies this graph into {@code b}, each input becoming the node {@code inputs} gives (a
     * renumbered input, a slot, a constant, a whole expression); returns the new id of every
     * node. Hints are carried over. The unbounded marks are the caller's to carry.
     */
    public int[] copyInto(GraphBuilder b, Inputs inputs) {
        int[] map = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.op() == Leaf.INPUT) {
                map[i] = inputs.map((InputRef) n.attr(), n.shape());
            } else if (n.op() == Leaf.CONST) {
                map[i] = b.constant((Double) n.attr());
            } else {
                int[] args = n.args();
                for (int k = 0; k < args.length; k++) {
                    args[k] = map[args[k]];
                }
                map[i] = b.applyWith(n.op(), n.attr(), args);
            }
            String h = hints.get(i);
            if (h != null) {
                b.hint(map[i], h);
            }
        }
        return map;
    }

    /** The same output ports with node ids mapped through {@code map}. */
    public List<Port> mapOutputs(int[] map) {
        List<Port> result = new ArrayList<>();
        for (Port p : outputs) {
            result.add(new Port(p.name(), p.labels(), p.nodes().stream().map(id -> map[id]).toList()));
        }
        return result;
    }

    /** Number of nodes that are neither constants nor inputs: the operations. */
    public int operationCount() {
        int n = 0;
        for (Node node : nodes) {
            if (!(node.op() instanceof Leaf)) {
                n++;
            }
        }
        return n;
    }
}
