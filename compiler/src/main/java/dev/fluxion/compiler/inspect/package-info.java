/**
 * Looking at a computation from outside the pipeline: its graph as a picture and its two
 * differentiation modes side by side.
 *
 * <p>Takes program text or a lowered graph; never changes what the pipeline generates.
 * Guarantees:
 * <ul>
 *   <li>{@link dev.fluxion.compiler.inspect.DotWriter} turns a graph into Graphviz DOT,
 *       byte-identical for the same program and options, with the adjoint nodes of reverse
 *       mode beside the forward nodes and values at a {@link dev.fluxion.compiler.inspect.Point}
 *       when one is given. Edge labels come from {@link dev.fluxion.compiler.inspect.LocalPartials}
 *       (the op table's own VJP rules) and adjoint values from
 *       {@link dev.fluxion.compiler.inspect.Adjoints}. {@link dev.fluxion.compiler.inspect.Lowered}
 *       gives the graph without differentiating or generating code;
 *       {@link dev.fluxion.compiler.inspect.Graphviz} renders DOT to SVG and PNG when the
 *       {@code dot} program is installed.</li>
 *   <li>{@link dev.fluxion.compiler.inspect.ModeComparison} computes the full Jacobian by
 *       forward and by reverse mode, reports how far apart they are, the operation counts
 *       and intermediate storage of the generated code ({@link dev.fluxion.compiler.inspect.ModeCost}),
 *       the time of each ({@link dev.fluxion.compiler.inspect.Timing}), and a recommendation;
 *       {@link dev.fluxion.compiler.inspect.Sweep} and
 *       {@link dev.fluxion.compiler.inspect.SweepChart} measure and draw both modes over a
 *       {@link dev.fluxion.compiler.inspect.Family} of functions from R^m to R^n.</li>
 * </ul>
 * Everything a person reads is formatted with {@link java.util.Locale#ROOT} and
 * {@link dev.fluxion.compiler.inspect.Numbers}, so output does not depend on the machine's locale.
 */
package dev.fluxion.compiler.inspect;
