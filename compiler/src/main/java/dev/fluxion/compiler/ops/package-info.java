/**
 * The op table: every operation of the language, each declared once with everything about
 * it side by side (name and arity, shape rule, evaluation, derivative rule, Java emission).
 *
 * <p>Takes nothing from the other stages; every stage takes its knowledge of ops from here.
 * {@link dev.fluxion.compiler.ops.OpTable} lists the families explicitly (no registration
 * as a side effect of class loading): the scalar ops ({@code Arithmetic}, {@code Elementary},
 * {@code Hyperbolic}, {@code InverseTrig}, {@code Stable}, {@code GammaFunctions},
 * {@code Activations}, {@code Rounding}, {@code Logic}), elementwise on tensors with
 * broadcasting, and the tensor ops ({@code Reductions}, {@code Softmax}, {@code Losses},
 * {@code LinearAlgebra}, {@code Einsum}, {@code NeuralNet}, {@code Shapes}).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>a derivative rule is a local partial derivative per argument or a JVP with its
 *       transpose (linear ops), built from ops of the table, so it can be differentiated
 *       again (a Hessian is forward over reverse);</li>
 *   <li>forward and reverse mode read the same entry, so the two agree at every point,
 *       non-smooth points included (one documented convention: relu'(0) = 0, abs'(0) = 0,
 *       ties of max and min to the first argument, 0 at the jumps of piecewise-constant ops);</li>
 *   <li>every op has a row in the op-table-driven tests ({@code OpTableTest} for the scalar
 *       ops, {@code TensorOpTest} for the tensor ops), which fail when an op has no row or a
 *       row names no op.</li>
 * </ul>
 */
package dev.fluxion.compiler.ops;
