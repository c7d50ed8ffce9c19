/**
 * Stage 4, emit: graphs to the Java source of one class.
 *
 * <p>Takes the scheduled primal and derivative graphs (and, for long sums, the loops of
 * {@code dev.fluxion.compiler.roll}) of a function, or a model's graph and its gradient.
 * {@link dev.fluxion.compiler.codegen.ClassEmitter} writes a {@code DifferentiableFunction}
 * whose methods are straight-line code, one final local per node with the subexpression it
 * computes in a comment ({@code MethodEmitter}, {@code LoopEmitter}, {@code RolledMethods});
 * {@link dev.fluxion.compiler.codegen.ModelEmitter} writes a {@code Model} whose tensor code is
 * loops over flat row-major buffers allocated once per instance ({@code ModelKernel}).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>the source is deterministic: the same program and options give byte-identical text
 *       (golden files and build caches rely on it);</li>
 *   <li>every identifier comes from JavaPoet's {@code NameAllocator}, every expression from
 *       the op table's emission with JavaPoet placeholders, never concatenated strings;</li>
 *   <li>no method exceeds HotSpot's 8,000-byte JIT limit or the JVM's 64 KB limit (large
 *       functions are split into several methods);</li>
 *   <li>the code is the conservative Java subset Janino compiles, and depends on the
 *       runtime jar alone.</li>
 * </ul>
 */
package dev.fluxion.compiler.codegen;
