package dev.fluxion.compiler.ir;

import com.squareup.javapoet.CodeBlock;
import java.util.List;

/** The two ops without arguments: a constant and an input. Part of the IR itself. */
public enum Leaf implements Op {

    /** A double constant; its attribute is the {@link Double} value. */
    CONST {
        @Override
        public double eval(double[] args, Object attr) {
            return (Double) attr;
        }

        @Override
        public CodeBlock emit(List<CodeBlock> args, Object attr) {
            return javaLiteral((Double) attr);
        }
    },

    /** Element of an input array; its attribute is an {@link InputRef}. */
    INPUT {
        @Override
        public double eval(double[] args, Object attr) {
            throw new IllegalStateException("an input has no value of its own");
        }

        @Override
        public boolean foldable() {
            return false;
        }

        @Override
        public CodeBlock emit(List<CodeBlock> args, Object attr) {
            throw new IllegalStateException("inputs are emitted by the code generator, not the table");
        }
    };

    @Override
    public int arity() {
        return 0;
    }

    @Override
    public Notation notation() {
        return Notation.leaf();
    }

    @Override
    public Shape shape(List<Shape> args, Object attr) {
        return Shape.SCALAR;
    }

    @Override
    public int jvp(GraphBuilder b, int ans, int[] args, int[] tangents) {
        return Zero.ID;
    }

    @Override
    public int[] vjp(GraphBuilder b, int ans, int[] args, int ct) {
        return new int[0];
    }

    /**
     * A Java literal for a double, with the non-finite values spelled as {@code Double}
     * constants through {@code $T}, so that JavaPoet qualifies {@code java.lang.Double} in a
     * generated class that is itself named {@code Double}.
     */
    public static CodeBlock javaLiteral(double v) {
        if (Double.isNaN(v)) {
            return CodeBlock.of("$T.NaN", Double.class);
        }
        if (Double.isInfinite(v)) {
            return CodeBlock.of(v > 0 ? "$T.POSITIVE_INFINITY" : "$T.NEGATIVE_INFINITY", Double.class);
        }
        return CodeBlock.of("$L", Double.toString(v));
    }
}
