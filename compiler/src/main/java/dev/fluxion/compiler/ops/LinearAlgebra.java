package dev.fluxion.compiler.ops;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Kernel;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.ir.Tensor;
import dev.fluxion.runtime.tensor.MatMul;
import dev.fluxion.runtime.tensor.Precision;
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
    public static final TensorOp MATMUL = new TensorOp("matmul", 2, Linearity.multilinear()) {
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
            // One call to the runtime kernel, which keeps blocks of C in registers and skips
            // zeros of A (see MatMul for why the JIT does not do this with inline loops).
            Trans t = (Trans) k.node().attr();
            Shape a = k.argShape(0);
            multiply(k, k.arg(0), t.a(), k.arg(1), t.b(), k.dim(k.outShape(), 0), k.dim(k.outShape(), 1),
                    t.a() ? k.dim(a, 0) : k.dim(a, 1));
        }

        @Override
        public boolean emitScaledAdd(Kernel k, CodeBlock scale) {
            // The runtime product adds scale times each finished sum into out: the same bits as
            // storing the product and then adding scale times it.
            Trans t = (Trans) k.node().attr();
            Shape a = k.argShape(0);
            k.code().addStatement("$T.multiplyAdd($L, $L, $L, $L, $L, $L, $L, $L, $L, $T.$L)", MatMul.class, k.arg(0),
                    t.a(), k.arg(1), t.b(), k.out(), k.dim(k.outShape(), 0), k.dim(k.outShape(), 1),
                    t.a() ? k.dim(a, 0) : k.dim(a, 1), scale, Precision.class, k.matmulPrecision());
            return true;
        }
    };

    /**
     * Appends the call to the runtime's matrix product that overwrites {@code k}'s result:
     * {@code out = op(a)·op(b)}, [m, n], summed over {@code inner}; with FLOAT32 products the
     * call passes the precision (FLOAT64 code stays as it was before the option).
     */
    static void multiply(Kernel k, CodeBlock a, boolean ta, CodeBlock b, boolean tb, CodeBlock m, CodeBlock n,
                         CodeBlock inner) {
        if (k.matmulPrecision() == Precision.FLOAT64) {
            k.code().addStatement("$T.multiply($L, $L, $L, $L, $L, $L, $L, $L, false)", MatMul.class, a, ta, b, tb,
                    k.out(), m, n, inner);
        } else {
            k.code().addStatement("$T.multiply($L, $L, $L, $L, $L, $L, $L, $L, false, $T.$L)", MatMul.class, a, ta, b,
                    tb, k.out(), m, n, inner, Precision.class, k.matmulPrecision());
        }
    }

    /** The family, in table order. */
    public static List<TensorOp> all() {
        return List.of(MATMUL);
    }
}
