package dev.fluxion.compiler.parse;

import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Printer;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.ops.Activations;
import dev.fluxion.compiler.ops.Algebra;
import dev.fluxion.compiler.ops.Arithmetic;
import dev.fluxion.compiler.ops.Axes;
import dev.fluxion.compiler.ops.Einsum;
import dev.fluxion.compiler.ops.Elementary;
import dev.fluxion.compiler.ops.LinearAlgebra;
import dev.fluxion.compiler.ops.Losses;
import dev.fluxion.compiler.ops.NeuralNet;
import dev.fluxion.compiler.ops.Reductions;
import dev.fluxion.compiler.ops.Shapes;
import dev.fluxion.compiler.ops.Softmax;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tensor functions of the language: how a call such as {@code mean(x, axis=0)} or
 * {@code cross_entropy(s, y)} becomes ops of the table. Most map to one op with an
 * attribute taken from the keyword arguments; the losses that are not primitive are
 * compositions here ({@code mse = mean((z−y)²)}, {@code euclidean = ½Σ(z−y)²},
 * {@code l2 = Σw²}, {@code l1 = Σ|w|}), so their derivatives come from the parts.
 *
 * <p>Elementwise scalar functions ({@code relu}, {@code exp}, ...) are not listed: they are
 * the scalar ops of {@link dev.fluxion.compiler.ops.OpTable}, lifted with broadcasting.
 */
final class Library {

    /**
     * A call's arguments: node ids, keyword attributes (constants), text arguments and list
     * attributes ({@code axis=(0, 2)}, whole numbers as written).
     */
    record Args(int[] nodes, Map<String, Double> attrs, List<String> texts, Map<String, List<Integer>> lists) {
        Args {
            lists = Map.copyOf(lists);
        }

        int axis(GraphBuilder b, int fallback) {
            Double a = attrs.get("axis");
            int rank = b.node(nodes[0]).shape().rank();
            int axis = a == null ? fallback : a.intValue();
            int r = axis < 0 ? axis + rank : axis;
            if (r < 0 || r >= rank) {
                throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + b.node(nodes[0]).shape());
            }
            return r;
        }

        /** The reduced axes: {@code axis=k}, {@code axis=(i, j, ...)} (each once), or every axis. */
        Axes axes(GraphBuilder b) {
            List<Integer> listed = lists.get("axis");
            if (listed == null) {
                return attrs.containsKey("axis") ? new Axes(List.of(axis(b, 0)), false) : Axes.all(false);
            }
            Shape s = b.node(nodes[0]).shape();
            List<Integer> resolved = new ArrayList<>();
            for (int a : listed) {
                int r = a < 0 ? a + s.rank() : a;
                if (r < 0 || r >= s.rank()) {
                    throw new IllegalArgumentException("axis " + a + " is out of range for shape " + s);
                }
                if (resolved.contains(r)) {
                    throw new IllegalArgumentException("axis " + r + " is listed twice in axis=" + tuple(listed)
                            + " for shape " + s);
                }
                resolved.add(r);
            }
            return new Axes(resolved, false);
        }
    }

    /** The largest operand count of a function taking any number of operands (einsum, concat). */
    private static final int MANY = Integer.MAX_VALUE;

    /**
     * One function: how many operands it takes (from {@code min} to {@code max}), the keywords
     * it accepts, its signature as the docs write it (named by errors), and how it builds.
     */
    private record Entry(int min, int max, Set<String> keywords, String signature, Builder builder) {
        Entry(int arity, Set<String> keywords, String signature, Builder builder) {
            this(arity, arity, keywords, signature, builder);
        }

        boolean takes(int count) {
            return count >= min && count <= max;
        }
    }

    private interface Builder {
        int build(GraphBuilder b, Args a);
    }

    private static final Map<String, Entry> ENTRIES = Map.ofEntries(
            Map.entry("sum", new Entry(1, Set.of("axis"), "sum(x, axis=k)",
                    (b, a) -> Reductions.sum(b, a.nodes()[0], a.axes(b)))),
            Map.entry("mean", new Entry(1, Set.of("axis"), "mean(x, axis=k)",
                    (b, a) -> Reductions.mean(b, a.nodes()[0], a.axes(b)))),
            Map.entry("max", new Entry(1, Set.of("axis"), "max(x, axis=k)", Library::max)),
            Map.entry("softmax", new Entry(1, Set.of("axis"), "softmax(x, axis=-1)",
                    (b, a) -> b.applyWith(Softmax.SOFTMAX, a.axis(b, -1), a.nodes()[0]))),
            Map.entry("log_softmax", new Entry(1, Set.of("axis"), "log_softmax(x, axis=-1)",
                    (b, a) -> b.applyWith(Softmax.LOG_SOFTMAX, a.axis(b, -1), a.nodes()[0]))),
            Map.entry("logsumexp", new Entry(1, Set.of("axis"), "logsumexp(x, axis=-1)",
                    (b, a) -> b.applyWith(Softmax.LOGSUMEXP, a.axis(b, -1), a.nodes()[0]))),
            Map.entry("cross_entropy", new Entry(2, Set.of(), "cross_entropy(logits, labels)", Library::crossEntropy)),
            Map.entry("transpose", new Entry(1, Set.of(), "transpose(x)", Library::transpose)),
            Map.entry("flatten", new Entry(1, Set.of(), "flatten(x)", Library::flatten)),
            Map.entry("mse", new Entry(2, Set.of(), "mse(z, y)", (b, a) -> {
                int d = b.apply(Arithmetic.SUB, a.nodes()[0], a.nodes()[1]);
                return Reductions.mean(b, b.apply(Arithmetic.MUL, d, d), Axes.all(false));
            })),
            Map.entry("euclidean", new Entry(2, Set.of(), "euclidean(z, y)", (b, a) -> {
                int d = b.apply(Arithmetic.SUB, a.nodes()[0], a.nodes()[1]);
                int s = Reductions.sum(b, b.apply(Arithmetic.MUL, d, d), Axes.all(false));
                return b.apply(Arithmetic.MUL, b.constant(0.5), s);
            })),
            Map.entry("l2", new Entry(1, Set.of(), "l2(w)", (b, a) ->
                    Reductions.sum(b, b.apply(Arithmetic.MUL, a.nodes()[0], a.nodes()[0]), Axes.all(false)))),
            Map.entry("l1", new Entry(1, Set.of(), "l1(w)", (b, a) ->
                    Reductions.sum(b, b.apply(Activations.ABS, a.nodes()[0]), Axes.all(false)))),
            Map.entry("conv2d", new Entry(2, Set.of("stride", "padding"), "conv2d(x, filters, stride=1, padding=0)",
                    Library::conv2d)),
            Map.entry("maxpool2d", new Entry(1, Set.of("size", "stride"), "maxpool2d(x, size=2, stride=size)",
                    (b, a) -> pool(b, a, NeuralNet.MAXPOOL2D))),
            Map.entry("avgpool2d", new Entry(1, Set.of("size", "stride"), "avgpool2d(x, size=2, stride=size)",
                    (b, a) -> pool(b, a, NeuralNet.AVGPOOL2D))),
            Map.entry("concat", new Entry(2, MANY, Set.of("axis"), "concat(a, b, ..., axis=-1)", Library::concat)),
            Map.entry("prelu", new Entry(2, Set.of(), "prelu(x, a)", (b, a) -> {
                // relu(x) − a·relu(−x) with a learned slope a, broadcast like any operand.
                int x = a.nodes()[0];
                int neg = b.apply(Activations.RELU, b.apply(Arithmetic.NEG, x));
                return Algebra.sub(b, b.apply(Activations.RELU, x), b.apply(Arithmetic.MUL, a.nodes()[1], neg));
            })),
            Map.entry("elu", new Entry(1, Set.of("alpha"), "elu(x, alpha=1)", (b, a) -> {
                // relu(x) + α·(exp(min(x, 0)) − 1): x above zero, α(eˣ − 1) below.
                double alpha = a.attrs().getOrDefault("alpha", 1.0);
                int x = a.nodes()[0];
                int below = b.apply(Arithmetic.SUB, b.apply(Elementary.EXP, b.apply(Activations.MIN, x, b.constant(0.0))),
                        b.constant(1.0));
                return b.apply(Arithmetic.ADD, b.apply(Activations.RELU, x), b.apply(Arithmetic.MUL, b.constant(alpha), below));
            })),
            Map.entry("maxout", new Entry(1, Set.of("pieces"), "maxout(x, pieces=2)", Library::maxout)),
            Map.entry("einsum", new Entry(1, MANY, Set.of(), "einsum(\"ij,jk->ik\", a, b, ...)", Library::einsum)),
            Map.entry("reshape", new Entry(1, Set.of(), "reshape(x, \"B, 4, 7\")", Library::reshape)),
            Map.entry("leaky_relu", new Entry(1, Set.of("alpha"), "leaky_relu(x, alpha=0.01)", (b, a) -> {
                // relu(x) − α·relu(−x): slope 1 above zero, α below, derivative 0 at 0 (the relu convention).
                double alpha = a.attrs().getOrDefault("alpha", 0.01);
                int x = a.nodes()[0];
                int neg = b.apply(Activations.RELU, b.apply(Arithmetic.NEG, x));
                return Algebra.sub(b, b.apply(Activations.RELU, x), b.apply(Arithmetic.MUL, b.constant(alpha), neg));
            })));

    private Library() {
    }

    /** Whether {@code name} with {@code count} arguments is a tensor function. */
    static boolean has(String name, int count) {
        Entry e = ENTRIES.get(name);
        return e != null && e.takes(count);
    }

    /** The tensor functions' names, sorted. */
    static Set<String> names() {
        return new java.util.TreeSet<>(ENTRIES.keySet());
    }

    /** Whether {@code name} is a tensor function, whatever its arguments. */
    static boolean has(String name) {
        return ENTRIES.containsKey(name);
    }

    /** How many operands tensor function {@code name} takes, for an error: {@code 1 operand}, {@code 2 or more operands}. */
    static String operandCount(String name) {
        Entry e = ENTRIES.get(name);
        String n = e.max() == MANY ? e.min() + " or more" : e.min() == e.max() ? String.valueOf(e.min())
                : e.min() + " to " + e.max();
        return n + (e.min() == 1 && e.max() == 1 ? " operand" : " operands");
    }

    /** The signature of tensor function {@code name} as the docs write it: {@code concat(a, b, ..., axis=-1)}. */
    static String signature(String name) {
        return ENTRIES.get(name).signature();
    }

    /** concat(a, b, c, ..., axis=k): the operands joined along one axis, two at a time from the left. */
    private static int concat(GraphBuilder b, Args a) {
        int axis = a.axis(b, -1);
        int[] x = a.nodes();
        int joined = x[0];
        for (int k = 1; k < x.length; k++) {
            joined = b.applyWith(Shapes.CONCAT, axis, joined, x[k]);
        }
        return joined;
    }

    /** Whether {@code name} takes a text argument (einsum's index string). */
    static boolean takesText(String name) {
        return name.equals("einsum") || name.equals("reshape");
    }

    /** reshape(x, "B, 4, 7"): the same elements with new dimensions; B stays where the batch goes. */
    private static int reshape(GraphBuilder b, Args a) {
        if (a.texts().size() != 1) {
            throw new IllegalArgumentException("reshape needs the new shape as text, such as reshape(x, \"B, 4, 7\")");
        }
        String[] parts = a.texts().get(0).split(",");
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.equals("B")) {
                dims[i] = Shape.BATCH;
            } else if (p.matches("[1-9][0-9]{0,8}")) {
                dims[i] = Integer.parseInt(p);
            } else {
                throw new IllegalArgumentException("reshape: '" + p + "' is not a dimension (a positive whole number or B)");
            }
        }
        Shape target = Shape.of(dims);
        Shape s = b.node(a.nodes()[0]).shape();
        if (s.staticSize() != target.staticSize() || s.batchCount() != target.batchCount()) {
            throw new IllegalArgumentException("cannot reshape " + s + " to " + target);
        }
        return Shapes.reshape(b, a.nodes()[0], target);
    }

    /** einsum("ij,jk->ik", a, b). */
    private static int einsum(GraphBuilder b, Args a) {
        if (a.texts().size() != 1) {
            throw new IllegalArgumentException("einsum needs one index string, such as einsum(\"ij,jk->ik\", a, b)");
        }
        Einsum.Spec spec = Einsum.Spec.parse(a.texts().get(0));
        return b.applyWith(Einsum.of(a.nodes().length), spec, a.nodes());
    }

    static Set<String> keywords(String name) {
        return ENTRIES.get(name).keywords();
    }

    /**
     * {@code a @ b}. Two matrices give the matmul op (its kernel loops along contiguous rows);
     * a stack of matrices ({@code [B, n, k]}) on either side or a vector ({@code [k]}) lowers
     * to the einsum that says the same ({@code "bij,jk->bik"}, {@code "j,jk->k"}), whose
     * derivatives are einsums too. Any other rank, or a disagreeing inner or stack
     * dimension, is an error naming both shapes.
     */
    static int matmul(GraphBuilder b, int left, int right) {
        Shape l = b.node(left).shape();
        Shape r = b.node(right).shape();
        if (l.rank() == 2 && r.rank() == 2) {
            return b.applyWith(LinearAlgebra.MATMUL, LinearAlgebra.Trans.NONE, left, right);
        }
        if (l.rank() < 1 || l.rank() > 3 || r.rank() < 1 || r.rank() > 3) {
            throw new IllegalArgumentException("@: multiplies vectors, matrices and stacks of matrices (rank 1 to 3), got "
                    + l + " @ " + r);
        }
        int inner = r.rank() == 1 ? 0 : r.rank() - 2;
        if (l.dim(-1) != r.dim(inner)) {
            throw new IllegalArgumentException("@: inner dimensions differ: " + l + " @ " + r);
        }
        if (l.rank() == 3 && r.rank() == 3 && l.dim(0) != r.dim(0)) {
            throw new IllegalArgumentException("@: stack dimensions differ: " + l + " @ " + r);
        }
        String stack = l.rank() == 3 || r.rank() == 3 ? "b" : "";
        String li = (l.rank() == 3 ? "b" : "") + (l.rank() >= 2 ? "i" : "") + "j";
        String ri = (r.rank() == 3 ? "b" : "") + "j" + (r.rank() >= 2 ? "k" : "");
        String out = stack + (l.rank() >= 2 ? "i" : "") + (r.rank() >= 2 ? "k" : "");
        Einsum.Spec spec = Einsum.Spec.parse(li + "," + ri + "->" + out);
        return b.applyWith(Einsum.of(2), spec, left, right);
    }

    /** The functions whose {@code axis} may list several axes: the reductions. */
    private static final Set<String> AXIS_LISTS = Set.of("sum", "mean", "max");

    /** Builds the call; shape errors surface as IllegalArgumentException with both shapes. */
    static int apply(GraphBuilder b, String name, Args args) {
        for (Map.Entry<String, List<Integer>> e : new java.util.TreeMap<>(args.lists()).entrySet()) {
            if (!(e.getKey().equals("axis") && AXIS_LISTS.contains(name))) {
                throw new IllegalArgumentException("attribute '" + e.getKey() + "' of '" + name + "' takes one number, not "
                        + tuple(e.getValue()) + (e.getKey().equals("axis") ? " (only sum, mean and max reduce several axes)" : ""));
            }
        }
        return ENTRIES.get(name).builder().build(b, args);
    }

    /** A list attribute as written: {@code (0, 2)}. */
    private static String tuple(List<Integer> items) {
        return "(" + String.join(", ", items.stream().map(String::valueOf).toList()) + ")";
    }

    /**
     * max over one axis, every axis, or several: the max op reduces one axis (or all), so
     * several axes are reduced one at a time from the highest down, which leaves the
     * numbers of the lower axes still to come unchanged. Each step's VJP routes the
     * cotangent to its first maximum, so the composition routes it to one maximum of each
     * reduced slice, as a single max over those axes would.
     */
    private static int max(GraphBuilder b, Args a) {
        Axes axes = a.axes(b);
        if (axes.axes().size() <= 1) {
            return b.applyWith(Reductions.MAX, axes, a.nodes()[0]);
        }
        int x = a.nodes()[0];
        List<Integer> descending = new ArrayList<>(axes.axes());
        java.util.Collections.reverse(descending);
        for (int axis : descending) {
            x = b.applyWith(Reductions.MAX, new Axes(List.of(axis), false), x);
        }
        return x;
    }

    private static int crossEntropy(GraphBuilder b, Args a) {
        Shape s = b.node(a.nodes()[0]).shape();
        Shape y = b.node(a.nodes()[1]).shape();
        if (s.equals(y)) {
            // Probability or one-hot targets: −Σ t·log_softmax(s) over the class axis.
            int ls = b.applyWith(Softmax.LOG_SOFTMAX, s.rank() - 1, a.nodes()[0]);
            int prod = b.apply(Arithmetic.MUL, a.nodes()[1], ls);
            return b.apply(Arithmetic.NEG, Reductions.sum(b, prod, new Axes(List.of(s.rank() - 1), false)));
        }
        return b.apply(Losses.CROSS_ENTROPY, a.nodes()[0], a.nodes()[1]);
    }

    /** conv2d(x[N, C, H, W], filters[O, C, KH, KW], stride=1, padding=0). */
    private static int conv2d(GraphBuilder b, Args a) {
        Shape x = b.node(a.nodes()[0]).shape();
        Shape f = b.node(a.nodes()[1]).shape();
        if (x.rank() != 4 || f.rank() != 4) {
            throw new IllegalArgumentException("conv2d needs x[N, C, H, W] and filters[O, C, KH, KW], got " + x + " and " + f);
        }
        int stride = positive(a, "stride", 1, 1);
        int pad = positive(a, "padding", 0, 0);
        NeuralNet.Conv c = new NeuralNet.Conv(stride, pad, x.dim(2), x.dim(3), f.dim(2), f.dim(3));
        return b.applyWith(NeuralNet.CONV2D, c, a.nodes()[0], a.nodes()[1]);
    }

    /** maxpool2d / avgpool2d(x[N, C, H, W], size=2, stride=size). */
    private static int pool(GraphBuilder b, Args a, dev.fluxion.compiler.ir.Op op) {
        Shape x = b.node(a.nodes()[0]).shape();
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op.name() + " needs x[N, C, H, W], got " + x);
        }
        int size = positive(a, "size", 2, 1);
        int stride = positive(a, "stride", size, 1);
        return b.applyWith(op, new NeuralNet.Pool(size, stride, x.dim(2), x.dim(3)), a.nodes()[0]);
    }

    /** A whole-number attribute, at least {@code min}. */
    private static int positive(Args a, String key, int fallback, int min) {
        Double v = a.attrs().get(key);
        if (v == null) {
            return fallback;
        }
        if (v != Math.rint(v) || v < min) {
            throw new IllegalArgumentException(key + " must be a whole number >= " + min + ", got " + Printer.number(v));
        }
        return v.intValue();
    }

    /** maxout(x[.., n], pieces=k) = the maximum of each group of k consecutive features: [.., n/k]. */
    private static int maxout(GraphBuilder b, Args a) {
        Shape s = b.node(a.nodes()[0]).shape();
        int k = positive(a, "pieces", 2, 1);
        if (s.rank() < 1 || s.dim(-1) == Shape.BATCH || s.dim(-1) % k != 0) {
            throw new IllegalArgumentException("maxout needs a last axis divisible by pieces=" + k + ", got " + s);
        }
        List<Integer> grouped = new ArrayList<>(s.dims().subList(0, s.rank() - 1));
        grouped.add(s.dim(-1) / k);
        grouped.add(k);
        int r = Shapes.reshape(b, a.nodes()[0], new Shape(grouped));
        return b.applyWith(Reductions.MAX, new Axes(List.of(grouped.size() - 1), false), r);
    }

    private static int transpose(GraphBuilder b, Args a) {
        Shape s = b.node(a.nodes()[0]).shape();
        List<Integer> perm = new ArrayList<>();
        for (int i = s.rank() - 1; i >= 0; i--) {
            perm.add(i);
        }
        return b.applyWith(Shapes.TRANSPOSE, perm, a.nodes()[0]);
    }

    /** flatten(x[B, ...]) = x as [B, product of the rest]. */
    private static int flatten(GraphBuilder b, Args a) {
        Shape s = b.node(a.nodes()[0]).shape();
        if (s.rank() < 1) {
            throw new IllegalArgumentException("flatten needs a tensor, got " + s);
        }
        Shape tail = new Shape(s.dims().subList(1, s.rank()));
        if (tail.hasBatch()) {
            throw new IllegalArgumentException("flatten cannot merge the batch size B into another axis: " + s);
        }
        int rest = (int) tail.staticSize();
        return Shapes.reshape(b, a.nodes()[0], Shape.of(s.dim(0), rest));
    }
}
