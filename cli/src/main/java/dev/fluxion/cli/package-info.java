/**
 * The {@code fluxion} command line tool: {@code diff}, {@code grad}, {@code trace},
 * {@code gen} and {@code check}, registered in {@link dev.fluxion.cli.Main#SUBCOMMANDS}.
 *
 * <p>Takes a program (an argument or {@code -f FILE}) and options; runs the compiler's
 * facade; formats what it returns. Nothing here differentiates: symbolic derivatives come
 * from {@link dev.fluxion.compiler.CompiledFunction#derivative}, traces from
 * {@link dev.fluxion.compiler.trace.Tracer}, generated Java from
 * {@link dev.fluxion.compiler.Compilation#javaSource}. Guarantees: bad input never shows a
 * stack trace; exit status 0 success, 1 internal error, 2 bad input or usage, 3 a failed
 * {@code check}; output is deterministic for the same arguments.
 */
package dev.fluxion.cli;
