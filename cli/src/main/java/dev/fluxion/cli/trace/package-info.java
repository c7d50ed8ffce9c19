/**
 * Renderings of a {@link dev.fluxion.compiler.trace.Trace}: aligned text, Markdown and
 * LaTeX. {@link dev.fluxion.cli.trace.Layout} decides what the cells say (definition, then
 * the values substituted and the result, as in the lecture's tables); a
 * {@link dev.fluxion.cli.trace.Style} decides how names and operators are spelled; the
 * renderers only arrange cells. No computation happens here.
 */
package dev.fluxion.cli.trace;
