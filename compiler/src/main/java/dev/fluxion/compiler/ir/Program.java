package dev.fluxion.compiler.ir;

/**
 * A lowered program: its name and its graph, with one input port {@code x} (labelled
 * with the variable names in input order) and one output port {@code y} (labelled with
 * the output names). A program whose reductions were kept as loops ({@link LoopSum}) has a
 * second input port {@code s}: element r is the value of {@code loops().get(r)}. A function
 * with data parameters ({@code fn nll(w[d], b; X[m, d], y[m])}) has, after {@code s} (empty
 * when there are no loop sums), one input port per data parameter, which no derivative is
 * taken with respect to. A program whose {@code for} loops were kept as loops ({@link Scan})
 * reads the final carries of scan q on port {@code s} too, after the loop sums: the carries of
 * the scans in order, each scan's in its order.
 */
public record Program(String name, Graph graph, java.util.List<LoopSum> loops, java.util.List<Scan> scans) {

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
     * @param scans the loops with carried state, their final carries on port {@code s} after the loop sums
     * @throws IllegalArgumentException if the graph has other ports
     */
    public Program {
        loops = java.util.List.copyOf(loops);
        scans = java.util.List.copyOf(scans);
        int ports = graph.inputs().size();
        int carried = scans.stream().mapToInt(Scan::width).sum();
        if (graph.outputs().size() != 1 || (ports == 1 ? !loops.isEmpty() || carried > 0
                : graph.inputs().get(1).size() != loops.size() + carried)) {
            throw new IllegalArgumentException("a program has one input port (then one for its loop sums and one per "
                    + "data parameter) and one output port");
        }
    }

    /** A program without loop sums. */
    public Program(String name, Graph graph) {
        this(name, graph, java.util.List.of());
    }

    /** A program without scans. */
    public Program(String name, Graph graph, java.util.List<LoopSum> loops) {
        this(name, graph, loops, java.util.List.of());
    }

    /** Whether the program keeps a sum or a {@code for} loop as a loop (its port {@code s} is not empty). */
    public boolean hasLoops() {
        return !loops.isEmpty() || !scans.isEmpty();
    }

    /** Element of port {@code s} holding the first final carry of scan {@code q}. */
    public int scanOffset(int q) {
        int at = loops.size();
        for (int i = 0; i < q; i++) {
            at += scans.get(i).width();
        }
        return at;
    }

    /** The data ports: one per data parameter, after port {@code s} (none for most programs). */
    public java.util.List<Port> dataPorts() {
        java.util.List<Port> in = graph.inputs();
        return in.size() <= 2 ? java.util.List.of() : in.subList(2, in.size());
    }

    /** Name of the input port of data parameter {@code name}. */
    public static String dataPort(String name) {
        return "data." + name;
    }

    /** The data parameter's name of a data port. */
    public static String dataName(Port p) {
        return p.name().substring("data.".length());
    }

    /** The same program with its loop sums' terms replaced (after simplifying them). */
    public Program withLoops(java.util.List<LoopSum> sums) {
        return new Program(name, graph, sums, scans);
    }

    /** The same program with its scans' bodies replaced (after simplifying them). */
    public Program withScans(java.util.List<Scan> kept) {
        return new Program(name, graph, loops, kept);
    }

    /** The same program with another graph of the same ports (after simplifying or scheduling). */
    public Program withGraph(Graph g) {
        return new Program(name, g, loops, scans);
    }

    /**
     * Where the program first reads at a position taken from data ({@link Gather}): its line,
     * column and read, {@code line 3, column 9: x[idx[k]]}; null when it never does. Such a
     * program has no form written out term by term and no sparsity pattern independent of the data.
     *
     * @return the first gather's place, or null
     */
    public String firstGather() {
        String input = firstGatheredInput();
        if (input != null) {
            return input;
        }
        for (LoopSum s : loops) {
            for (LoopSum.DataRead d : s.data()) {
                if (d.gathered()) {
                    return d.gathers().get(0).where();
                }
            }
        }
        return null;
    }

    /**
     * Where the program first reads an input (not data) at a position taken from data, or null:
     * which inputs such a program reads depends on the data, so it has no sparsity pattern of its own.
     *
     * @return the first gathered input read's place, or null
     */
    public String firstGatheredInput() {
        for (LoopSum s : loops) {
            for (java.util.List<Gather> g : s.gathers()) {
                if (!g.isEmpty()) {
                    return g.get(0).where();
                }
            }
        }
        return null;
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
