/**
 * Stage 3, differentiate: a graph to a graph that also computes derivatives.
 *
 * <p>Takes a scheduled primal graph and the capabilities asked for.
 * {@link dev.fluxion.compiler.diff.Reverse} walks the node list backwards accumulating
 * adjoints (gradients, VJPs, a model's parameter gradient);
 * {@link dev.fluxion.compiler.diff.Forward} pushes tangents forwards, one direction or K at
 * once (JVPs, forward Jacobians); {@link dev.fluxion.compiler.diff.Derivatives} builds
 * every graph a generated class needs, the Hessian as forward over reverse.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>the traversals never name an op: each node's rule comes from its op
 *       ({@code Op.jvp}, {@code Op.vjp}), so a new op needs no change here;</li>
 *   <li>the result is a graph in the same form as the input (and simplified as it is
 *       built), so it can be differentiated again;</li>
 *   <li>symbolic zeros are skipped, so an input nobody depends on gets an exact 0 and no
 *       {@code 0*x} is built; a side of a choice ({@code if}) not taken contributes an exact 0
 *       even where its values are NaN or infinite ({@link dev.fluxion.compiler.diff.Sides});</li>
 *   <li>generated names follow the lecture's convention ({@link dev.fluxion.compiler.diff.Naming}:
 *       {@code v3}, tangent {@code dv3}, adjoint {@code bv3}).</li>
 * </ul>
 */
package dev.fluxion.compiler.diff;
