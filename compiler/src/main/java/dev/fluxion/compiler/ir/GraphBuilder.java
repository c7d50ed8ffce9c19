package dev.fluxion.compiler.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Graph} node by node. Nodes are hash-consed: applying the same op to
 * the same arguments twice gives the same id, so common subexpressions are shared from
 * the start. A {@link Rewriter} (the simplification rules that are switched on) sees every
 * application first and may return an existing or simpler node instead, so derivative
 * construction never inflates ({@code x*1}, {@code x+0}, {@code 0*x} never get built).
 *
 * <p>Not thread-safe; one builder per construction.
 */
public final class GraphBuilder {

    /** A local rewrite consulted before a node is created. */
    @FunctionalInterface
    public interface Rewriter {
        /** Returns the id of an equivalent node, or {@link #NO_MATCH}. */
        int rewrite(GraphBuilder b, Op op, int[] args, Object attr);
    }

    /** What a {@link Rewriter} returns when it does not apply. */
    public static final int NO_MATCH = Integer.MIN_VALUE;

    private final List<Node> nodes = new ArrayList<>();
    private final Map<Node, Integer> index = new HashMap<>();
    private final List<Boolean> finite = new ArrayList<>();
    private final Map<Integer, String> hints = new LinkedHashMap<>();
    private final Rewriter rewriter;
    private final java.util.Set<Integer> unbounded = new java.util.TreeSet<>();

    /** A builder that rewrites with {@code rewriter} (null for none). */
    public GraphBuilder(Rewriter rewriter) {
        this.rewriter = rewriter;
    }

    /** A builder with no rewriting at all: what is applied is what is built. */
    public static GraphBuilder literal() {
        return new GraphBuilder(null);
    }

    /** An empty builder with this one's rewriter. */
    public GraphBuilder fresh() {
        return new GraphBuilder(rewriter);
    }

    public int constant(double value) {
        return intern(new Node(Leaf.CONST, new int[0], value, Shape.SCALAR));
    }

    public int input(int array, int index) {
        return input(array, index, Shape.SCALAR);
    }

    /** An input element that is a whole tensor of the given shape (a model's parameter or batch). */
    public int input(int array, int index, Shape shape) {
        return intern(new Node(Leaf.INPUT, new int[0], new InputRef(array, index), shape));
    }

    /** Applies {@code op} without an attribute. */
    public int apply(Op op, int... args) {
        return applyWith(op, null, args);
    }

    /** Applies {@code op} to {@code args}, rewriting first, then sharing an equal node if there is one. */
    public int applyWith(Op op, Object attr, int... args) {
        if (args.length != op.arity()) {
            throw new IllegalArgumentException(op.name() + " takes " + op.arity() + " arguments, got " + args.length);
        }
        List<Shape> shapes = new ArrayList<>(args.length);
        for (int a : args) {
            if (a < 0 || a >= nodes.size()) {
                throw new IllegalArgumentException("argument " + a + " of " + op.name() + " is not a node of this graph");
            }
            shapes.add(nodes.get(a).shape());
        }
        Shape shape = op.shape(shapes, attr);
        if (rewriter != null) {
            int r = rewriter.rewrite(this, op, args, attr);
            // A rule that would change the shape (x*0 => 0 on a tensor x) does not apply.
            if (r != NO_MATCH && nodes.get(r).shape().equals(shape)) {
                return r;
            }
        }
        return intern(new Node(op, args, attr, shape));
    }

    private int intern(Node n) {
        Integer existing = index.get(n);
        if (existing != null) {
            return existing;
        }
        int id = nodes.size();
        nodes.add(n);
        index.put(n, id);
        finite.add(finiteForFiniteInputs(n));
        return id;
    }

    /** A constant that is a finite number, an input, or a finite-on-finite op of such values. */
    private boolean finiteForFiniteInputs(Node n) {
        if (n.op() == Leaf.CONST) {
            return Double.isFinite((Double) n.attr());
        }
        if (n.op() == Leaf.INPUT) {
            return !unbounded.contains(((InputRef) n.attr()).array());
        }
        if (!n.op().finiteOnFinite()) {
            return false;
        }
        for (int k = 0; k < n.arity(); k++) {
            if (!finite.get(n.arg(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether node {@code id} is finite whenever the inputs are finite (overflow aside): its
     * value is a finite constant, an input, or built by {@link Op#finiteOnFinite} ops from such
     * values.
     */
    public boolean finiteForFiniteInputs(int id) {
        return id >= 0 && finite.get(id);
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    public int size() {
        return nodes.size();
    }

    /** Whether {@code id} is a constant node. */
    public boolean isConstant(int id) {
        return id >= 0 && nodes.get(id).op() == Leaf.CONST;
    }

    /** Whether {@code id} is the constant {@code value} (0.0 and -0.0 both count as 0). */
    public boolean isConstant(int id, double value) {
        return isConstant(id) && (Double) nodes.get(id).attr() == value;
    }

    public double constantValue(int id) {
        return (Double) nodes.get(id).attr();
    }

    /** The name suggested for node {@code id}, or null. */
    public String hintOf(int id) {
        return hints.get(id);
    }

    /** Suggests a name for a node (first suggestion wins): {@code v3}, {@code bv3}, {@code dv3}. */
    public void hint(int id, String name) {
        if (id >= 0) {
            hints.putIfAbsent(id, name);
        }
    }

    /**
     * Marks input array {@code array} as unbounded: its values may be infinite or NaN even when
     * the function's inputs are finite (a loop sum of ln(x[i]), data, an adjoint seed), so no
     * product with one of its inputs is taken to be finite ({@link #finiteForFiniteInputs}).
     * It applies to the inputs made after the call (an input made before keeps its flag: the
     * loop index of a template, made first, stays finite when data join its port).
     *
     * @param array the input array
     */
    public void unbounded(int array) {
        unbounded.add(array);
    }

    /** Freezes what was built into a graph with the given ports. */
    public Graph build(List<Port> inputs, List<Port> outputs) {
        return new Graph(nodes, inputs, outputs, hints, unbounded);
    }

    @Override
    public String toString() {
        return "GraphBuilder" + Arrays.toString(nodes.toArray());
    }
}
