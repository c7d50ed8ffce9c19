package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.NameAllocator;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Kernel;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.runtime.tensor.Precision;

/**
 * The {@link Kernel} an op emits into when the model emitter generates the method of one
 * node: buffers are locals copied from the instance's fields at the top of the method
 * (so the JIT keeps them in registers), and fresh names come from a copy of the class's
 * name allocator, so they cannot clash with a field.
 */
final class ModelKernel implements Kernel {

    private final Graph g;
    private final int id;
    private final String[] buffers;
    private final NameAllocator names;
    private final Precision precision;
    /** The buffer the kernel writes: the node's own, or (for a fused update) a parameter's. */
    private final String out;
    private final CodeBlock.Builder code = CodeBlock.builder();
    private int counter;

    /**
     * @param buffers the field name of every node's buffer (inputs, parameters and constants included)
     * @param names   the class's allocator; cloned, so locals are fresh for this method only
     * @param precision the arithmetic of matrix products (the compile option)
     */
    ModelKernel(Graph g, int id, String[] buffers, NameAllocator names, Precision precision) {
        this(g, id, buffers, names, precision, buffers[id]);
    }

    /** The same writing into the field {@code out} instead of the node's buffer. */
    ModelKernel(Graph g, int id, String[] buffers, NameAllocator names, Precision precision, String out) {
        this.g = g;
        this.precision = precision;
        this.id = id;
        this.buffers = buffers;
        this.names = names.clone();
        this.out = out;
    }

    @Override
    public Precision matmulPrecision() {
        return precision;
    }

    @Override
    public Node node() {
        return g.node(id);
    }

    @Override
    public Shape argShape(int k) {
        return g.node(node().arg(k)).shape();
    }

    @Override
    public CodeBlock out() {
        return CodeBlock.of("$N", out);
    }

    @Override
    public CodeBlock arg(int k) {
        return CodeBlock.of("$N", buffers[node().arg(k)]);
    }

    @Override
    public Double constant(int k) {
        Node a = g.node(node().arg(k));
        return a.op() == Leaf.CONST ? (Double) a.attr() : null;
    }

    @Override
    public String local(String hint) {
        return Identifiers.variable(names, hint, new Object[] {"local", counter++});
    }

    @Override
    public CodeBlock.Builder code() {
        return code;
    }
}
