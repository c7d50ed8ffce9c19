package dev.fluxion.compiler.ir;

import java.util.List;

/**
 * A lowered {@code model}: its graph and its declarations. The graph has two input ports,
 * {@link #INPUTS} (features and labels, given per call, in declaration order) and
 * {@link #PARAMS} (the parameters, owned by the model), and two output ports:
 * {@link #LOSS} (the scalar loss) and {@link #VALUES} (every named statement, readable
 * for inspection such as the logits).
 */
public record ModelProgram(String name, Graph graph, List<Declaration> inputs, List<Declaration> params) {

    public static final String INPUTS = "inputs";
    public static final String PARAMS = "params";
    public static final String LOSS = "loss";
    public static final String VALUES = "values";
    /** Output port of the gradient graph: the loss's gradient for every parameter. */
    public static final String GRAD = "grad";
    /** Input array indices of the two input ports. */
    public static final int INPUT_ARRAY = 0;
    public static final int PARAM_ARRAY = 1;
    /** The input port of a direction in parameter space, in the graph of a model's forward mode. */
    public static final String DIRECTION = "direction";

    /**
     * A declared input, label or parameter.
     *
     * @param classes for a label, the number of classes ({@code of 10}); else 0
     * @param init    for a parameter, its initializer name; else null
     */
    public record Declaration(String name, Shape shape, int classes, String init) {
    }

    public ModelProgram {
        inputs = List.copyOf(inputs);
        params = List.copyOf(params);
        if (graph.inputs().size() != 2 || graph.outputs().size() < 2) {
            throw new IllegalArgumentException("a model graph has ports inputs, params and outputs loss, values");
        }
    }

    /** The names of the statements readable by evaluate, in order. */
    public List<String> valueNames() {
        return graph.output(VALUES).labels();
    }
}
