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
 * JVP of its gradient template) for the tangent and Hessian methods. Sums and {@code for} loops
 * that lowering kept as loops ({@code ir.LoopSum}, {@code ir.Scan}) enter through
 * {@link dev.fluxion.compiler.roll.Rolling#of}; a scan's templates (its body, the body's VJP with
 * the values its backward loop reads from a tape, the body's JVP and the JVP of its VJP) are a
 * {@link dev.fluxion.compiler.roll.ScanLoop}. {@link dev.fluxion.compiler.roll.Expansion} writes
 * both out again for what shows the program term by term.
 *
 * <p>Takes the simplified, scheduled primal of a scalar function (its loop sums and scans kept, or
 * its long sums written out) and the rules. Guarantees: every loop's templates are ordinary
 * graphs differentiated and simplified by the same stages as the rest; the residual reads each
 * loop's sum (or a scan's final carries) as an input of port {@code s} and nothing of a loop's
 * body; the value, the gradient, the tangents and H·v of the rolled form are those of the
 * written-out program up to the order of additions (a checkpointed scan's gradient bit for bit
 * the plain one's); a sum or loop that cannot be rolled is left written out, never rejected
 * (except a gather, which has no written-out form, and is reported by lowering).
 */
package dev.fluxion.compiler.roll;
