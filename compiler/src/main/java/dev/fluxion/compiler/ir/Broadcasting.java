package dev.fluxion.compiler.ir;

import com.squareup.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Scalar ops lifted to tensors with broadcasting, once for every elementwise op: the
 * interpreter's evaluation and the emitted loop. Shapes align at the end; a dimension of
 * 1 (or a missing leading one) stretches, so {@code x[B,128] + b[128]} adds {@code b}
 * to every row.
 */
public final class Broadcasting {

    private Broadcasting() {
    }

    /** The broadcast of all argument shapes. */
    public static Shape shapeOf(List<Shape> shapes) {
        Shape s = Shape.SCALAR;
        for (Shape a : shapes) {
            s = Shape.broadcast(s, a);
        }
        return s;
    }

    /**
     * Strides to read argument shape {@code arg} at the indices of {@code out}: one per
     * output axis, 0 where the argument is stretched. Works for static shapes.
     */
    static int[] readStrides(Shape arg, Shape out) {
        int[] own = Tensor.strides(arg);
        int[] st = new int[out.rank()];
        int off = out.rank() - arg.rank();
        for (int i = 0; i < out.rank(); i++) {
            int ai = i - off;
            st[i] = ai < 0 || arg.dim(ai) == 1 && out.dim(i) != 1 ? 0 : own[ai];
        }
        return st;
    }

    /** {@code x} stretched to the static shape {@code out}. */
    public static Tensor broadcastTo(Tensor x, Shape out) {
        return Tensor.gather(x, out, readStrides(x.shape(), out));
    }

    /** {@link Op#eval} applied elementwise to broadcast arguments. */
    public static Tensor lift(Op op, List<Tensor> args, Object attr) {
        List<Shape> shapes = new ArrayList<>();
        for (Tensor t : args) {
            shapes.add(t.shape());
        }
        Shape out = shapeOf(shapes);
        int n = (int) out.size();
        int[][] strides = new int[args.size()][];
        for (int k = 0; k < args.size(); k++) {
            strides[k] = readStrides(args.get(k).shape(), out);
        }
        int[] outDims = out.toArray();
        int[] idx = new int[out.rank()];
        double[] result = new double[n];
        double[] a = new double[args.size()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < args.size(); k++) {
                int flat = 0;
                for (int d = 0; d < idx.length; d++) {
                    flat += idx[d] * strides[k][d];
                }
                a[k] = args.get(k).get(flat);
            }
            result[i] = op.eval(a, attr);
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < outDims[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return new Tensor(out, result);
    }

    /**
     * Emits {@code out[i] = op(args...)} over the output: one flat loop when every
     * argument has the output's shape or is a scalar, else nested loops with each
     * argument read through its own (stretched) strides. Constants are inlined.
     */
    public static void emitElementwise(Op op, Kernel k) {
        Node n = k.node();
        Shape out = k.outShape();
        CodeBlock.Builder code = k.code();
        boolean flat = true;
        for (int a = 0; a < n.arity(); a++) {
            Shape s = k.argShape(a);
            flat &= s.equals(out) || s.isScalar();
        }
        if (flat) {
            String i = k.local("i");
            code.beginControlFlow("for (int $N = 0; $N < $L; $N++)", i, i, k.size(out), i);
            List<CodeBlock> elems = new ArrayList<>();
            for (int a = 0; a < n.arity(); a++) {
                elems.add(element(k, a, k.argShape(a).isScalar() ? CodeBlock.of("0") : CodeBlock.of("$N", i)));
            }
            code.addStatement("$L[$N] = $L", k.out(), i, op.emit(elems, n.attr()));
            code.endControlFlow();
            return;
        }
        String o = k.local("o");
        code.addStatement("int $N = 0", o);
        String[] loops = new String[out.rank()];
        for (int d = 0; d < out.rank(); d++) {
            loops[d] = k.local("i");
            code.beginControlFlow("for (int $N = 0; $N < $L; $N++)", loops[d], loops[d], k.dim(out, d), loops[d]);
        }
        List<CodeBlock> elems = new ArrayList<>();
        for (int a = 0; a < n.arity(); a++) {
            elems.add(element(k, a, index(k, k.argShape(a), out, loops)));
        }
        code.addStatement("$L[$N++] = $L", k.out(), o, op.emit(elems, n.attr()));
        for (int d = 0; d < out.rank(); d++) {
            code.endControlFlow();
        }
    }

    /** Argument {@code a} at flat index {@code index}, or its literal if it is a constant. */
    private static CodeBlock element(Kernel k, int a, CodeBlock index) {
        Double c = k.constant(a);
        if (c != null) {
            return CodeBlock.of("$L", Leaf.javaLiteral(c));
        }
        return CodeBlock.of("$L[$L]", k.arg(a), index);
    }

    /** The flat index into {@code arg} at the output loop indices, skipping stretched axes. */
    private static CodeBlock index(Kernel k, Shape arg, Shape out, String[] loops) {
        int off = out.rank() - arg.rank();
        CodeBlock.Builder idx = CodeBlock.builder();
        boolean first = true;
        for (int i = 0; i < out.rank(); i++) {
            int ai = i - off;
            if (ai < 0 || arg.dim(ai) == 1 && out.dim(i) != 1) {
                continue;
            }
            CodeBlock stride = k.product(arg, ai + 1, arg.rank());
            idx.add(first ? "" : " + ");
            first = false;
            if (stride.toString().equals("1")) {
                idx.add("$N", loops[i]);
            } else {
                idx.add("$N * $L", loops[i], stride.toString().contains(" ") ? CodeBlock.of("($L)", stride) : stride);
            }
        }
        return first ? CodeBlock.of("0") : idx.build();
    }
}
