/**
 * What generated code needs at run time, and nothing else: an application that uses
 * classes generated ahead of time ({@code fluxion gen}, the Maven plugin) depends on this
 * package only, not on the compiler.
 *
 * <p>{@link dev.fluxion.runtime.DifferentiableFunction} is the interface every generated
 * function implements: value, reverse-mode gradient and vector-Jacobian product,
 * forward-mode Jacobian-vector products, Jacobians and Hessians, all over caller-owned
 * {@code double[]} arrays so that a hot loop allocates nothing.
 * {@link dev.fluxion.runtime.Fn} holds the scalar functions {@link java.lang.Math} lacks
 * (sigmoid, softplus, erf) and the derivative helpers of the non-smooth ones (relu, abs,
 * max, min), which fix one convention for their non-differentiable points;
 * {@link dev.fluxion.runtime.Workspace} is the per-thread scratch buffer of functions too
 * large for one method; {@link dev.fluxion.runtime.Checks} and
 * {@link dev.fluxion.runtime.Names} are small helpers the generated code calls.
 *
 * <p>The subpackages train generated models ({@link dev.fluxion.runtime.model.Model}):
 * data loading, initializers, optimizers, the training loop, parameter files, plots and
 * gradient checking, with no dependency beyond the JDK.
 */
package dev.fluxion.runtime;
