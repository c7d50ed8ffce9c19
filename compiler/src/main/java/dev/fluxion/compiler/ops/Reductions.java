package dev.fluxion.compiler.ops;

import static dev.fluxion.compiler.ops.TensorOp.end;
import static dev.fluxion.compiler.ops.TensorOp.loop;
import static dev.fluxion.compiler.ops.TensorOp.shapeOf;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.ir.BatchDependent;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Kernel;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.ir.Tensor;
import dev.fluxion.compiler.ir.Zero;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reductions: sum over axes (linear; its transpose broadcasts the cotangent back),
 * division by an element count (what makes {@code mean}, with B counted at run time),
 * max over an axis (its VJP routes the cotangent to the first maximum) and the mask of
 * that first maximum.
 */
public final class Reductions {

    private Reductions() {
    }

    /** sum(x, axes). Linear: JVP sum(t); transpose broadcasts ct back to x's shape. */
    public static final TensorOp SUM = new TensorOp("sum", 1, Linearity.linear()) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            return ((Axes) attr).apply(a.get(0));
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Tensor x = a.get(0);
            Shape out = shape(List.of(x.shape()), attr);
            double[] r = new double[(int) out.size()];
            int[] map = outIndex(x.shape(), (Axes) attr);
            for (int i = 0; i < x.size(); i++) {
                r[map[i]] += x.get(i);
            }
            return new Tensor(out, r);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            return new int[] {expand(b, ct, (Axes) attr, shapeOf(b, x[0]))};
        }

        @Override
        public void emitKernel(Kernel k) {
            Shape in = k.argShape(0);
            Axes axes = (Axes) k.node().attr();
            CodeBlock.Builder c = k.code();
            c.addStatement("$T.fill($L, 0, $L, 0.0)", Arrays.class, k.out(), k.size(k.outShape()));
            String p = k.local("p");
            c.addStatement("int $N = 0", p);
            String[] v = new String[in.rank()];
            for (int d = 0; d < in.rank(); d++) {
                v[d] = k.local("i");
                loop(k, v[d], k.dim(in, d));
            }
            c.addStatement("$L[$L] += $L[$N++]", k.out(), keptIndex(k, in, axes, v), k.arg(0), p);
            for (int d = 0; d < in.rank(); d++) {
                end(k);
            }
        }
    };

    /** The attribute of {@link #DIVIDE_COUNT}: the dimensions whose product divides (B allowed). */
    public record Count(List<Integer> dims) {
        public Count {
            dims = List.copyOf(dims);
        }

        long value(int batch) {
            long n = 1;
            for (int d : dims) {
                n *= d == Shape.BATCH ? batch : d;
            }
            return n;
        }
    }

    /** x / count: the scaling of a mean, where the count may involve B. Linear, its own transpose. */
    public static final TensorOp DIVIDE_COUNT = new DivideCount();

    private static final class DivideCount extends TensorOp implements BatchDependent {
        DivideCount() {
            super("divide_count", 1, Linearity.linear());
        }

        @Override
        public Shape shape(List<Shape> a, Object attr) {
            return a.get(0);
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            throw new UnsupportedOperationException("divide_count needs the batch size (BatchDependent)");
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr, int batch) {
            double n = ((Count) attr).value(batch);
            double[] d = a.get(0).data();
            for (int i = 0; i < d.length; i++) {
                d[i] /= n;
            }
            return new Tensor(a.get(0).shape(), d);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            return new int[] {b.applyWith(this, attr, ct)};
        }

        @Override
        public void emitKernel(Kernel k) {
            Count c = (Count) k.node().attr();
            String n = k.local("n");
            k.code().addStatement("double $N = $L", n, k.size(new Shape(c.dims())));
            String i = k.local("i");
            loop(k, i, k.size(k.outShape()));
            k.code().addStatement("$L[$N] = $L[$N] / $N", k.out(), i, k.arg(0), i, n);
            end(k);
        }
    }

    /** max(x, axis): first maximum along one axis (or over everything). VJP: mask of the first maximum times ct. */
    public static final TensorOp MAX = new TensorOp("max", 1) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            split(a.get(0), (Axes) attr, "max");
            return ((Axes) attr).apply(a.get(0));
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Tensor x = a.get(0);
            int[] s = split(x.shape(), (Axes) attr, "max");
            double[] r = new double[s[0] * s[2]];
            for (int o = 0; o < s[0]; o++) {
                for (int in = 0; in < s[2]; in++) {
                    // The first maximum, chosen as the generated kernel and ARGMAX_MASK choose it (a NaN
                    // wins only in first place), not Math.max, which lets any NaN win: the interpreter's
                    // value (and the forward mode built on it) then differed from the generated code.
                    int best = 0;
                    for (int j = 1; j < s[1]; j++) {
                        if (x.get((o * s[1] + j) * s[2] + in) > x.get((o * s[1] + best) * s[2] + in)) {
                            best = j;
                        }
                    }
                    r[o * s[2] + in] = x.get((o * s[1] + best) * s[2] + in);
                }
            }
            return new Tensor(shape(List.of(x.shape()), attr), r);
        }

        @Override
        protected int jvp(GraphBuilder b, int ans, int[] x, int[] t, Object attr) {
            int mask = b.applyWith(ARGMAX_MASK, attr, x[0]);
            // The mask selects: a NaN or infinite tangent of an element it does not pick contributes 0 (⊙).
            return b.applyWith(SUM, attr, Algebra.times(b, mask, t[0]));
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            int mask = b.applyWith(ARGMAX_MASK, attr, x[0]);
            return new int[] {Algebra.times(b, mask, expand(b, ct, (Axes) attr, shapeOf(b, x[0])))};
        }

        @Override
        public void emitKernel(Kernel k) {
            emitArgmax(k, false);
        }
    };

    /** 1 at the first maximum along the axis, 0 elsewhere; piecewise constant, so its derivative is zero. */
    public static final TensorOp ARGMAX_MASK = new TensorOp("argmax_mask", 1) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            split(a.get(0), (Axes) attr, "argmax_mask");
            return a.get(0);
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Tensor x = a.get(0);
            int[] s = split(x.shape(), (Axes) attr, "argmax_mask");
            double[] r = new double[x.size()];
            for (int o = 0; o < s[0]; o++) {
                for (int in = 0; in < s[2]; in++) {
                    int best = 0;
                    for (int j = 1; j < s[1]; j++) {
                        if (x.get((o * s[1] + j) * s[2] + in) > x.get((o * s[1] + best) * s[2] + in)) {
                            best = j;
                        }
                    }
                    r[(o * s[1] + best) * s[2] + in] = 1;
                }
            }
            return new Tensor(x.shape(), r);
        }

        @Override
        protected int jvp(GraphBuilder b, int ans, int[] x, int[] t, Object attr) {
            return Zero.ID;
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            return new int[] {Zero.ID};
        }

        @Override
        public void emitKernel(Kernel k) {
            emitArgmax(k, true);
        }
    };

    /** Emits the first-maximum search of max (the value) or argmax_mask (the mask). */
    private static void emitArgmax(Kernel k, boolean mask) {
        Shape in = k.argShape(0);
        CodeBlock[] s = splitCode(k, in, (Axes) k.node().attr());
        CodeBlock.Builder c = k.code();
        if (mask) {
            c.addStatement("$T.fill($L, 0, $L, 0.0)", Arrays.class, k.out(), k.size(in));
        }
        String o = k.local("o");
        String i = k.local("i");
        String j = k.local("j");
        String best = k.local("best");
        loop(k, o, s[0]);
        loop(k, i, s[2]);
        c.addStatement("int $N = 0", best);
        loop(k, j, s[1]);
        c.beginControlFlow("if ($L[($N * $L + $N) * $L + $N] > $L[($N * $L + $N) * $L + $N])",
                k.arg(0), o, s[1], j, s[2], i, k.arg(0), o, s[1], best, s[2], i);
        c.addStatement("$N = $N", best, j);
        c.endControlFlow();
        end(k);
        if (mask) {
            c.addStatement("$L[($N * $L + $N) * $L + $N] = 1.0", k.out(), o, s[1], best, s[2], i);
        } else {
            c.addStatement("$L[$N * $L + $N] = $L[($N * $L + $N) * $L + $N]", k.out(), o, s[2], i, k.arg(0), o, s[1],
                    best, s[2], i);
        }
        end(k);
        end(k);
    }

    /** [outer, n, inner] of a one-axis (or whole-tensor) reduction, or an error naming the op. */
    static int[] split(Shape s, Axes axes, String op) {
        int a = axes.single(s);
        if (a < 0 && !axes.axes().isEmpty()) {
            throw TensorOp.error(op, "reduces one axis or all of them, not " + axes.axes() + " of " + s);
        }
        if (s.hasBatch()) {
            return null;
        }
        if (a < 0) {
            return new int[] {1, (int) s.size(), 1};
        }
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < a; i++) {
            outer *= s.dim(i);
        }
        for (int i = a + 1; i < s.rank(); i++) {
            inner *= s.dim(i);
        }
        return new int[] {outer, s.dim(a), inner};
    }

    /** The same split as Java expressions. */
    static CodeBlock[] splitCode(Kernel k, Shape s, Axes axes) {
        int a = axes.single(s);
        if (a < 0) {
            return new CodeBlock[] {CodeBlock.of("1"), k.size(s), CodeBlock.of("1")};
        }
        return new CodeBlock[] {k.product(s, 0, a), k.dim(s, a), k.product(s, a + 1, s.rank())};
    }

    /** For each flat index of {@code in}, the flat index of its reduction. */
    static int[] outIndex(Shape in, Axes axes) {
        int[] dims = in.toArray();
        int[] outStride = new int[dims.length];
        int acc = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            if (!axes.reduces(d, dims.length)) {
                outStride[d] = acc;
                acc *= dims[d];
            }
        }
        int n = (int) in.size();
        int[] map = new int[n];
        int[] idx = new int[dims.length];
        for (int i = 0; i < n; i++) {
            int o = 0;
            for (int d = 0; d < dims.length; d++) {
                o += idx[d] * outStride[d];
            }
            map[i] = o;
            for (int d = dims.length - 1; d >= 0; d--) {
                if (++idx[d] < dims[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return map;
    }

    /** The output index expression of a reduction at loop indices {@code v}. */
    private static CodeBlock keptIndex(Kernel k, Shape in, Axes axes, String[] v) {
        CodeBlock.Builder idx = CodeBlock.builder();
        boolean first = true;
        for (int d = 0; d < in.rank(); d++) {
            if (axes.reduces(d, in.rank())) {
                continue;
            }
            List<Integer> later = new ArrayList<>();
            for (int e = d + 1; e < in.rank(); e++) {
                if (!axes.reduces(e, in.rank())) {
                    later.add(in.dim(e));
                }
            }
            CodeBlock stride = k.size(new Shape(later));
            idx.add(first ? "" : " + ");
            first = false;
            if (stride.toString().equals("1")) {
                idx.add("$N", v[d]);
            } else {
                idx.add("$N * ($L)", v[d], stride);
            }
        }
        return first ? CodeBlock.of("0") : idx.build();
    }

    // ------------------------------------------------------------------ builders used by rules

    /** The cotangent of a reduction broadcast back to the reduced tensor's shape. */
    static int expand(GraphBuilder b, int ct, Axes axes, Shape target) {
        if (Zero.is(ct)) {
            return Zero.ID;
        }
        int kept = ct;
        Shape keptShape = axes.keep().apply(target);
        if (!shapeOf(b, ct).equals(keptShape)) {
            kept = b.applyWith(Shapes.RESHAPE, keptShape, ct);
        }
        return Shapes.broadcastTo(b, kept, target);
    }

    /** The sum of {@code x} down to {@code target}: the transpose of broadcasting {@code target} up to x's shape. */
    public static int sumTo(GraphBuilder b, int x, Shape target) {
        if (Zero.is(x)) {
            return Zero.ID;
        }
        Shape s = shapeOf(b, x);
        if (s.equals(target)) {
            return x;
        }
        int off = s.rank() - target.rank();
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            int ti = i - off;
            if (ti < 0 || target.dim(ti) == 1 && s.dim(i) != 1) {
                axes.add(i);
            }
        }
        int summed = b.applyWith(SUM, new Axes(axes, true), x);
        return shapeOf(b, summed).equals(target) ? summed : b.applyWith(Shapes.RESHAPE, target, summed);
    }

    /** Convenience: sum over the given axes. */
    public static int sum(GraphBuilder b, int x, Axes axes) {
        return b.applyWith(SUM, axes, x);
    }

    /** The mean over the given axes: the sum divided by the number of summed elements. */
    public static int mean(GraphBuilder b, int x, Axes axes) {
        Shape s = shapeOf(b, x);
        List<Integer> counted = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            if (axes.reduces(i, s.rank())) {
                counted.add(s.dim(i));
            }
        }
        return b.applyWith(DIVIDE_COUNT, new Count(counted), sum(b, x, axes));
    }

    /** The family, in table order. */
    public static List<TensorOp> all() {
        return List.of(SUM, DIVIDE_COUNT, MAX, ARGMAX_MASK);
    }
}
