package dev.fluxion.tests.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.diag.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Item 5 of the issue: every bad input is a {@link CompileException} that says what is
 * wrong and where (line, column, a caret under the text), never another exception. The
 * exact wording is pinned by the golden files of {@code ErrorMessageGoldenTest}; these
 * tests pin the facts a wording change must keep.
 */
class BadInputTest {

    private static final Fluxion FLUXION = Fluxion.create();

    private static CompileException error(String source) {
        return assertThrows(CompileException.class, () -> FLUXION.translate(source, Options.defaults()), source);
    }

    private static CompileException error(String source, String... variables) {
        return assertThrows(CompileException.class,
                () -> FLUXION.translate(source, Options.defaults().withVariables(variables)), source);
    }

    private static Diagnostic first(CompileException e) {
        return e.diagnostics().get(0);
    }

    @Test
    void syntaxErrorHasLineColumnAndCaret() {
        CompileException e = error("fn f(x) {\n  y = x *\n  return y ^^ 2\n}");
        Diagnostic d = first(e);
        assertEquals(3, d.line());
        String[] lines = e.format().split("\n");
        assertTrue(lines[0].startsWith("<input>:3:" + d.column() + ": error: "), lines[0]);
        assertTrue(lines[1].endsWith("|   return y ^^ 2"), lines[1]);
        int caret = lines[2].indexOf('^');
        int text = lines[1].indexOf("return");
        assertEquals(text + d.column() - 3, caret, "the caret sits under column " + d.column() + ":\n" + e.format());
    }

    @Test
    void syntaxErrorOnTheOffendingToken() {
        Diagnostic d = first(error("x1 + (x2 * ) - 3"));
        assertEquals(1, d.line());
        assertEquals(12, d.column(), "the ')' where an operand was expected");
    }

    @Test
    void unknownFunctionSuggestsTheClosestName() {
        CompileException e = error("x + sigmod(x)");
        assertTrue(e.getMessage().contains("unknown function 'sigmod'"), e.getMessage());
        assertTrue(e.getMessage().contains("sigmoid"), "suggests sigmoid: " + e.getMessage());
        assertEquals(5, first(e).column());
        assertEquals(6, first(e).length(), "the caret covers the name");
    }

    @Test
    void wrongNumberOfArguments() {
        assertTrue(error("pow(x)").getMessage().contains("takes 2 arguments, got 1"));
        assertTrue(error("ln(x, 2)").getMessage().contains("takes 1 argument, got 2"));
    }

    /** In a function, a tensor function or attribute is refused with what to do (issue 18, item 7). */
    @Test
    void tensorFunctionsInAFunctionSayWhereTheyBelong() {
        assertEquals("'concat' is a tensor operation: use it in a model",
                first(error("fn f(x, y, z) { return concat(x, y, z) }")).message());
        assertEquals("'concat' is a tensor operation: use it in a model",
                first(error("fn f(x, y, z) { return concat(x, y, z, axis=0) }")).message());
        assertEquals("'sin' takes no attributes: sin(x)", first(error("fn f(x) { return sin(x, axis=0) }")).message());
        assertEquals("'max' takes no attributes: max(x, y)",
                first(error("fn f(x, y) { return max(x, y, axis=0) }")).message());
    }

    @Test
    void undefinedVariableInProgramNamesTheKnownOnes() {
        CompileException e = error("fn f(a, b) {\n  c = a + b\n  return c * d\n}");
        assertEquals(3, first(e).line());
        assertTrue(e.getMessage().contains("undefined variable 'd'"), e.getMessage());
    }

    @Test
    void everyFailingStatementIsReportedOnce() {
        // Two mistakes, in two statements; the third statement uses the failed 'c' and is not reported again.
        CompileException e = error("fn f(a, b) {\n  c = a + q\n  d = c * 2\n  g = sine(b)\n  return c + d + g\n}");
        assertEquals(2, e.diagnostics().size(), e.getMessage());
        assertEquals(2, e.diagnostics().get(0).line());
        assertTrue(e.diagnostics().get(0).message().contains("undefined variable 'q'"), e.getMessage());
        assertEquals(4, e.diagnostics().get(1).line());
        assertTrue(e.diagnostics().get(1).message().contains("unknown function 'sine'"), e.getMessage());
        // In a model too.
        CompileException m = assertThrows(CompileException.class, () -> FLUXION.compileModel("model m {\n"
                + "  input x[B, 2]\n  label y[B] of 2\n  param W[2, 2]\n  h = x @ V\n  logits = h @ W\n"
                + "  z = foo(x)\n  loss = mean(cross_entropy(logits, y))\n}\n"));
        assertEquals(2, m.diagnostics().size(), m.getMessage());
        assertEquals(5, m.diagnostics().get(0).line());
        assertEquals(7, m.diagnostics().get(1).line());
    }

    @Test
    void duplicatedVariableAndParameter() {
        assertTrue(error("fn f(a) {\n  c = a\n  c = 2\n  return c\n}").getMessage().contains("'c'"));
        assertTrue(error("fn f(a, a) { return a }").getMessage().contains("duplicate parameter 'a'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\n", "# just a comment", "\t# two\n# comments\n"})
    void emptyInput(String source) {
        assertTrue(error(source).getMessage().contains("empty input"), error(source).getMessage());
    }

    @Test
    void explicitVariableOrderErrors() {
        assertTrue(error("x*y", "x").getMessage().contains("undefined variable 'y'"));
        assertTrue(error("x*y", "x", "y", "y").getMessage().contains("duplicate variable 'y'"));
        assertTrue(error("x*y", "x", "y", "1x").getMessage().contains("invalid variable name"));
        assertTrue(error("x*y", "x", "y", "").getMessage().contains("invalid variable name"));
        assertTrue(error("x*y", "x", "y", "sin").getMessage().contains("sin"));
        assertTrue(error("fn f(a, b) { return a*b }", "a", "c").getMessage().contains("parameters of f"));
    }

    @Test
    void unbalancedAndStrayTokens() {
        error("(x + 1");
        error("x + 1)");
        error("x +");
        error("* x");
        error("x y");
        error("sin()");
        error("fn f(x) { return x } trailing");
        error("fn (x) { return x }");
        error("fn f(x) { }");
        error("1.2.3 * x");
    }
}
