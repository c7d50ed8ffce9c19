package dev.fluxion.compiler.ops;

import static dev.fluxion.compiler.ops.Algebra.mul;
import static dev.fluxion.compiler.ops.Algebra.sub;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Kernel;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.ir.Tensor;
import dev.fluxion.compiler.ir.Zero;
import dev.fluxion.runtime.tensor.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Cross-entropy on integer labels, fused with softmax: per example
 * {@code logsumexp(s) − s[y]} computed with the maximum subtracted, and the stable
 * gradient {@code (p − onehot(y))·ct}. The other losses (cross-entropy on probability
 * targets, mse, the Euclidean loss, L1 and L2 penalties) are compositions the language
 * builds from log_softmax, sums and elementwise ops; see {@code parse.Library}.
 */
public final class Losses {

    private Losses() {
    }

    /** cross_entropy(logits[.., C], labels[..]) → [..]. Labels are doubles holding class indices. */
    public static final TensorOp CROSS_ENTROPY = new TensorOp("cross_entropy", 2) {
        @Override
        public Shape shape(List<Shape> a, Object attr) {
            Shape s = a.get(0);
            Shape y = a.get(1);
            if (s.rank() < 1 || !s.dims().subList(0, s.rank() - 1).equals(y.dims())) {
                throw error(name(), "logits " + s + " need labels of shape " + rows(s) + ", got " + y);
            }
            return y;
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Tensor s = a.get(0);
            Tensor y = a.get(1);
            int c = s.shape().dim(-1);
            double[] r = new double[y.size()];
            for (int i = 0; i < y.size(); i++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    m = Math.max(m, s.get(i * c + j));
                }
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    sum += Math.exp(s.get(i * c + j) - m);
                }
                r[i] = m + Math.log(sum) - s.get(i * c + Labels.label(y.get(i), c));
            }
            return new Tensor(y.shape(), r);
        }

        @Override
        protected int jvp(GraphBuilder b, int ans, int[] x, int[] t, Object attr) {
            if (Zero.is(t[0])) {
                return Zero.ID;
            }
            int last = shapeOf(b, x[0]).rank() - 1;
            return Reductions.sum(b, mul(b, residual(b, x), t[0]), new Axes(List.of(last), false));
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            Shape s = shapeOf(b, x[0]);
            int last = s.rank() - 1;
            int expanded = Reductions.expand(b, ct, new Axes(List.of(last), false), s);
            return new int[] {mul(b, residual(b, x), expanded), Zero.ID};
        }

        /** p − onehot(y): the gradient of the fused loss with respect to the logits. */
        private int residual(GraphBuilder b, int[] x) {
            Shape s = shapeOf(b, x[0]);
            int p = b.applyWith(Softmax.SOFTMAX, s.rank() - 1, x[0]);
            return sub(b, p, b.applyWith(Shapes.ONEHOT, s.dim(-1), x[1]));
        }

        @Override
        public void emitKernel(Kernel k) {
            Shape s = k.argShape(0);
            int c = s.dim(-1);
            CodeBlock.Builder code = k.code();
            String i = k.local("i");
            String j = k.local("j");
            String m = k.local("m");
            String sum = k.local("sum");
            String row = k.local("row");
            CodeBlock x = k.arg(0);
            loop(k, i, k.size(k.argShape(1)));
            code.addStatement("int $N = $N * $L", row, i, c);
            code.addStatement("double $N = $T.NEGATIVE_INFINITY", m, Double.class);
            loop(k, j, c);
            code.addStatement("$N = $T.max($N, $L[$N + $N])", m, Math.class, m, x, row, j);
            end(k);
            code.addStatement("double $N = 0.0", sum);
            loop(k, j, c);
            code.addStatement("$N += $T.exp($L[$N + $N] - $N)", sum, Math.class, x, row, j, m);
            end(k);
            code.addStatement("$L[$N] = $N + $T.log($N) - $L[$N + $T.label($L[$N], $L)]", k.out(), i, m, Math.class, sum,
                    x, row, Labels.class, k.arg(1), i, c);
            end(k);
        }
    };

    private static Shape rows(Shape s) {
        return new Shape(new ArrayList<>(s.dims().subList(0, Math.max(0, s.rank() - 1))));
    }

    /** The family, in table order. */
    public static List<TensorOp> all() {
        return List.of(CROSS_ENTROPY);
    }
}
