package dev.fluxion.compiler.ops;

import static dev.fluxion.compiler.ops.Algebra.mul;
import static dev.fluxion.compiler.ops.Algebra.sub;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Kernel;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.ir.Tensor;
import java.util.List;

/**
 * The softmax family along one axis, each in its stable form (the maximum is subtracted
 * before exponentiating, so logits of ±1000 give finite values): logsumexp, softmax and
 * log_softmax. Their derivative rules are built from softmax and sums:
 * {@code d lse = Σ p·t}, {@code d softmax = p·(t − Σ p·t)}, {@code d log_softmax = t − Σ p·t}.
 */
public final class Softmax {

    private Softmax() {
    }

    private enum Kind { LOGSUMEXP, SOFTMAX, LOG_SOFTMAX }

    private static final class Family extends TensorOp {
        private final Kind kind;

        Family(String name, Kind kind) {
            super(name, 1);
            this.kind = kind;
        }

        @Override
        public Shape shape(List<Shape> a, Object attr) {
            int axis = (Integer) attr;
            Shape x = a.get(0);
            if (axis < 0 || axis >= x.rank()) {
                throw error(name(), "axis " + axis + " is out of range for " + x);
            }
            return kind == Kind.LOGSUMEXP ? new Axes(List.of(axis), false).apply(x) : x;
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Tensor x = a.get(0);
            int[] s = Reductions.split(x.shape(), new Axes(List.of((Integer) attr), false), name());
            double[] r = new double[kind == Kind.LOGSUMEXP ? s[0] * s[2] : x.size()];
            for (int o = 0; o < s[0]; o++) {
                for (int in = 0; in < s[2]; in++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < s[1]; j++) {
                        m = Math.max(m, x.get((o * s[1] + j) * s[2] + in));
                    }
                    double sum = 0;
                    for (int j = 0; j < s[1]; j++) {
                        sum += Math.exp(x.get((o * s[1] + j) * s[2] + in) - m);
                    }
                    double lse = m + Math.log(sum);
                    if (kind == Kind.LOGSUMEXP) {
                        r[o * s[2] + in] = lse;
                    } else {
                        for (int j = 0; j < s[1]; j++) {
                            int at = (o * s[1] + j) * s[2] + in;
                            r[at] = kind == Kind.SOFTMAX ? Math.exp(x.get(at) - lse) : x.get(at) - lse;
                        }
                    }
                }
            }
            return new Tensor(shape(List.of(x.shape()), attr), r);
        }

        @Override
        protected int jvp(GraphBuilder b, int ans, int[] x, int[] t, Object attr) {
            int axis = (Integer) attr;
            int p = probabilities(b, ans, x[0], axis);
            int pt = Reductions.sum(b, mul(b, p, t[0]), new Axes(List.of(axis), kind == Kind.LOGSUMEXP ? false : true));
            return switch (kind) {
                case LOGSUMEXP -> pt;
                case SOFTMAX -> mul(b, p, sub(b, t[0], pt));
                case LOG_SOFTMAX -> sub(b, t[0], pt);
            };
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            int axis = (Integer) attr;
            Axes keep = new Axes(List.of(axis), true);
            int p = probabilities(b, ans, x[0], axis);
            return new int[] {switch (kind) {
                case LOGSUMEXP -> mul(b, p, Reductions.expand(b, ct, keep, shapeOf(b, x[0])));
                case SOFTMAX -> mul(b, p, sub(b, ct, Reductions.sum(b, mul(b, ct, p), keep)));
                case LOG_SOFTMAX -> sub(b, ct, mul(b, p, Reductions.sum(b, ct, keep)));
            }};
        }

        /**
         * softmax(x) along the axis, from the value the op already computed: exp(x − lse)
         * with lse = ans for logsumexp, exp(ans) for log_softmax. The softmax kernel computes
         * exactly exp(x − lse) with the same lse, so the values are the same bit for bit, but
         * the gradient no longer repeats the maximum, the sum of exponentials and the log
         * (GMM: 5 exponentials per point fewer).
         */
        private int probabilities(GraphBuilder b, int ans, int x, int axis) {
            return switch (kind) {
                case SOFTMAX -> ans;
                case LOG_SOFTMAX -> b.apply(Elementary.EXP, ans);
                case LOGSUMEXP -> b.apply(Elementary.EXP, sub(b, x,
                        Reductions.expand(b, ans, new Axes(List.of(axis), true), shapeOf(b, x))));
            };
        }

        @Override
        public void emitKernel(Kernel k) {
            Shape in = k.argShape(0);
            CodeBlock[] s = Reductions.splitCode(k, in, new Axes(List.of((Integer) k.node().attr()), false));
            CodeBlock.Builder c = k.code();
            String o = k.local("o");
            String i = k.local("i");
            String j = k.local("j");
            String m = k.local("m");
            String sum = k.local("sum");
            String lse = k.local("lse");
            CodeBlock x = k.arg(0);
            loop(k, o, s[0]);
            loop(k, i, s[2]);
            c.addStatement("double $N = $T.NEGATIVE_INFINITY", m, Double.class);
            loop(k, j, s[1]);
            c.addStatement("$N = $T.max($N, $L[($N * $L + $N) * $L + $N])", m, Math.class, m, x, o, s[1], j, s[2], i);
            end(k);
            c.addStatement("double $N = 0.0", sum);
            loop(k, j, s[1]);
            c.addStatement("$N += $T.exp($L[($N * $L + $N) * $L + $N] - $N)", sum, Math.class, x, o, s[1], j, s[2], i, m);
            end(k);
            c.addStatement("double $N = $N + $T.log($N)", lse, m, Math.class, sum);
            if (kind == Kind.LOGSUMEXP) {
                c.addStatement("$L[$N * $L + $N] = $N", k.out(), o, s[2], i, lse);
            } else {
                loop(k, j, s[1]);
                String at = k.local("at");
                c.addStatement("int $N = ($N * $L + $N) * $L + $N", at, o, s[1], j, s[2], i);
                if (kind == Kind.SOFTMAX) {
                    c.addStatement("$L[$N] = $T.exp($L[$N] - $N)", k.out(), at, Math.class, x, at, lse);
                } else {
                    c.addStatement("$L[$N] = $L[$N] - $N", k.out(), at, x, at, lse);
                }
                end(k);
            }
            end(k);
            end(k);
        }
    }

    /** logsumexp(x, axis) = m + ln Σ exp(x − m), m the maximum. */
    public static final TensorOp LOGSUMEXP = new Family("logsumexp", Kind.LOGSUMEXP);
    /** softmax(x, axis) = exp(x − logsumexp(x)). */
    public static final TensorOp SOFTMAX = new Family("softmax", Kind.SOFTMAX);
    /** log_softmax(x, axis) = x − logsumexp(x). */
    public static final TensorOp LOG_SOFTMAX = new Family("log_softmax", Kind.LOG_SOFTMAX);

    /** The family, in table order. */
    public static List<TensorOp> all() {
        return List.of(LOGSUMEXP, SOFTMAX, LOG_SOFTMAX);
    }
}
