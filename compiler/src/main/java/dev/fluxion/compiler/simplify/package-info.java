/**
 * Stage 2, simplify: a graph to an equivalent, smaller and numerically stabler graph.
 *
 * <p>Takes a graph from lowering or differentiation, a function's or a model's alike (a model's
 * program before reverse mode, its gradient graph after; elementwise tensor ops are the scalar ops
 * per element, so every rule applies to tensor nodes), and a
 * {@link dev.fluxion.compiler.simplify.RuleSet}. Rules are small and named, each with its
 * identity as its comment, in phases ({@link dev.fluxion.compiler.simplify.Phase}: FOLD and
 * CANONICALIZE run as nodes are built, folding constants and dropping {@code x*1},
 * {@code x+0}; STABILIZE replaces unstable forms, e.g. log(sigmoid x) as −softplus(−x);
 * SPECIALIZE picks cheaper ones, e.g. x^0.5 as sqrt x); {@code RuleSet.without} switches
 * rules off.
 *
 * <p>Guarantees ({@link dev.fluxion.compiler.simplify.Simplifier}): each phase is iterated
 * to a fixed point of the node count; the result computes the same values (up to
 * floating-point rounding where a rule is a stabler form); common subexpressions are shared
 * and nothing unreachable from an output remains; a rewrite that would change a node's shape
 * is refused.
 */
package dev.fluxion.compiler.simplify;
