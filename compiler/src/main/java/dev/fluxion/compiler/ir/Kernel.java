package dev.fluxion.compiler.ir;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.runtime.tensor.Precision;

/**
 * What an op's tensor emission sees of the generated class: the buffers of its result
 * and arguments (flat row-major {@code double[]}), their shapes, the extent of every
 * dimension as a Java expression (a literal, or {@code batch} for B), fresh local names,
 * and the code it appends to. Ops write loops; the code generator decides where buffers
 * live and when they are allocated.
 */
public interface Kernel {

    /** The node being emitted (its op, attribute and argument ids). */
    Node node();

    /** Shape of the result. */
    default Shape outShape() {
        return node().shape();
    }

    /** Shape of argument {@code k}. */
    Shape argShape(int k);

    /** The result buffer. */
    CodeBlock out();

    /** The buffer of argument {@code k}. */
    CodeBlock arg(int k);

    /** The value of argument {@code k} if it is a constant node, else null. */
    Double constant(int k);

    /** The extent of dimension {@code axis} of {@code s} (negative counts from the end). */
    default CodeBlock dim(Shape s, int axis) {
        int d = s.dim(axis);
        return d == Shape.BATCH ? CodeBlock.of("batch") : CodeBlock.of("$L", d);
    }

    /** The number of elements of {@code s}, as an int expression. */
    default CodeBlock size(Shape s) {
        return product(s, 0, s.rank());
    }

    /** The product of dimensions {@code from} (inclusive) to {@code to} (exclusive) of {@code s}. */
    default CodeBlock product(Shape s, int from, int to) {
        return extent(s, from, to);
    }

    /**
     * The product of dimensions {@code from} to {@code to} of {@code s} as an int expression
     * over {@code batch}: {@code batch} once for every B among them ({@code [B, B, 3]} gives
     * {@code batch * batch * 3}), times the product of the others.
     */
    static CodeBlock extent(Shape s, int from, int to) {
        long stat = 1;
        int batches = 0;
        for (int i = from; i < to; i++) {
            if (s.dim(i) == Shape.BATCH) {
                batches++;
            } else {
                stat *= s.dim(i);
            }
        }
        if (batches == 0) {
            return CodeBlock.of("$L", stat);
        }
        CodeBlock.Builder b = CodeBlock.builder();
        for (int i = 0; i < batches; i++) {
            b.add(i == 0 ? "batch" : " * batch");
        }
        if (stat != 1) {
            b.add(" * $L", stat);
        }
        return b.build();
    }

    /** The number of elements of {@code s} as an int expression over {@code batch}. */
    static CodeBlock extent(Shape s) {
        return extent(s, 0, s.rank());
    }

    /** The arithmetic the model's matrix products may use (the compile option; see {@code MatMul}). */
    Precision matmulPrecision();

    /** A fresh local variable name starting with {@code hint}. */
    String local(String hint);

    /** The code the op appends its statements to. */
    CodeBlock.Builder code();
}
