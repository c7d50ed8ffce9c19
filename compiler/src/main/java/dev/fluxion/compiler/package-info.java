/**
 * The compiler's public API: write a function as text, get back compiled code for its
 * value and derivatives.
 *
 * <p>{@link dev.fluxion.compiler.Fluxion} is the entry point.
 * {@link dev.fluxion.compiler.Fluxion#compile(String)} runs the whole pipeline (parse,
 * simplify, differentiate in forward and reverse mode, generate a Java class, compile it
 * in memory) and returns a {@link dev.fluxion.compiler.CompiledFunction}, whose methods
 * take and return plain arrays:
 *
 * <pre>{@code
 * CompiledFunction f = Fluxion.create().compile("ln(x1)+x1*x2-sin(x2)");
 * f.value(2, 5);          // 11.652071455223084
 * f.gradient(2, 5);       // [5.5, 1.7163378145367738], one reverse sweep
 * f.hessian(2, 5);        // [[-0.25, 1.0], [1.0, -0.9589242746631385]]
 * f.derivative("x1");     // "1/x1 + x2"
 * }</pre>
 *
 * <p>{@link dev.fluxion.compiler.Fluxion#compileEntry} compiles any entry of a file, a function
 * or a {@code model}, into the sealed {@link dev.fluxion.compiler.Compiled}
 * ({@link dev.fluxion.compiler.CompiledFunction} or {@link dev.fluxion.compiler.CompiledModel});
 * {@link dev.fluxion.compiler.Fluxion#translateEntry} stops at the Java source and returns the
 * sealed {@link dev.fluxion.compiler.Pipeline} ({@link dev.fluxion.compiler.Compilation} or
 * {@link dev.fluxion.compiler.ModelCompilation}), every stage kept. Callers that handle both kinds
 * dispatch with their {@code accept(Visitor)}, never by asking which kind they hold.
 *
 * <p>{@link dev.fluxion.compiler.Options} controls the input order, which derivatives are
 * generated up front, the generated class's name and the simplification rules;
 * {@link dev.fluxion.compiler.Mode} chooses between forward mode (one pass per input) and
 * reverse mode (one sweep per output); {@link dev.fluxion.compiler.CompiledFunction#jacobianSparse}
 * and {@link dev.fluxion.compiler.CompiledFunction#hessianSparse} give sparse Jacobians and
 * Hessians by graph coloring, reported by {@link dev.fluxion.compiler.Sparsity}
 * ({@code docs/sparse.md}); {@link dev.fluxion.compiler.Compilation} exposes
 * every stage of the pipeline and the generated source, which is what build-time
 * generation writes. The other packages are the pipeline's stages; they are public so the
 * command-line tool and the Maven plugin can use them, not as a stable API.
 *
 * <p>{@code docs/tutorial.md} walks through the same example step by step.
 */
package dev.fluxion.compiler;
