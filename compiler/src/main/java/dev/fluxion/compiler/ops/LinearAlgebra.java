package dev.fluxion.compiler.ops;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Kernel;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.ir.Tensor;
import dev.fluxion.compiler.ir.Zero;
import java.util.Arrays;
import java.util.List;

/**
 * Matrix product, with either operand read transposed so that the VJPs
 * ({@code dA = ct·Bᵀ}, {@code dB = Aᵀ·ct}) never copy a transposed matrix. Bilinear: the
 * JVP is {@code tA·B + A·tB}.
 */
public final class LinearAlgebra {

    private LinearAlgebra() {
    }

    /** The attribute of {@link #MATMUL}: whether A and B are read transposed. */
    public record Trans(boolean a, boolean b) {
        public static final Trans NONE = new Trans(false, false);

        @Override
        public String toString() {
            return (a ? "Aᵀ" : "A") + "·" + (b ? "Bᵀ" : "B");
        }
    }

    /** matmul(A, B) of two matrices, either read transposed. */
    public static final TensorOp MATMUL = new TensorOp("matmul", 2) {
        @Override
        public Shape shape(List<Shape> s, Object attr) {
            Trans t = (Trans) attr;
            Shape a = s.get(0);
            Shape b = s.get(1);
            if (a.rank() != 2 || b.rank() != 2) {
                throw error("@", "multiplies matrices, got " + a + " and " + b);
            }
            int m = t.a() ? a.dim(1) : a.dim(0);
            int ka = t.a() ? a.dim(0) : a.dim(1);
            int kb = t.b() ? b.dim(1) : b.dim(0);
            int n = t.b() ? b.dim(0) : b.dim(1);
            if (ka != kb) {
                throw error("@", "inner dimensions differ: " + a + " @ " + b);
            }
            return Shape.of(m, n);
        }

        @Override
        public Tensor evaluate(List<Tensor> s, Object attr) {
            Trans t = (Trans) attr;
            Tensor a = s.get(0);
            Tensor b = s.get(1);
            Shape out = shape(List.of(a.shape(), b.shape()), attr);
            int m = out.dim(0);
            int n = out.dim(1);
            int k = t.a() ? a.shape().dim(0) : a.shape().dim(1);
            double[] r = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        double av = t.a() ? a.get(p * m + i) : a.get(i * k + p);
                        double bv = t.b() ? b.get(j * k + p) : b.get(p * n + j);
                        acc += av * bv;
                    }
                    r[i * n + j] = acc;
                }
            }
            return new Tensor(out, r);
        }

        @Override
        protected int jvp(GraphBuilder b, int ans, int[] x, int[] t, Object attr) {
            int l = Zero.is(t[0]) ? Zero.ID : b.applyWith(this, attr, t[0], x[1]);
            int r = Zero.is(t[1]) ? Zero.ID : b.applyWith(this, attr, x[0], t[1]);
            return Algebra.add(b, l, r);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            Trans t = (Trans) attr;
            // d op(A) = ct op(B)ᵀ and d op(B) = op(A)ᵀ ct, undone where A or B was read transposed.
            int da = !t.a() ? b.applyWith(this, new Trans(false, !t.b()), ct, x[1])
                    : b.applyWith(this, new Trans(t.b(), true), x[1], ct);
            int db = !t.b() ? b.applyWith(this, new Trans(!t.a(), false), x[0], ct)
                    : b.applyWith(this, new Trans(true, t.a()), ct, x[0]);
            return new int[] {da, db};
        }

        @Override
        public void emitKernel(Kernel k) {
            Trans t = (Trans) k.node().attr();
            Shape a = k.argShape(0);
            CodeBlock.Builder c = k.code();
            String m = k.local("m");
            String n = k.local("n");
            String kk = k.local("k");
            c.addStatement("int $N = $L", m, k.dim(k.outShape(), 0));
            c.addStatement("int $N = $L", n, k.dim(k.outShape(), 1));
            c.addStatement("int $N = $L", kk, t.a() ? k.dim(a, 0) : k.dim(a, 1));
            String i = k.local("i");
            String j = k.local("j");
            String p = k.local("p");
            CodeBlock out = k.out();
            CodeBlock av = k.arg(0);
            CodeBlock bv = k.arg(1);
            if (!t.b()) {
                // Row-oriented (i-k-j): the inner loop runs along rows of B and C, contiguous in memory.
                c.addStatement("$T.fill($L, 0, $N * $N, 0.0)", Arrays.class, out, m, n);
                String s = k.local("s");
                String r = k.local("r");
                // Row i of C stays in the first-level cache while every k adds into it, also
                // when A is read transposed (A is then read with a stride; C, the big one, is not).
                // The k axis is cut into tiles of K_TILE rows of B, which stay in the second-level
                // cache while every row of C goes through them: B is read from memory once.
                String p0 = k.local("p0");
                String p1 = k.local("p1");
                c.beginControlFlow("for (int $N = 0; $N < $N; $N += $L)", p0, p0, kk, p0, K_TILE);
                c.addStatement("int $N = $T.min($N, $N + $L)", p1, Math.class, kk, p0, K_TILE);
                loop(k, i, m);
                c.addStatement("int $N = $N * $N", r, i, n);
                c.beginControlFlow("for (int $N = $N; $N < $N; $N++)", p, p0, p, p1, p);
                if (!t.a()) {
                    c.addStatement("double $N = $L[$N * $N + $N]", s, av, i, kk, p);
                } else {
                    c.addStatement("double $N = $L[$N * $N + $N]", s, av, p, m, i);
                }
                c.beginControlFlow("if ($N != 0.0)", s);
                String bo = k.local("bo");
                c.addStatement("int $N = $N * $N", bo, p, n);
                loop(k, j, n);
                c.addStatement("$L[$N + $N] += $N * $L[$N + $N]", out, r, j, s, bv, bo, j);
                end(k);
                c.endControlFlow();
                end(k);
                end(k);
                end(k);
            } else {
                // B read transposed: each element of C is a dot product of two contiguous rows.
                String acc = k.local("acc");
                loop(k, i, m);
                loop(k, j, n);
                c.addStatement("double $N = 0.0", acc);
                loop(k, p, kk);
                if (!t.a()) {
                    c.addStatement("$N += $L[$N * $N + $N] * $L[$N * $N + $N]", acc, av, i, kk, p, bv, j, kk, p);
                } else {
                    c.addStatement("$N += $L[$N * $N + $N] * $L[$N * $N + $N]", acc, av, p, m, i, bv, j, kk, p);
                }
                end(k);
                c.addStatement("$L[$N * $N + $N] = $N", out, i, n, j, acc);
                end(k);
                end(k);
            }
        }
    };

    /** Rows of B per tile of the k axis: 64 rows of up to a few hundred doubles fit the second-level cache. */
    private static final int K_TILE = 64;

    /** The family, in table order. */
    public static List<TensorOp> all() {
        return List.of(MATMUL);
    }
}
