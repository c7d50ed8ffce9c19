/**
 * The intermediate representation every stage reads and writes.
 *
 * <p>A {@link dev.fluxion.compiler.ir.Graph} is an immutable DAG kept as a list of
 * {@link dev.fluxion.compiler.ir.Node}s in topological order (SSA): each node has an
 * {@link dev.fluxion.compiler.ir.Op}, argument ids, an attribute and a
 * {@link dev.fluxion.compiler.ir.Shape} (a scalar is rank 0); named
 * {@link dev.fluxion.compiler.ir.Port}s say which nodes are inputs and outputs.
 * {@link dev.fluxion.compiler.ir.Program} and {@link dev.fluxion.compiler.ir.ModelProgram}
 * wrap a graph with its name and declarations.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>graphs are only built through {@link dev.fluxion.compiler.ir.GraphBuilder}, which
 *       hash-conses (the same op on the same arguments is one node), checks shapes, and lets
 *       the simplification rules that are on rewrite each application before it is built;</li>
 *   <li>{@link dev.fluxion.compiler.ir.Zero} is a value: a symbolic zero tangent or
 *       cotangent that derivative rules skip instead of building {@code 0*x};</li>
 *   <li>passes are loops over the node list, never recursion over expression depth;</li>
 *   <li>{@link dev.fluxion.compiler.ir.Printer} prints a graph in the surface syntax (a dump
 *       can be pasted back in), {@link dev.fluxion.compiler.ir.Schedule} orders it as the
 *       lecture numbers an evaluation trace, and {@link dev.fluxion.compiler.ir.Interpreter}
 *       and {@link dev.fluxion.compiler.ir.TensorInterpreter} evaluate it directly (the
 *       reference the generated code is tested against).</li>
 * </ul>
 * The IR names no op: the ops themselves are the table in {@code dev.fluxion.compiler.ops}.
 */
package dev.fluxion.compiler.ir;
