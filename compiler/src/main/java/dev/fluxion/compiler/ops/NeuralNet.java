package dev.fluxion.compiler.ops;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Kernel;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.ir.Tensor;
import dev.fluxion.compiler.ir.Zero;
import dev.fluxion.runtime.tensor.Conv2d;
import dev.fluxion.runtime.tensor.Pool2d;
import java.util.List;

/**
 * Convolution and pooling over NCHW tensors (N may be B). Each op's loops live in the
 * runtime ({@link Conv2d}, {@link Pool2d}) so generated code and the interpreter share
 * them; the derivative rules are other ops of this family, never a Jacobian:
 * conv2d is bilinear, with transposes {@code conv2d_input_grad} and
 * {@code conv2d_filter_grad} (each bilinear too, so second order works); max pooling's JVP
 * selects the tangent at the first maximum of each window and its VJP scatters the
 * cotangent there (the two transpose each other); average pooling is linear.
 */
public final class NeuralNet {

    private NeuralNet() {
    }

    /** Geometry of a convolution: stride, padding, input height and width, kernel height and width. */
    public record Conv(int stride, int pad, int h, int w, int kh, int kw) {
        int oh() {
            return Conv2d.outSize(h, kh, stride, pad);
        }

        int ow() {
            return Conv2d.outSize(w, kw, stride, pad);
        }

        @Override
        public String toString() {
            return "stride=" + stride + ", padding=" + pad;
        }
    }

    /** Geometry of a pooling: window size, stride, input height and width. */
    public record Pool(int size, int stride, int h, int w) {
        int oh() {
            return Pool2d.outSize(h, size, stride);
        }

        int ow() {
            return Pool2d.outSize(w, size, stride);
        }

        @Override
        public String toString() {
            return "size=" + size + ", stride=" + stride;
        }
    }

    /** conv2d(x[N,C,H,W], f[O,C,KH,KW]) → [N,O,OH,OW]. */
    public static final TensorOp CONV2D = new TensorOp("conv2d", 2, Linearity.multilinear()) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            Conv g = (Conv) attr;
            Shape x = a.get(0);
            Shape f = a.get(1);
            if (x.rank() != 4 || f.rank() != 4 || x.dim(1) != f.dim(1)) {
                throw error(name(), "needs x[N, C, H, W] and filters[O, C, KH, KW] with the same C, got " + x + " and " + f);
            }
            imageSize(name(), x);
            if (g.oh() < 1 || g.ow() < 1) {
                throw error(name(), "filters " + f + " do not fit input " + x + " with " + g);
            }
            return Shape.of(x.dim(0), f.dim(0), g.oh(), g.ow());
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Conv g = (Conv) attr;
            Shape x = a.get(0).shape();
            Shape f = a.get(1).shape();
            Shape out = shape(List.of(x, f), attr);
            double[] y = new double[(int) out.size()];
            Conv2d.forward(a.get(0).data(), a.get(1).data(), y, x.dim(0), x.dim(1), g.h(), g.w(), f.dim(0), g.kh(), g.kw(),
                    g.stride(), g.pad());
            return new Tensor(out, y);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            return new int[] {b.applyWith(CONV2D_INPUT_GRAD, attr, ct, x[1]), b.applyWith(CONV2D_FILTER_GRAD, attr, x[0], ct)};
        }

        @Override
        public void emitKernel(Kernel k) {
            Shape x = k.argShape(0);
            Shape f = k.argShape(1);
            callConv(k, "forward", k.arg(0), k.arg(1), k.out(), x, f.dim(0));
        }
    };

    /** conv2d_input_grad(g[N,O,OH,OW], f[O,C,KH,KW]) → [N,C,H,W]: the transpose of conv2d in x. */
    public static final TensorOp CONV2D_INPUT_GRAD = new TensorOp("conv2d_input_grad", 2, Linearity.multilinear()) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            Conv c = (Conv) attr;
            return Shape.of(a.get(0).dim(0), a.get(1).dim(1), c.h(), c.w());
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Conv c = (Conv) attr;
            Shape out = shape(List.of(a.get(0).shape(), a.get(1).shape()), attr);
            double[] dx = new double[(int) out.size()];
            Conv2d.backwardInput(a.get(0).data(), a.get(1).data(), dx, out.dim(0), out.dim(1), c.h(), c.w(),
                    a.get(1).shape().dim(0), c.kh(), c.kw(), c.stride(), c.pad());
            return new Tensor(out, dx);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            // ⟨c, Aᵀg⟩ = ⟨A c, g⟩: in g it is conv2d(c, f); in f it is filter_grad(c, g).
            return new int[] {b.applyWith(CONV2D, attr, ct, x[1]), b.applyWith(CONV2D_FILTER_GRAD, attr, ct, x[0])};
        }

        @Override
        public void emitKernel(Kernel k) {
            callConv(k, "backwardInput", k.arg(0), k.arg(1), k.out(), k.outShape(), k.argShape(1).dim(0));
        }
    };

    /** conv2d_filter_grad(x[N,C,H,W], g[N,O,OH,OW]) → [O,C,KH,KW]: the transpose of conv2d in the filters. */
    public static final TensorOp CONV2D_FILTER_GRAD = new TensorOp("conv2d_filter_grad", 2, Linearity.multilinear()) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            Conv c = (Conv) attr;
            return Shape.of(a.get(1).dim(1), a.get(0).dim(1), c.kh(), c.kw());
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Conv c = (Conv) attr;
            Shape x = a.get(0).shape();
            Shape out = shape(List.of(x, a.get(1).shape()), attr);
            double[] df = new double[(int) out.size()];
            Conv2d.backwardFilter(a.get(0).data(), a.get(1).data(), df, x.dim(0), x.dim(1), c.h(), c.w(), out.dim(0),
                    c.kh(), c.kw(), c.stride(), c.pad());
            return new Tensor(out, df);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            // ⟨c, filter_grad(x, g)⟩ = ⟨g, conv2d(x, c)⟩: in x it is input_grad(g, c); in g, conv2d(x, c).
            return new int[] {b.applyWith(CONV2D_INPUT_GRAD, attr, x[1], ct), b.applyWith(CONV2D, attr, x[0], ct)};
        }

        @Override
        public void emitKernel(Kernel k) {
            callConv(k, "backwardFilter", k.arg(0), k.arg(1), k.out(), k.argShape(0), k.outShape().dim(0));
        }
    };

    private static void callConv(Kernel k, String method, CodeBlock a, CodeBlock b, CodeBlock out, Shape x, int o) {
        Conv c = (Conv) k.node().attr();
        k.code().addStatement("$T.$N($L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L)", Conv2d.class, method, a, b, out,
                k.dim(x, 0), x.dim(1), c.h(), c.w(), o, c.kh(), c.kw(), c.stride(), c.pad());
    }

    /** maxpool2d(x[N,C,H,W]) → [N,C,OH,OW]. */
    public static final TensorOp MAXPOOL2D = new TensorOp("maxpool2d", 1) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            return pooled(name(), a.get(0), (Pool) attr);
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Pool p = (Pool) attr;
            Shape x = a.get(0).shape();
            Shape out = shape(List.of(x), attr);
            double[] y = new double[(int) out.size()];
            Pool2d.maxForward(a.get(0).data(), y, x.dim(0), x.dim(1), p.h(), p.w(), p.size(), p.stride());
            return new Tensor(out, y);
        }

        @Override
        protected int jvp(GraphBuilder b, int ans, int[] x, int[] t, Object attr) {
            return b.applyWith(MAXPOOL_SELECT, attr, x[0], t[0]);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            return new int[] {b.applyWith(MAXPOOL_SCATTER, attr, x[0], ct)};
        }

        @Override
        public void emitKernel(Kernel k) {
            callPool(k, "maxForward", List.of(k.arg(0)), k.argShape(0));
        }
    };

    /** maxpool_select(x, t): t at the first maximum of each window of x. Linear in t; zero derivative in x. */
    public static final TensorOp MAXPOOL_SELECT = new TensorOp("maxpool_select", 2, Linearity.multilinearIn(1)) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            return pooled(name(), a.get(0), (Pool) attr);
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Pool p = (Pool) attr;
            Shape x = a.get(0).shape();
            Shape out = shape(List.of(x), attr);
            double[] y = new double[(int) out.size()];
            Pool2d.maxSelect(a.get(0).data(), a.get(1).data(), y, x.dim(0), x.dim(1), p.h(), p.w(), p.size(), p.stride());
            return new Tensor(out, y);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            return new int[] {Zero.ID, b.applyWith(MAXPOOL_SCATTER, attr, x[0], ct)};
        }

        @Override
        public void emitKernel(Kernel k) {
            callPool(k, "maxSelect", List.of(k.arg(0), k.arg(1)), k.argShape(0));
        }
    };

    /** maxpool_scatter(x, g): g sent to the first maximum of each window of x. Linear in g; zero derivative in x. */
    public static final TensorOp MAXPOOL_SCATTER = new TensorOp("maxpool_scatter", 2, Linearity.multilinearIn(1)) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            return a.get(0);
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Pool p = (Pool) attr;
            Shape x = a.get(0).shape();
            double[] dx = new double[(int) x.size()];
            Pool2d.maxScatter(a.get(0).data(), a.get(1).data(), dx, x.dim(0), x.dim(1), p.h(), p.w(), p.size(), p.stride());
            return new Tensor(x, dx);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            return new int[] {Zero.ID, b.applyWith(MAXPOOL_SELECT, attr, x[0], ct)};
        }

        @Override
        public void emitKernel(Kernel k) {
            callPool(k, "maxScatter", List.of(k.arg(0), k.arg(1)), k.argShape(0));
        }
    };

    /** avgpool2d(x[N,C,H,W]) → [N,C,OH,OW]. Linear; transpose avgpool2d_transpose. */
    public static final TensorOp AVGPOOL2D = new TensorOp("avgpool2d", 1, Linearity.linear()) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            return pooled(name(), a.get(0), (Pool) attr);
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Pool p = (Pool) attr;
            Shape x = a.get(0).shape();
            Shape out = shape(List.of(x), attr);
            double[] y = new double[(int) out.size()];
            Pool2d.avgForward(a.get(0).data(), y, x.dim(0), x.dim(1), p.h(), p.w(), p.size(), p.stride());
            return new Tensor(out, y);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            return new int[] {b.applyWith(AVGPOOL2D_TRANSPOSE, attr, ct)};
        }

        @Override
        public void emitKernel(Kernel k) {
            callPool(k, "avgForward", List.of(k.arg(0)), k.argShape(0));
        }
    };

    /** The transpose of average pooling: each value spread evenly over its window. */
    public static final TensorOp AVGPOOL2D_TRANSPOSE = new TensorOp("avgpool2d_transpose", 1, Linearity.linear()) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            Pool p = (Pool) attr;
            return Shape.of(a.get(0).dim(0), a.get(0).dim(1), p.h(), p.w());
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Pool p = (Pool) attr;
            Shape out = shape(List.of(a.get(0).shape()), attr);
            double[] dx = new double[(int) out.size()];
            Pool2d.avgBackward(a.get(0).data(), dx, out.dim(0), out.dim(1), p.h(), p.w(), p.size(), p.stride());
            return new Tensor(out, dx);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            return new int[] {b.applyWith(AVGPOOL2D, attr, ct)};
        }

        @Override
        public void emitKernel(Kernel k) {
            callPool(k, "avgBackward", List.of(k.arg(0)), k.outShape());
        }
    };

    private static Shape pooled(String op, Shape x, Pool p) {
        if (x.rank() == 4) {
            imageSize(op, x);
        }
        if (x.rank() != 4 || x.dim(2) != p.h() || x.dim(3) != p.w()) {
            throw TensorOp.error(op, "needs x[N, C, " + p.h() + ", " + p.w() + "], got " + x);
        }
        if (p.oh() < 1 || p.ow() < 1) {
            throw TensorOp.error(op, "window " + p.size() + " does not fit " + x);
        }
        return Shape.of(x.dim(0), x.dim(1), p.oh(), p.ow());
    }

    /** Refuses an image whose height or width is the batch size B (a window needs a fixed extent). */
    private static void imageSize(String op, Shape x) {
        if (x.dim(2) == Shape.BATCH || x.dim(3) == Shape.BATCH) {
            throw TensorOp.error(op, "needs an image of whole-number height and width, not the batch size B: got " + x);
        }
    }

    /** Calls a {@link Pool2d} kernel: its buffer arguments, then the output, then the geometry of x. */
    private static void callPool(Kernel k, String method, List<CodeBlock> args, Shape x) {
        Pool p = (Pool) k.node().attr();
        k.code().addStatement("$T.$N($L, $L, $L, $L, $L, $L, $L, $L)", Pool2d.class, method, CodeBlock.join(args, ", "),
                k.out(), k.dim(x, 0), k.dim(x, 1), p.h(), p.w(), p.size(), p.stride());
    }

    /** The family, in table order. */
    public static List<TensorOp> all() {
        return List.of(CONV2D, CONV2D_INPUT_GRAD, CONV2D_FILTER_GRAD, MAXPOOL2D, MAXPOOL_SELECT, MAXPOOL_SCATTER,
                AVGPOOL2D, AVGPOOL2D_TRANSPOSE);
    }
}
