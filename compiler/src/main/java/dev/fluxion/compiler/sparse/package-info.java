/**
 * Sparse Jacobians and Hessians: the sparsity pattern read from the IR, graph colorings that
 * group the columns (or rows) whose products can be computed together, and the recovery of
 * every entry from the compressed products.
 *
 * <p>Takes a lowered program of scalar nodes (a {@code fn}, its arrays expanded element by
 * element) and a generated {@code DifferentiableFunction}. {@link dev.fluxion.compiler.sparse.Dependencies}
 * finds the pattern (the Hessian's from the gradient graph);
 * {@link dev.fluxion.compiler.sparse.Coloring} colors columns or rows at distance 2 and
 * {@link dev.fluxion.compiler.sparse.StarColoring} colors the columns of a symmetric pattern;
 * {@link dev.fluxion.compiler.sparse.Recovery} says where each entry is read;
 * {@link dev.fluxion.compiler.sparse.JacobianPlan} and {@link dev.fluxion.compiler.sparse.HessianPlan}
 * put them together, once per function, and evaluate at a point.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>the pattern holds every entry that can be non-zero: a partial is treated as zero only
 *       where the op table says so ({@code Op.zeroPartial}), never by naming an op, and both
 *       sides of a choice count;</li>
 *   <li>colorings are checked before use (no two columns of a color share a row; a star
 *       coloring lets every entry be read directly), so a recovered entry is the exact entry of
 *       one product, never a difference or a solve;</li>
 *   <li>everything is computed with loops and explicit stacks, never recursion over expression depth.</li>
 * </ul>
 */
package dev.fluxion.compiler.sparse;
