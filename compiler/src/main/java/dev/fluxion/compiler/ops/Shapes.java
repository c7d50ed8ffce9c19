package dev.fluxion.compiler.ops;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.ir.BatchDependent;
import dev.fluxion.compiler.ir.Broadcasting;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Kernel;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.ir.Tensor;
import dev.fluxion.compiler.ir.Zero;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape family: broadcast, reshape, transpose, slicing, padding, concatenation and
 * one-hot encoding. All but one-hot are linear and state their transpose: broadcasting
 * transposes to a sum, reshape to the inverse reshape, transpose to the inverse
 * permutation, a slice to zero padding and back, concatenation to two slices.
 */
public final class Shapes {

    private Shapes() {
    }

    /** broadcast_to(x, shape). Transpose: sum back down to x's shape. */
    public static final TensorOp BROADCAST_TO = new BroadcastTo();

    /** Needs B itself: the target's B cannot be read off an argument that is stretched along it. */
    private static final class BroadcastTo extends TensorOp implements BatchDependent {
        BroadcastTo() {
            super("broadcast_to", 1, Linearity.linear());
        }

        @Override
        public Shape shape(List<Shape> a, Object attr) {
            Shape target = (Shape) attr;
            if (!Shape.broadcast(a.get(0), target).equals(target)) {
                throw error(name(), "cannot stretch " + a.get(0) + " to " + target);
            }
            return target;
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            return Broadcasting.broadcastTo(a.get(0), (Shape) attr);
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr, int batch) {
            return Broadcasting.broadcastTo(a.get(0), ((Shape) attr).bind(batch));
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            return new int[] {Reductions.sumTo(b, ct, shapeOf(b, x[0]))};
        }

        @Override
        public CodeBlock emit(List<CodeBlock> args, Object attr) {
            return args.get(0);
        }

        @Override
        public void emitKernel(Kernel k) {
            Broadcasting.emitElementwise(this, k);
        }
    }

    /** reshape(x, shape): same elements, new dimensions; B stays B. Transpose: reshape back. */
    public static final TensorOp RESHAPE = new TensorOp("reshape", 1, Linearity.linear()) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            Shape in = a.get(0);
            Shape target = (Shape) attr;
            if (in.staticSize() != target.staticSize() || in.batchCount() != target.batchCount()
                    || target.dims().stream().filter(d -> d == Shape.BATCH).count() > 1) {
                throw error(name(), "cannot reshape " + in + " to " + target);
            }
            return target;
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Shape target = (Shape) attr;
            Tensor x = a.get(0);
            Shape concrete = target.hasBatch() ? target.bind((int) (x.size() / target.staticSize())) : target;
            return new Tensor(concrete, x.data());
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            return new int[] {b.applyWith(this, shapeOf(b, x[0]), ct)};
        }

        @Override
        public void emitKernel(Kernel k) {
            k.code().addStatement("$T.arraycopy($L, 0, $L, 0, $L)", System.class, k.arg(0), k.out(), k.size(k.outShape()));
        }
    };

    /** A reshape that is skipped when the shape already matches. */
    public static int reshape(GraphBuilder b, int x, Shape target) {
        return TensorOp.shapeOf(b, x).equals(target) ? x : b.applyWith(RESHAPE, target, x);
    }

    /** A broadcast that is skipped when the shape already matches. */
    public static int broadcastTo(GraphBuilder b, int x, Shape target) {
        return TensorOp.shapeOf(b, x).equals(target) ? x : b.applyWith(BROADCAST_TO, target, x);
    }

    /** transpose(x, perm): output axis d is input axis perm[d]. Transpose: the inverse permutation. */
    public static final TensorOp TRANSPOSE = new TensorOp("transpose", 1, Linearity.linear()) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            @SuppressWarnings("unchecked")
            List<Integer> perm = (List<Integer>) attr;
            Shape in = a.get(0);
            if (perm.size() != in.rank() || !new java.util.TreeSet<>(perm).equals(range(in.rank()))) {
                throw error(name(), "permutation " + perm + " does not fit shape " + in);
            }
            List<Integer> out = new ArrayList<>();
            for (int p : perm) {
                out.add(in.dim(p));
            }
            return new Shape(out);
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            @SuppressWarnings("unchecked")
            List<Integer> perm = (List<Integer>) attr;
            Tensor x = a.get(0);
            Shape out = shape(List.of(x.shape()), attr);
            int[] inStride = Tensor.strides(x.shape());
            int[] strides = new int[perm.size()];
            for (int d = 0; d < strides.length; d++) {
                strides[d] = inStride[perm.get(d)];
            }
            return Tensor.gather(x, out, strides);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            @SuppressWarnings("unchecked")
            List<Integer> perm = (List<Integer>) attr;
            Integer[] inv = new Integer[perm.size()];
            for (int d = 0; d < perm.size(); d++) {
                inv[perm.get(d)] = d;
            }
            return new int[] {b.applyWith(this, List.of(inv), ct)};
        }

        @Override
        public void emitKernel(Kernel k) {
            @SuppressWarnings("unchecked")
            List<Integer> perm = (List<Integer>) k.node().attr();
            Shape in = k.argShape(0);
            Shape out = k.outShape();
            String o = k.local("o");
            k.code().addStatement("int $N = 0", o);
            String[] v = new String[out.rank()];
            for (int d = 0; d < out.rank(); d++) {
                v[d] = k.local("i");
                loop(k, v[d], k.dim(out, d));
            }
            CodeBlock.Builder idx = CodeBlock.builder();
            for (int d = 0; d < out.rank(); d++) {
                idx.add(d == 0 ? "" : " + ").add("$N * ($L)", v[d], k.product(in, perm.get(d) + 1, in.rank()));
            }
            k.code().addStatement("$L[$N++] = $L[$L]", k.out(), o, k.arg(0), out.rank() == 0 ? CodeBlock.of("0") : idx.build());
            for (int d = 0; d < out.rank(); d++) {
                end(k);
            }
        }
    };

    private static java.util.Set<Integer> range(int n) {
        java.util.Set<Integer> s = new java.util.TreeSet<>();
        for (int i = 0; i < n; i++) {
            s.add(i);
        }
        return s;
    }

    /**
     * The attribute of a slice or a pad: per axis, the start and the length taken, and
     * the full shape the slice is taken from. A batch axis is always taken whole.
     */
    public record Window(List<Integer> starts, Shape full, Shape part) {
        public Window {
            starts = List.copyOf(starts);
            if (starts.size() != full.rank() || part.rank() != full.rank()) {
                throw new IllegalArgumentException("a window needs one start per axis of " + full);
            }
            for (int d = 0; d < full.rank(); d++) {
                boolean batch = full.dim(d) == Shape.BATCH || part.dim(d) == Shape.BATCH;
                if (batch && (full.dim(d) != part.dim(d) || starts.get(d) != 0)) {
                    throw new IllegalArgumentException("the batch axis B cannot be sliced");
                }
                if (!batch && (starts.get(d) < 0 || part.dim(d) < 0 || starts.get(d) + part.dim(d) > full.dim(d))) {
                    throw new IllegalArgumentException("slice " + starts.get(d) + ":" + (starts.get(d) + part.dim(d))
                            + " of axis " + d + " is outside " + full);
                }
            }
        }
    }

    /** slice(x): the window's part of x. Linear; transpose: pad with zeros. */
    public static final TensorOp SLICE = new TensorOp("slice", 1, Linearity.linear()) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            Window w = (Window) attr;
            if (!a.get(0).equals(w.full())) {
                throw error(name(), "window of " + w.full() + " applied to " + a.get(0));
            }
            return w.part();
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            return window(a.get(0), (Window) attr, true);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            return new int[] {b.applyWith(PAD, attr, ct)};
        }

        @Override
        public void emitKernel(Kernel k) {
            emitWindow(k, (Window) k.node().attr(), true);
        }
    };

    /** pad(x): x placed at the window's position in zeros of the full shape. Linear; transpose: slice. */
    public static final TensorOp PAD = new TensorOp("pad", 1, Linearity.linear()) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            Window w = (Window) attr;
            if (!a.get(0).equals(w.part())) {
                throw error(name(), "window part " + w.part() + " applied to " + a.get(0));
            }
            return w.full();
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            return window(a.get(0), (Window) attr, false);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            return new int[] {b.applyWith(SLICE, attr, ct)};
        }

        @Override
        public void emitKernel(Kernel k) {
            k.code().addStatement("$T.fill($L, 0, $L, 0.0)", Arrays.class, k.out(), k.size(k.outShape()));
            emitWindow(k, (Window) k.node().attr(), false);
        }
    };

    /** Slice (take) or pad (place) by the window, in the interpreter. */
    private static Tensor window(Tensor x, Window w, boolean take) {
        int batch = 1;
        Shape xs = x.shape();
        Shape src = take ? w.full() : w.part();
        for (int d = 0; d < src.rank(); d++) {
            if (src.dim(d) == Shape.BATCH) {
                batch = xs.dim(d);
            }
        }
        Shape full = w.full().bind(batch);
        Shape part = w.part().bind(batch);
        int[] fullStride = Tensor.strides(full);
        int[] dims = part.toArray();
        int[] idx = new int[dims.length];
        double[] r = new double[(int) (take ? part.size() : full.size())];
        for (int i = 0; i < part.size(); i++) {
            int f = 0;
            for (int d = 0; d < dims.length; d++) {
                f += (idx[d] + w.starts().get(d)) * fullStride[d];
            }
            if (take) {
                r[i] = x.get(f);
            } else {
                r[f] = x.get(i);
            }
            for (int d = dims.length - 1; d >= 0; d--) {
                if (++idx[d] < dims[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return new Tensor(take ? part : full, r);
    }

    private static void emitWindow(Kernel k, Window w, boolean take) {
        Shape part = w.part();
        String p = k.local("p");
        k.code().addStatement("int $N = 0", p);
        String[] v = new String[part.rank()];
        for (int d = 0; d < part.rank(); d++) {
            v[d] = k.local("i");
            TensorOp.loop(k, v[d], k.dim(part, d));
        }
        CodeBlock.Builder idx = CodeBlock.builder();
        for (int d = 0; d < part.rank(); d++) {
            idx.add(d == 0 ? "" : " + ").add("($N + $L) * ($L)", v[d], w.starts().get(d), k.product(w.full(), d + 1, part.rank()));
        }
        CodeBlock f = part.rank() == 0 ? CodeBlock.of("0") : idx.build();
        if (take) {
            k.code().addStatement("$L[$N++] = $L[$L]", k.out(), p, k.arg(0), f);
        } else {
            k.code().addStatement("$L[$L] = $L[$N++]", k.out(), f, k.arg(0), p);
        }
        for (int d = 0; d < part.rank(); d++) {
            TensorOp.end(k);
        }
    }

    /** concat(a, b, axis). Linear; transpose: the two slices of the cotangent. */
    public static final TensorOp CONCAT = new TensorOp("concat", 2, Linearity.linear()) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            int axis = (Integer) attr;
            Shape x = a.get(0);
            Shape y = a.get(1);
            boolean ok = x.rank() == y.rank() && axis < x.rank() && x.dim(axis) != Shape.BATCH;
            for (int d = 0; ok && d < x.rank(); d++) {
                ok = d == axis || x.dim(d) == y.dim(d);
            }
            if (!ok) {
                throw error(name(), "cannot concatenate " + x + " and " + y + " along axis " + axis);
            }
            List<Integer> out = new ArrayList<>(x.dims());
            out.set(axis, x.dim(axis) + y.dim(axis));
            return new Shape(out);
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            int axis = (Integer) attr;
            Tensor x = a.get(0);
            Tensor y = a.get(1);
            Shape out = shape(List.of(x.shape(), y.shape()), attr);
            int outer = 1;
            for (int d = 0; d < axis; d++) {
                outer *= out.dim(d);
            }
            int nx = x.size() / outer;
            int ny = y.size() / outer;
            double[] r = new double[x.size() + y.size()];
            double[] xd = x.data();
            double[] yd = y.data();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(xd, o * nx, r, o * (nx + ny), nx);
                System.arraycopy(yd, o * ny, r, o * (nx + ny) + nx, ny);
            }
            return new Tensor(out, r);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            int axis = (Integer) attr;
            Shape full = shapeOf(b, ans);
            Shape sx = shapeOf(b, x[0]);
            Shape sy = shapeOf(b, x[1]);
            List<Integer> zero = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int d = 0; d < full.rank(); d++) {
                zero.add(0);
                at.add(d == axis ? sx.dim(axis) : 0);
            }
            return new int[] {b.applyWith(SLICE, new Window(zero, full, sx), ct),
                b.applyWith(SLICE, new Window(at, full, sy), ct)};
        }

        @Override
        public void emitKernel(Kernel k) {
            int axis = (Integer) k.node().attr();
            Shape out = k.outShape();
            CodeBlock outer = k.product(out, 0, axis);
            CodeBlock nx = k.product(k.argShape(0), axis, out.rank());
            CodeBlock ny = k.product(k.argShape(1), axis, out.rank());
            String o = k.local("o");
            loop(k, o, outer);
            k.code().addStatement("$T.arraycopy($L, $N * ($L), $L, $N * ($L + $L), $L)", System.class, k.arg(0), o, nx,
                    k.out(), o, nx, ny, nx);
            k.code().addStatement("$T.arraycopy($L, $N * ($L), $L, $N * ($L + $L) + $L, $L)", System.class, k.arg(1), o,
                    ny, k.out(), o, nx, ny, nx, ny);
            end(k);
        }
    };

    /** onehot(labels, classes): integer labels (held as doubles) to rows of 0 and 1. Its derivative is zero. */
    public static final TensorOp ONEHOT = new TensorOp("onehot", 1) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            List<Integer> out = new ArrayList<>(a.get(0).dims());
            out.add((Integer) attr);
            return new Shape(out);
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            int c = (Integer) attr;
            Tensor y = a.get(0);
            double[] r = new double[y.size() * c];
            for (int i = 0; i < y.size(); i++) {
                r[i * c + dev.fluxion.runtime.tensor.Labels.label(y.get(i), c)] = 1;
            }
            return new Tensor(shape(List.of(y.shape()), attr), r);
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
            int c = (Integer) k.node().attr();
            k.code().addStatement("$T.fill($L, 0, $L, 0.0)", Arrays.class, k.out(), k.size(k.outShape()));
            String i = k.local("i");
            loop(k, i, k.size(k.argShape(0)));
            k.code().addStatement("$L[$N * $L + $T.label($L[$N], $L)] = 1.0", k.out(), i, c,
                    dev.fluxion.runtime.tensor.Labels.class, k.arg(0), i, c);
            end(k);
        }
    };

    /** The family, in table order. */
    public static List<TensorOp> all() {
        return List.of(BROADCAST_TO, RESHAPE, TRANSPOSE, SLICE, PAD, CONCAT, ONEHOT);
    }
}
