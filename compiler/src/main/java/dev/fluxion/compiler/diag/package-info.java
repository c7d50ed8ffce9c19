/**
 * Diagnostics: what a person reads when a program is wrong.
 *
 * <p>Takes the program text ({@link dev.fluxion.compiler.diag.SourceText}, with the name
 * errors give it) and positions found by the parser and the lowering. A
 * {@link dev.fluxion.compiler.diag.Diagnostic} is one message with a line, a column and
 * the length of the offending text; a {@link dev.fluxion.compiler.diag.CompileException}
 * carries one or more.
 *
 * <p>Guarantees: {@code CompileException.format()} gives
 * {@code file:line:column: error: message}, the source line and a caret under the text
 * (the form compilers, Maven and IDEs use); positions are 1-based, and the caret stays
 * within the line shown (a long line is cut around the error). The command line prints it and exits with status 2,
 * without a stack trace.
 */
package dev.fluxion.compiler.diag;
