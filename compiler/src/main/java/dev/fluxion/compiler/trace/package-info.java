/**
 * The lecture's three tables as data: the forward evaluation trace, the forward tangent
 * trace for one input and the reverse adjoint trace for one output, of a program at a
 * point.
 *
 * <p>Takes a {@link dev.fluxion.compiler.ir.Program} in lecture order (the one
 * {@link dev.fluxion.compiler.Compilation#parsed()} gives, node i named v{i}) and a point.
 * Guarantees: every row's formula is built by the op table itself (the evaluation row from
 * the op's notation, the tangent row from the op's JVP rule, the adjoint row from the
 * VJP rules of the node's consumers), and every value is computed by the ops' evaluation,
 * so the tables show what the compiler does, not a second description of it. Nothing
 * here names an op. Rendering (text, Markdown, LaTeX) is left to the caller.
 */
package dev.fluxion.compiler.trace;
