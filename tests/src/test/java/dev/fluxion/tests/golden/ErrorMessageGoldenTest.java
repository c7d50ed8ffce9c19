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

    /** A bad input: golden file stem, program, the explicit variable order (or null) and entry (or null). */
    record Bad(String name, String source, List<String> variables, String entry) {
        Bad(String name, String source) {
            this(name, source, null, null);
        }

        Bad(String name, String source, List<String> variables) {
            this(name, source, variables, null);
        }

        Bad(String name, String source, String entry) {
            this(name, source, null, entry);
        }
    }

    /** Helpers: a square and a function of two values. */
    private static final String HELPERS = "fn sq(t) { return t*t }\nfn polar(r, t) {\n  return (r*cos(t), r*sin(t))\n}\n";

    static final List<Bad> CASES = List.of(
            new Bad("syntax_missing_operand", "ln(x1) + * x2"),
            new Bad("syntax_unclosed_parenthesis", "sin(x + 1"),
            new Bad("syntax_unexpected_parenthesis", "x + y)"),
            new Bad("syntax_bad_character", "x $ y"),
            new Bad("syntax_in_program_line_3", "fn f(x, y) {\n  z = x * y\n  w = z +\n  return w\n}\n"),
            new Bad("syntax_two_mistakes_two_lines", "fn f(x, y) {\n  a = x +* y\n  b = sin(x))\n  return a + b\n}\n"),
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
            new Bad("program_order_not_a_permutation", GoldenPrograms.NEURON, List.of("w0", "x0")),
            new Bad("wrong_arity_tensor_function", "model m {\n  input x[B, 4]\n  label y[B] of 4\n  param W[4, 4]\n"
                    + "  logits = x @ W\n  loss = sum(logits, 1)\n}\n"),
            new Bad("wrong_arity_reduction_in_a_function", "fn f(x, y) {\n  return sum(x, 1) + y\n}\n"),
            new Bad("helper_recursion_direct", "fn fact(n) {\n  return n * fact(n - 1)\n}\n"),
            new Bad("helper_recursion_mutual", "fn f(x) {\n  return g(x) + 1\n}\nfn g(y) {\n  return h(y) * 2\n}\n"
                    + "fn h(z) {\n  return f(z) - z\n}\n"),
            new Bad("helper_wrong_arity", HELPERS + "fn f(x, y) {\n  return sq(x, y)\n}\n", "f"),
            new Bad("helper_unknown_function", HELPERS + "fn f(x, y) {\n  return sqr(x) + y\n}\n", "f"),
            new Bad("helper_several_entries", "fn a(x) { return x }\nfn b(x) { return 2*x }\n"),
            new Bad("helper_unknown_entry", HELPERS + "fn f(x, y) {\n  return sq(x) + y\n}\n", "g"),
            new Bad("helper_tuple_in_expression", HELPERS + "fn f(x, y) {\n  return polar(x, y) + 1\n}\n", "f"),
            new Bad("helper_unpack_count", HELPERS + "fn f(x, y) {\n  a, b, c = polar(x, y)\n  return a\n}\n", "f"),
            new Bad("helper_unpack_not_a_call", HELPERS + "fn f(x, y) {\n  a, b = x + y\n  return a\n}\n", "f"),
            new Bad("helper_defined_twice", "fn f(x) { return x }\nfn f(y) { return y*y }\n"),
            new Bad("helper_named_like_a_builtin", "fn sin(x) { return x }\nfn f(y) {\n  return sin(y)\n}\n"),
            new Bad("helper_calls_a_model", "fn f(x) {\n  return m(x)\n}\nmodel m {\n  input x[B, 2]\n  param w[2]\n"
                    + "  loss = mean(x @ w)\n}\n", "f"),
            new Bad("helper_entry_is_a_model", "model m {\n  input x[B, 2]\n  param w[2]\n  loss = mean(x @ w)\n}\n"
                    + "fn f(x) { return x }\n", "m"));

    private static final Fluxion FLUXION = Fluxion.create();

    @TestFactory
    Stream<DynamicTest> errorMessagesMatchGoldenFiles() {
        return CASES.stream().map(b -> DynamicTest.dynamicTest(b.name(), () -> {
            Options o = (b.variables() == null ? Options.defaults() : Options.defaults().withVariables(b.variables()))
                    .withEntry(b.entry());
            CompileException e = assertThrows(CompileException.class, () -> {
                if (b.entry() == null) {
                    FLUXION.translateEntry(b.source(), o);  // the file's one entry, a function or a model
                } else {
                    FLUXION.translate(b.source(), o);       // compiled as a function, even where it is a model
                }
            },
                    "expected a compile error for " + b.source());
            Golden.check("errors/" + b.name() + ".txt", e.format());
        }));
    }
}
