package dev.fluxion.compiler.ir;

import java.util.List;

/**
 * A named array of a graph's inputs or outputs, with a label per element: the input
 * array {@code x} labelled {@code [x1, x2]}, the output array {@code grad} labelled
 * {@code [d/dx1, d/dx2]}. For an output port, {@code nodes} gives the node of each
 * element (for an input port it is empty).
 */
public record Port(String name, List<String> labels, List<Integer> nodes) {

    public Port {
        labels = labels instanceof Labels ? labels : List.copyOf(labels);
        nodes = List.copyOf(nodes);
        if (!nodes.isEmpty() && nodes.size() != labels.size()) {
            throw new IllegalArgumentException("port " + name + ": " + labels.size() + " labels but "
                    + nodes.size() + " nodes");
        }
    }

    public static Port input(String name, List<String> labels) {
        return new Port(name, labels, List.of());
    }

    public int size() {
        return labels.size();
    }

    public int node(int i) {
        return nodes.get(i);
    }
}
