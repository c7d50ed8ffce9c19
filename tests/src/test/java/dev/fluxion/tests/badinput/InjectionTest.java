package dev.fluxion.tests.badinput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.jit.JavaCompiler;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Identifiers can never inject code into the generated class: text that tries to close
 * a string or a comment, unicode escapes (which javac decodes everywhere, comments
 * included), and names that are Java keywords or the names of the generated code's own
 * locals and types. Hostile text is either rejected with a {@link CompileException} or
 * compiles to a class that computes the right numbers, with both compilers.
 */
class InjectionTest {

    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    @ParameterizedTest
    @ValueSource(strings = {
        "x\"; System.exit(1); //",
        "x + \"\\u0022; System.exit(1); //\"",
        "x \\u0022",
        "x */ System.exit(1); /*",
        "x; System.exit(1)",
        "x + `y`",
        "x + y'",
        "x\u00e9 + 1",
        "x + \u0661"})
    void hostileTextIsRejectedAsACompileError(String source) {
        assertThrows(CompileException.class, () -> Fluxion.create().translate(source, Options.defaults()), source);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "x\"; System.exit(1); //", "\\u0022", "a*/b", "x\\u000aSystem", "x y", "x.y", "class;", "a\u00e9"})
    void hostileVariableNamesAreRejected(String name) {
        assertThrows(CompileException.class,
                () -> Fluxion.create().translate("x", Options.defaults().withVariables("x", name)), name);
    }

    @Test
    void hostileCommentsAndSourceNamesDoNotReachTheCode() {
        String source = "x * 2 # \\u000a System.exit(1); */ \" \\u0022\n";
        CompiledFunction f = Fluxion.create().compile(source,
                Options.defaults().withSourceName("evil\"; System.exit(1); /* \\u000a"));
        assertEquals(6, f.value(3), 0);
        assertFalse(f.javaSource().contains("System.exit"), "no text of a comment or source name in the code");
        assertFalse(f.javaSource().contains("\\u"), "no unicode escape in the code");
    }

    /** Java keywords, literals and the names generated code uses itself, as variables. */
    static final List<String> AWKWARD = List.of("class", "int", "this", "double", "new", "null", "true",
            "void", "static", "final", "goto", "const", "var", "record", "yield", "_x", "x", "y", "v0", "bv0", "dv0",
            "t0", "seed", "grad", "xbar", "i", "k", "Math", "Fn", "Checks", "Names", "String", "System", "java",
            "INPUT_NAMES", "hessian", "length", "Double", "Override");

    @ParameterizedTest
    @ValueSource(strings = {"janino", "javax.tools"})
    void keywordsAndGeneratedNamesWorkAsVariables(String compiler) {
        Fluxion fl = compiler.equals("janino") ? Fluxion.create() : Fluxion.using(JavaCompiler.javaxTools());
        // a sum of squares weighted by position: f = sum (k+1) * v_k^2, grad_k = 2 (k+1) v_k
        StringBuilder expr = new StringBuilder();
        double[] x = new double[AWKWARD.size()];
        double want = 0;
        double[] grad = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            expr.append(k == 0 ? "" : " + ").append(k + 1).append("*").append(AWKWARD.get(k)).append("^2");
            x[k] = 0.5 + 0.25 * k;
            want += (k + 1) * x[k] * x[k];
            grad[k] = 2 * (k + 1) * x[k];
        }
        CompiledFunction f = fl.compile(expr.toString(), ALL);
        assertEquals(AWKWARD, f.inputs());
        assertEquals(want, f.value(x), 1e-9 * want);
        assertArrayEquals(grad, f.gradient(x), 1e-9 * want);
        assertArrayEquals(grad, f.gradient(dev.fluxion.compiler.Mode.FORWARD, x), 1e-9 * want);
        assertEquals(x.length, f.hessian(x).length);
        assertArrayEquals(AWKWARD.toArray(new String[0]), f.generated().inputNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"class", "int", "Math", "Fn", "Checks", "Names", "String", "Double", "Object",
        "DifferentiableFunction", "Expression", "Override", "System", "java", "dev"})
    void programNamesThatClashWithJavaNamesStillCompile(String name) {
        String program = "fn " + name + "(class, int) {\n  this = class * sin(int)\n  return this + exp(class)\n}\n";
        CompiledFunction f = Fluxion.create().compile(program, ALL);
        double a = 0.7;
        double b = -1.1;
        assertEquals(a * Math.sin(b) + Math.exp(a), f.value(a, b), 1e-12);
        assertArrayEquals(new double[] {Math.sin(b) + Math.exp(a), a * Math.cos(b)}, f.gradient(a, b), 1e-12);
        assertEquals(-a * Math.sin(b), f.hessian(a, b)[1][1], 1e-12);
    }
}
