package dev.fluxion.tests.golden;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.tests.support.Golden;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What a person reads when a program is wrong ({@link CompileException#format()}: file,
 * line, column, message, the source line and a caret) is kept as golden files under
 * {@code golden/errors/}, one per kind of mistake.
 */
class ErrorMessageGoldenTest {

    /** A bad input: golden file stem, program, and the explicit variable order (or null). */
    record Bad(String name, String source, List<String> variables) {
        Bad(String name, String source) {
            this(name, source, null);
        }
    }

    static final List<Bad> CASES = List.of(
            new Bad("syntax_missing_operand", "ln(x1) + * x2"),
            new Bad("syntax_unclosed_parenthesis", "sin(x + 1"),
            new Bad("syntax_unexpected_parenthesis", "x + y)"),
            new Bad("syntax_bad_character", "x $ y"),
            new Bad("syntax_in_program_line_3", "fn f(x, y) {\n  z = x * y\n  w = z +\n  return w\n}\n"),
            new Bad("syntax_missing_return", "fn f(x) {\n  z = x * 2\n}\n"),
            new Bad("unknown_function_with_suggestion", "sine(x) + 1"),
            new Bad("unknown_function", "frobnicate(x)"),
            new Bad("wrong_arity_unary", "sin(x, y)"),
            new Bad("wrong_arity_binary", "max(x)"),
            new Bad("wrong_arity_none", "exp()"),
            new Bad("undefined_variable", "fn f(x) {\n  return x + y\n}\n"),
            new Bad("used_before_assignment", "fn f(x) {\n  a = b * x\n  b = 2\n  return a\n}\n"),
            new Bad("duplicated_variable", "fn f(x) {\n  z = x\n  z = 2*x\n  return z\n}\n"),
            new Bad("duplicated_parameter", "fn f(x, y, x) {\n  return x*y\n}\n"),
            new Bad("function_used_as_variable", "sin + 1"),
            new Bad("empty_input", ""),
            new Bad("only_a_comment", "   \n  # nothing here\n"),
            new Bad("variable_order_missing_a_variable", "x*y", List.of("x")),
            new Bad("variable_order_duplicate", "x*y", List.of("x", "y", "x")),
            new Bad("variable_order_invalid_name", "x*y", List.of("x", "y\"; System.exit(1); //")),
            new Bad("variable_order_constant", "x*y", List.of("x", "y", "pi")),
            new Bad("program_order_not_a_permutation", GoldenPrograms.NEURON, List.of("w0", "x0")));

    private static final Fluxion FLUXION = Fluxion.create();

    @TestFactory
    Stream<DynamicTest> errorMessagesMatchGoldenFiles() {
        return CASES.stream().map(b -> DynamicTest.dynamicTest(b.name(), () -> {
            Options o = b.variables() == null ? Options.defaults() : Options.defaults().withVariables(b.variables());
            CompileException e = assertThrows(CompileException.class, () -> FLUXION.translate(b.source(), o),
                    "expected a compile error for " + b.source());
            Golden.check("errors/" + b.name() + ".txt", e.format());
        }));
    }
}
