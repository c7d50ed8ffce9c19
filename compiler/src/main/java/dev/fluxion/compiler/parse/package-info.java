/**
 * Stage 1, parse and lower: program text to IR.
 *
 * <p>Takes the text of a bare expression or of a file of definitions ({@code fn}s and
 * {@code model}s), the options that bind it (input order, sizes of array parameters, the
 * entry to compile) and a {@link dev.fluxion.compiler.ir.GraphBuilder} whose rules fold
 * constants as nodes are built. {@link dev.fluxion.compiler.parse.Frontend} runs the ANTLR
 * parser (on a thread with a large stack, since the parser is recursive descent), chooses
 * the entry ({@link dev.fluxion.compiler.parse.Definitions}: every model and every function
 * no other definition calls) and lowers it ({@code Lowering} for functions and
 * expressions, {@code ModelLowering} for models; calls of the file's functions are inlined
 * and tensor functions map to ops through {@code Library}). A function whose body reads an array
 * parameter whole (a tensor op on it) is lowered by {@code ModelLowering.lowerFunction} to the
 * tensor IR instead ({@link dev.fluxion.compiler.parse.Frontend#lowerFunction}): the one place
 * the back end is chosen, by the shape of what the body reads.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>every bad input is a {@link dev.fluxion.compiler.diag.CompileException} with
 *       line, column and the length of the offending text (a syntax error, an unknown
 *       function with a suggestion, a wrong argument count naming the signature, an
 *       undefined or duplicated name, a shape mismatch naming both shapes, recursion
 *       naming the cycle), never another exception;</li>
 *   <li>the result is a {@link dev.fluxion.compiler.ir.Program} (or, for a model or a function
 *       reading arrays whole, a {@link dev.fluxion.compiler.ir.ModelProgram} whose parameters
 *       are differentiated and whose inputs are data) with one input node per variable in
 *       input order, names resolved, every call checked against the op table, and common
 *       subexpressions already shared;</li>
 *   <li>lowering walks expressions with an explicit stack, so nesting tens of thousands deep
 *       does not grow the Java stack (inlining recurses once per call level, bounded by the
 *       number of functions, since recursion is rejected first).</li>
 * </ul>
 */
package dev.fluxion.compiler.parse;
