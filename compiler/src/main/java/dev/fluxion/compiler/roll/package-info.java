/**
 * Re-rolling: long sums written out term by term become loops. {@link
 * dev.fluxion.compiler.roll.Rolling#find} looks through every signed sum of a scalar
 * function ({@code SumTree}, by the op table's {@code sumSigns}), groups its terms by
 * structure ({@code TermShape}), finds runs whose inputs sit at affine positions
 * ({@code Runs}), and builds for each trip count a {@link dev.fluxion.compiler.roll.Loop}
 * with a value template and a gradient template (ordinary graphs, from the same reverse
 * mode and simplification as everything else), plus the residual function with each loop
 * sum as an input. The code generator turns a Loop into a {@code for} loop. {@link
 * dev.fluxion.compiler.roll.Tangents} adds the forward-mode templates (each loop's JVP, the
 * JVP of its gradient template) for the tangent and Hessian methods.
 */
package dev.fluxion.compiler.roll;
