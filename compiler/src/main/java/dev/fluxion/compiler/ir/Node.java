package dev.fluxion.compiler.ir;

import java.util.Arrays;
import java.util.Objects;

/**
 * One node of the IR: an op applied to earlier nodes (by id), with an attribute (a
 * constant's value, an input's position) and a shape. Immutable; its id is its index in
 * the {@link Graph}.
 */
public final class Node {

    private final Op op;
    private final int[] args;
    private final Object attr;
    private final Shape shape;
    private final int hash;

    Node(Op op, int[] args, Object attr, Shape shape) {
        this.op = Objects.requireNonNull(op, "op");
        this.args = args.clone();
        this.attr = attr;
        this.shape = Objects.requireNonNull(shape, "shape");
        this.hash = 31 * (31 * op.hashCode() + Arrays.hashCode(args)) + Objects.hashCode(attr);
    }

    public Op op() {
        return op;
    }

    public int arity() {
        return args.length;
    }

    /**
     * A generous estimate of the bytecode of the statement computing this node from its
     * operands (a local assigned from locals or array reads, a method call for ops written
     * as calls): what the code generator and the loop re-roller count to keep every method
     * under HotSpot's 8,000-byte JIT limit.
     */
    public int statementBytes() {
        return 16 + 12 * args.length + (op.notation().kind() == Notation.Kind.CALL ? 3 : 0);
    }

    public int arg(int i) {
        return args[i];
    }

    /** A copy of the argument ids. */
    public int[] args() {
        return args.clone();
    }

    public Object attr() {
        return attr;
    }

    public Shape shape() {
        return shape;
    }

    /** Structural identity, used for hash-consing: same op, same args, same attribute. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Node n && n.hash == hash && n.op == op && Arrays.equals(n.args, args)
                && Objects.equals(n.attr, attr);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return op.name() + Arrays.toString(args) + (attr == null ? "" : "{" + attr + "}");
    }
}
