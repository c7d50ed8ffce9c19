package dev.fluxion.compiler.ops;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.ir.Broadcasting;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Notation;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.ir.Zero;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An elementwise op on scalars, declared as a table entry: evaluation, derivative and
 * emission side by side. The derivative is given either as one local partial derivative
 * per argument (forward mode sums partial ⊙ tangent, reverse mode multiplies the cotangent
 * by each partial, ⊙ being {@link Arithmetic#TIMES}, whose zero annihilates: a zero tangent
 * or cotangent contributes nothing even where a partial is infinite or NaN), or, for
 * linear ops, as a JVP and its transpose directly; a signed sum (add, sub, neg) states only
 * its signs, and both rules follow from them.
 */
public final class ScalarOp implements Op {

    /** Numeric evaluation. */
    @FunctionalInterface
    public interface Eval {
        double apply(double[] x);
    }

    /** The local partial derivative with respect to one argument, built as IR. */
    @FunctionalInterface
    public interface Partial {
        /** @return a node id, or {@link Zero#ID} where the partial is zero */
        int build(GraphBuilder b, int ans, int[] x);
    }

    /**
     * The partial that is zero everywhere (a comparison's, floor's): declaring it with this
     * constant is what tells {@link #zeroPartial} and the sparsity patterns that the argument's
     * tangent never reaches the result.
     */
    public static final Partial ZERO = (b, ans, x) -> Zero.ID;

    /** A JVP written directly (linear ops). */
    @FunctionalInterface
    public interface Jvp {
        int build(GraphBuilder b, int ans, int[] x, int[] t);
    }

    /** A VJP (the transpose of a linear op's JVP) written directly. */
    @FunctionalInterface
    public interface Vjp {
        int[] build(GraphBuilder b, int ans, int[] x, int ct);
    }

    private final String name;
    private final Notation notation;
    private final int arity;
    private final Eval eval;
    private final Partial[] partials;
    private final Jvp jvp;
    private final Vjp vjp;
    private final Function<List<CodeBlock>, CodeBlock> emit;
    private final int[] sumSigns;
    private final boolean finiteOnFinite;
    private final int conditionArg;

    private ScalarOp(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.notation = Objects.requireNonNull(b.notation, "notation of " + name);
        this.arity = b.arity;
        this.eval = Objects.requireNonNull(b.eval, "eval of " + name);
        this.emit = Objects.requireNonNull(b.emit, "emission of " + name);
        this.partials = b.partials;
        this.sumSigns = b.sumSigns;
        if (sumSigns != null && (b.jvp != null || b.vjp != null || b.partials != null)) {
            throw new IllegalStateException(name + ": a signed sum's rules follow from its signs; give none");
        }
        this.jvp = sumSigns != null ? signedSumJvp(sumSigns.clone()) : b.jvp;
        this.vjp = sumSigns != null ? signedSumTranspose(sumSigns.clone()) : b.vjp;
        this.finiteOnFinite = b.finiteOnFinite;
        this.conditionArg = b.conditionArg;
        if (conditionArg >= 0 && arity != 3) {
            throw new IllegalStateException(name + ": a choice takes a condition and two sides");
        }
        if (sumSigns != null && sumSigns.length != arity) {
            throw new IllegalStateException(name + ": " + sumSigns.length + " sum signs for arity " + arity);
        }
        if ((jvp == null) != (vjp == null) || partials == null && jvp == null) {
            throw new IllegalStateException(name + ": give partials, or both a JVP and a VJP (or all three)");
        }
        if (partials != null && partials.length != arity) {
            throw new IllegalStateException(name + ": " + partials.length + " partials for arity " + arity);
        }
    }

    /** The tangent of a signed sum: the same signed sum of the tangents, zeros left out. */
    private static Jvp signedSumJvp(int[] signs) {
        return (b, ans, x, t) -> {
            int sum = Zero.ID;
            for (int i = 0; i < signs.length; i++) {
                if (!Zero.is(t[i])) {
                    sum = signs[i] > 0 ? Algebra.add(b, sum, t[i]) : Algebra.sub(b, sum, t[i]);
                }
            }
            return sum;
        };
    }

    /** The transpose of a signed sum: each argument gets the cotangent times its sign. */
    private static Vjp signedSumTranspose(int[] signs) {
        return (b, ans, x, ct) -> {
            int[] out = new int[signs.length];
            for (int i = 0; i < signs.length; i++) {
                out[i] = signs[i] > 0 ? ct : Algebra.neg(b, ct);
            }
            return out;
        };
    }

    /** Starts an entry for a function written {@code name(...)}. */
    public static Builder call(String name, int arity) {
        Builder b = new Builder(name, arity);
        b.notation = Notation.call(name);
        return b;
    }

    /** Starts an entry for an operator written with a symbol. */
    public static Builder operator(String name, int arity, Notation notation) {
        Builder b = new Builder(name, arity);
        b.notation = notation;
        return b;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int arity() {
        return arity;
    }

    @Override
    public Notation notation() {
        return notation;
    }

    @Override
    public Shape shape(List<Shape> args, Object attr) {
        try {
            return Broadcasting.shapeOf(args);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public double eval(double[] args, Object attr) {
        return eval.apply(args);
    }

    @Override
    public int jvp(GraphBuilder b, int ans, int[] x, int[] t) {
        return stretch(b, scalarJvp(b, ans, x, t), b.node(ans).shape());
    }

    /**
     * A tangent of the result's shape: a tangent that comes from a broadcast argument
     * alone (t_b of x[B,n] + b[n]) is stretched. Scalars are never touched.
     */
    private static int stretch(GraphBuilder b, int t, Shape shape) {
        if (Zero.is(t) || b.node(t).shape().equals(shape)) {
            return t;
        }
        return Shapes.broadcastTo(b, t, shape);
    }

    private int scalarJvp(GraphBuilder b, int ans, int[] x, int[] t) {
        if (jvp != null) {
            return jvp.build(b, ans, x, t);
        }
        int sum = Zero.ID;
        for (int i = 0; i < arity; i++) {
            if (!Zero.is(t[i])) {
                sum = Algebra.add(b, sum, Algebra.times(b, partials[i].build(b, ans, x), t[i]));
            }
        }
        return sum;
    }

    @Override
    public int[] vjp(GraphBuilder b, int ans, int[] x, int ct) {
        int[] cts = scalarVjp(b, ans, x, ct);
        for (int i = 0; i < cts.length; i++) {
            // The transpose of broadcasting: sum the cotangent down to the argument's shape.
            if (!Zero.is(cts[i]) && !b.node(cts[i]).shape().equals(b.node(x[i]).shape())) {
                cts[i] = Reductions.sumTo(b, cts[i], b.node(x[i]).shape());
            }
        }
        return cts;
    }

    private int[] scalarVjp(GraphBuilder b, int ans, int[] x, int ct) {
        if (vjp != null) {
            return vjp.build(b, ans, x, ct);
        }
        int[] out = new int[arity];
        for (int i = 0; i < arity; i++) {
            out[i] = Algebra.times(b, ct, partials[i].build(b, ans, x));
        }
        return out;
    }

    @Override
    public CodeBlock emit(List<CodeBlock> args, Object attr) {
        return emit.apply(args);
    }

    @Override
    public boolean finiteOnFinite() {
        return finiteOnFinite;
    }

    @Override
    public int[] sumSigns() {
        return sumSigns == null ? null : sumSigns.clone();
    }

    @Override
    public int conditionArg() {
        return conditionArg;
    }

    /** True for an argument whose partial is {@link #ZERO}, and for the condition of a choice. */
    @Override
    public boolean zeroPartial(int k) {
        return k == conditionArg || (partials != null && partials[k] == ZERO);
    }

    @Override
    public Boolean chosenWhen(int k) {
        if (conditionArg < 0 || k == conditionArg) {
            return null;
        }
        return k == (conditionArg + 1) % 3;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Collects one table entry. */
    public static final class Builder {
        private final String name;
        private final int arity;
        private Notation notation;
        private Eval eval;
        private Partial[] partials;
        private Jvp jvp;
        private Vjp vjp;
        private Function<List<CodeBlock>, CodeBlock> emit;
        private int[] sumSigns;
        private boolean finiteOnFinite;
        private int conditionArg = -1;

        private Builder(String name, int arity) {
            this.name = name;
            this.arity = arity;
        }

        public Builder eval(Eval eval) {
            this.eval = eval;
            return this;
        }

        /** One partial derivative per argument, in order. */
        public Builder partials(Partial... partials) {
            this.partials = partials.clone();
            return this;
        }

        /**
         * An op whose JVP and VJP are written directly although it is not linear, to choose the
         * order of the products (division: see {@link Arithmetic#DIV}); the partials stay for
         * what reads them one by one (traces, sparsity).
         */
        public Builder rules(Jvp jvp, Vjp vjp) {
            this.jvp = jvp;
            this.vjp = vjp;
            return this;
        }

        /** For a linear op: its JVP and the transpose of it. */
        public Builder linear(Jvp jvp, Vjp transpose) {
            this.jvp = jvp;
            this.vjp = transpose;
            return this;
        }

        /** Declares that the result is finite whenever the arguments are (see {@link Op#finiteOnFinite}). */
        public Builder finiteOnFinite() {
            this.finiteOnFinite = true;
            return this;
        }

        /**
         * Declares the op a signed sum of its arguments with these coefficients (see {@link
         * Op#sumSigns}); its JVP (the signed sum of the tangents) and its transpose (the cotangent
         * times each sign) follow, so it states no other rule.
         */
        public Builder signedSum(int... signs) {
            this.sumSigns = signs.clone();
            return this;
        }

        /**
         * Declares the op a choice (see {@link Op#conditionArg}): argument {@code condition} is
         * the condition, the next argument is chosen when it is true, the one after when false.
         */
        public Builder choosesBy(int condition) {
            this.conditionArg = condition;
            return this;
        }

        /** Emission as a JavaPoet format over the argument expressions ({@code $L} each). */
        public Builder emit(String format, Object... prefix) {
            this.emit = args -> {
                Object[] all = new Object[prefix.length + args.size()];
                System.arraycopy(prefix, 0, all, 0, prefix.length);
                for (int i = 0; i < args.size(); i++) {
                    all[prefix.length + i] = args.get(i);
                }
                return CodeBlock.of(format, all);
            };
            return this;
        }

        /** A call of a static method: {@code Math.sin(v1)}, {@code Fn.sigmoid(v4)}. */
        public Builder emitCall(Class<?> owner, String method) {
            this.emit = args -> {
                CodeBlock.Builder cb = CodeBlock.builder().add("$T.$N(", owner, method);
                for (int i = 0; i < args.size(); i++) {
                    cb.add(i == 0 ? "$L" : ", $L", args.get(i));
                }
                return cb.add(")").build();
            };
            return this;
        }

        public Builder emit(Function<List<CodeBlock>, CodeBlock> emit) {
            this.emit = emit;
            return this;
        }

        public ScalarOp build() {
            return new ScalarOp(this);
        }
    }
}
