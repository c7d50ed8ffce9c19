/**
 * Looking at a computation from outside the pipeline: its graph as a picture and its two
 * differentiation modes side by side.
 *
 * <p>Takes a compiled or lowered program; never changes it. Guarantees:
 * <ul>
 *   <li>{@link dev.fluxion.compiler.inspect.DotWriter} turns a graph into Graphviz DOT,
 *       byte-identical for the same program and options, with the adjoint nodes of reverse
 *       mode beside the forward nodes and values at a point when one is given;
 *       {@link dev.fluxion.compiler.inspect.Graphviz} renders DOT to SVG and PNG when the
 *       {@code dot} program is installed.</li>
 *   <li>{@link dev.fluxion.compiler.inspect.ModeComparison} computes the full Jacobian by
 *       forward and by reverse mode, reports how far apart they are, the operation counts
 *       and intermediate storage of the generated code, the measured time of each, and a
 *       recommendation; {@link dev.fluxion.compiler.inspect.Sweep} and
 *       {@link dev.fluxion.compiler.inspect.SweepChart} measure and draw both modes over a
 *       family of functions from R^m to R^n.</li>
 * </ul>
 * Everything a person reads is formatted with {@link java.util.Locale#ROOT}, so output does
 * not depend on the machine's locale.
 */
package dev.fluxion.compiler.inspect;
