package dev.fluxion.compiler.ir;

/**
 * A lowered program: its name and its graph, with one input port {@code x} (labelled
 * with the variable names in input order) and one output port {@code y} (labelled with
 * the output names).
 */
public record Program(String name, Graph graph) {

    /** Name of the input port of a lowered program. */
    public static final String INPUTS = "x";
    /** Name of the output port of a lowered program. */
    public static final String OUTPUTS = "y";

    /**
     * @param name the program's name ({@code f} for a bare expression)
     * @param graph its graph, with exactly one input port and one output port
     * @throws IllegalArgumentException if the graph has other ports
     */
    public Program {
        if (graph.inputs().size() != 1 || graph.outputs().size() != 1) {
            throw new IllegalArgumentException("a program has one input port and one output port");
        }
    }

    /**
     * The number of inputs.
     *
     * @return m
     */
    public int inputCount() {
        return graph.inputs().get(0).size();
    }

    /**
     * The number of outputs.
     *
     * @return n
     */
    public int outputCount() {
        return graph.outputs().get(0).size();
    }

    /**
     * The input names in order.
     *
     * @return the labels of the input port
     */
    public java.util.List<String> inputNames() {
        return graph.inputs().get(0).labels();
    }

    /**
     * The output names in order.
     *
     * @return the labels of the output port
     */
    public java.util.List<String> outputNames() {
        return graph.outputs().get(0).labels();
    }
}
