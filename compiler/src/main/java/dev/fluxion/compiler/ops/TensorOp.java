package dev.fluxion.compiler.ops;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Kernel;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Notation;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.ir.Tensor;
import dev.fluxion.compiler.ir.Zero;
import java.util.List;

/**
 * Base of the ops that are not elementwise (reductions, matmul, shapes, convolutions):
 * each entry gives its shape rule, tensor evaluation, JVP, VJP and loop emission side by
 * side. JVPs and VJPs are built from other tensor ops, so a Jacobian is never
 * materialized. The rules receive the op's attribute, read from the primal node.
 */
public abstract class TensorOp implements Op {

    private final String name;
    private final int arity;
    /** How the op is linear, or null if it is not (it then states its JVP). */
    private final Linearity linearity;

    /** An op that is not linear: it overrides {@link #jvp(GraphBuilder, int, int[], int[], Object)}. */
    protected TensorOp(String name, int arity) {
        this(name, arity, null);
    }

    /** A linear op: its JVP follows from {@code linearity}, and it states its transpose (the VJP). */
    protected TensorOp(String name, int arity, Linearity linearity) {
        this.name = name;
        this.arity = arity;
        this.linearity = linearity;
    }

    /**
     * How the op is linear.
     *
     * @return its linearity, or null if it is not linear
     */
    public final Linearity linearity() {
        return linearity;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int arity() {
        return arity;
    }

    @Override
    public Notation notation() {
        return Notation.call(name);
    }

    @Override
    public boolean foldable() {
        return false;
    }

    @Override
    public double eval(double[] args, Object attr) {
        throw new UnsupportedOperationException(name + " is a tensor op: use evaluate");
    }

    @Override
    public CodeBlock emit(List<CodeBlock> args, Object attr) {
        throw new UnsupportedOperationException(name + " is a tensor op: use emitKernel");
    }

    @Override
    public abstract Shape shape(List<Shape> args, Object attr);

    @Override
    public abstract Tensor evaluate(List<Tensor> args, Object attr);

    @Override
    public abstract void emitKernel(Kernel k);

    /**
     * The JVP with the attribute at hand; tangents may be {@link Zero#ID}, not all. A linear op's
     * follows from its {@link Linearity}; an op that is not linear overrides this.
     */
    protected int jvp(GraphBuilder b, int ans, int[] x, int[] t, Object attr) {
        if (linearity == null) {
            throw new IllegalStateException(name + " states neither its JVP nor how it is linear");
        }
        if (linearity.jointly()) {
            // d op(x, y) = op(dx, dy), a zero tangent written as zeros of its argument's shape.
            boolean any = false;
            int[] args = new int[t.length];
            for (int i = 0; i < t.length; i++) {
                any |= !Zero.is(t[i]);
                args[i] = !Zero.is(t[i]) ? t[i] : b.applyWith(Shapes.BROADCAST_TO, shapeOf(b, x[i]), b.constant(0.0));
            }
            return any ? b.applyWith(this, attr, args) : Zero.ID;
        }
        // d op(x, y) = op(dx, y) + op(x, dy): one term per argument the op is linear in.
        int acc = Zero.ID;
        for (int i = 0; i < x.length; i++) {
            if (linearity.in(i) && !Zero.is(t[i])) {
                int[] args = x.clone();
                args[i] = t[i];
                acc = Algebra.add(b, acc, b.applyWith(this, attr, args));
            }
        }
        return acc;
    }

    /** The VJP with the attribute at hand. */
    protected abstract int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr);

    @Override
    public final int jvp(GraphBuilder b, int ans, int[] args, int[] tangents) {
        return jvp(b, ans, args, tangents, attrOf(b, ans));
    }

    @Override
    public final int[] vjp(GraphBuilder b, int ans, int[] args, int ct) {
        return vjp(b, ans, args, ct, attrOf(b, ans));
    }

    private Object attrOf(GraphBuilder b, int ans) {
        Node n = b.node(ans);
        if (n.op() != this) {
            throw new IllegalStateException(name + ": primal node " + ans + " was rewritten to " + n.op().name());
        }
        return n.attr();
    }

    @Override
    public String toString() {
        return name;
    }

    // ------------------------------------------------------------------ helpers for emission

    /** Opens {@code for (int v = 0; v < extent; v++)}. */
    static void loop(Kernel k, String v, Object extent) {
        k.code().beginControlFlow("for (int $N = 0; $N < $L; $N++)", v, v, extent, v);
    }

    static void end(Kernel k) {
        k.code().endControlFlow();
    }

    static Shape shapeOf(GraphBuilder b, int id) {
        return b.node(id).shape();
    }

    static IllegalArgumentException error(String op, String message) {
        return new IllegalArgumentException(op + ": " + message);
    }
}
