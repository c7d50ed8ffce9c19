package dev.fluxion.compiler.ops;

import dev.fluxion.compiler.ir.Notation;
import dev.fluxion.compiler.ir.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The op table: every op of the language, scalar and tensor, listed explicitly by family
 * (no registration as a side effect of class loading), and the names by which calls find
 * the scalar ones. The tensor functions of models ({@code sum(x, axis=1)}, {@code mse}) are
 * mapped to these ops by {@code parse.Library}, some as compositions; the ops that only
 * derivatives use ({@code conv2d_filter_grad}, {@code maxpool_scatter}) are listed too, so
 * the op-table tests ({@code OpTableTest} for the scalar ops, {@code TensorOpTest} for the
 * tensor ops) can require a row for every op.
 */
public final class OpTable {

    private static final List<Op> SCALAR;
    private static final List<Op> TENSOR;
    private static final List<Op> ALL;
    private static final Map<String, Op> FUNCTIONS;
    private static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI);

    static {
        List<Op> scalar = new ArrayList<>();
        scalar.addAll(Arithmetic.all());
        scalar.addAll(Elementary.all());
        scalar.addAll(Activations.all());
        scalar.addAll(Hyperbolic.all());
        scalar.addAll(InverseTrig.all());
        scalar.addAll(Stable.all());
        scalar.addAll(GammaFunctions.all());
        scalar.addAll(Rounding.all());
        scalar.addAll(Logic.all());
        SCALAR = Collections.unmodifiableList(scalar);
        List<Op> tensor = new ArrayList<>();
        tensor.addAll(Reductions.all());
        tensor.addAll(Softmax.all());
        tensor.addAll(Losses.all());
        tensor.addAll(LinearAlgebra.all());
        tensor.addAll(Einsum.all());
        tensor.addAll(NeuralNet.all());
        tensor.addAll(Shapes.all());
        TENSOR = Collections.unmodifiableList(tensor);
        List<Op> all = new ArrayList<>(SCALAR);
        all.addAll(TENSOR);
        ALL = Collections.unmodifiableList(all);
        Map<String, Op> functions = new LinkedHashMap<>();
        for (Op op : SCALAR) {
            if (op.notation().kind() == Notation.Kind.CALL) {
                functions.put(op.name(), op);
            }
        }
        functions.put("log", Elementary.LN);
        functions.put("pow", Arithmetic.POW);
        FUNCTIONS = Collections.unmodifiableMap(functions);
    }

    private OpTable() {
    }

    /** Every op, scalar then tensor, in table order. */
    public static List<Op> all() {
        return ALL;
    }

    /** The scalar ops (elementwise on tensors, with broadcasting), in table order. */
    public static List<Op> scalar() {
        return SCALAR;
    }

    /** The tensor ops (reductions, softmax, losses, linear algebra, einsum, convolution and pooling, shapes). */
    public static List<Op> tensor() {
        return TENSOR;
    }

    /** The op a call {@code name(...)} means, or null. */
    public static Op function(String name) {
        return FUNCTIONS.get(name);
    }

    /** Every name a call may use, aliases included. */
    public static Set<String> functionNames() {
        return FUNCTIONS.keySet();
    }

    /** The value of a named constant ({@code pi}), or null. */
    public static Double constant(String name) {
        return CONSTANTS.get(name);
    }

    public static Set<String> constantNames() {
        return CONSTANTS.keySet();
    }
}
