package dev.fluxion.compiler.ir;

/**
 * A lowered program: its name and its graph, with one input port {@code x} (labelled
 * with the variable names in input order) and one output port {@code y} (labelled with
 * the output names). A program whose reductions were kept as loops ({@link LoopSum}) has a
 * second input port {@code s}: element r is the value of {@code loops().get(r)}.
 */
public record Program(String name, Graph graph, java.util.List<LoopSum> loops) {

    /** Name of the input port of a lowered program. */
    public static final String INPUTS = "x";
    /** Name of the output port of a lowered program. */
    public static final String OUTPUTS = "y";
    /** Name of the input port holding the values of the loop sums. */
    public static final String LOOP_SUMS = "s";

    /**
     * @param name the program's name ({@code f} for a bare expression)
     * @param graph its graph, with one input port (a second, {@code s}, when there are loop
     *              sums) and one output port
     * @param loops the loop sums, element r of port {@code s} being the value of loop r
     * @throws IllegalArgumentException if the graph has other ports
     */
    public Program {
        loops = java.util.List.copyOf(loops);
        int ports = loops.isEmpty() ? 1 : 2;
        if (graph.inputs().size() != ports || graph.outputs().size() != 1
                || ports == 2 && graph.inputs().get(1).size() != loops.size()) {
            throw new IllegalArgumentException("a program has one input port (and one for its loop sums) and one output port");
        }
    }

    /** A program without loop sums. */
    public Program(String name, Graph graph) {
        this(name, graph, java.util.List.of());
    }

    /** The same program with its loop sums' terms replaced (after simplifying them). */
    public Program withLoops(java.util.List<LoopSum> sums) {
        return new Program(name, graph, sums);
    }

    /** The same program with another graph of the same ports (after simplifying or scheduling). */
    public Program withGraph(Graph g) {
        return new Program(name, g, loops);
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
