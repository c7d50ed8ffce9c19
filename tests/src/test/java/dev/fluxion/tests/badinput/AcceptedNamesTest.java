package dev.fluxion.tests.badinput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.codegen.ClassNames;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.diag.Diagnostic;
import dev.fluxion.compiler.jit.JavaCompiler;
import dev.fluxion.compiler.parse.Frontend;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.model.Model;
import java.util.EnumSet;
import javax.lang.model.SourceVersion;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 18, item 4: every name the grammar accepts either maps to a valid Java name, the
 * same every time, or is refused with its line and column. Decisions: names are ASCII
 * ({@code [A-Za-z_][A-Za-z_0-9]*}; anything else is a bad character at its position); a name
 * has at most {@link Frontend#MAX_NAME_CHARS} characters (file names and the class file's
 * string limit); a program name that would give a class name starting with a digit gets
 * {@code Fn} in front ({@code _0} is {@code Fn0}); Java keywords and names that differ only
 * by case are fine inside one class (no generated name becomes a file but the class itself).
 */
class AcceptedNamesTest {

    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    private static Fluxion fluxion(String compiler) {
        return compiler.equals("janino") ? Fluxion.create() : Fluxion.using(JavaCompiler.javaxTools());
    }

    @Test
    void classNamesOfAwkwardProgramNames() {
        assertEquals("Fn0", ClassNames.ofFunction("_0"));
        assertEquals("Fn1a", ClassNames.ofFunction("_1a"));
        assertEquals("Fn9", ClassNames.ofFunction("__9"));
        assertEquals("Fn0X", ClassNames.ofFunction("_0_x"));
        assertEquals("Expression", ClassNames.ofFunction("_"));
        assertEquals("Expression", ClassNames.ofFunction("___"));
        assertEquals("Expression", ClassNames.ofFunction("f"));
        assertEquals("Class", ClassNames.ofFunction("class"));
        assertEquals("SigmoidNeuron", ClassNames.ofFunction("sigmoid_neuron"));
        assertEquals("_0Model", ClassNames.ofModel("_0"));
        assertEquals("_Model", ClassNames.ofModel("_"));
        assertEquals("ClassModel", ClassNames.ofModel("class"));
    }

    /** Any name of the grammar gives a Java class name, for a function and for a model. */
    @Property(tries = 300)
    void everyGrammarNameGivesAClassName(@ForAll @AlphaChars @NumericChars @Chars({'_'}) @StringLength(min = 1, max = 30)
                                         String tail, @ForAll @AlphaChars @Chars({'_'}) char head) {
        String name = head + tail;
        for (String cls : new String[] {ClassNames.ofFunction(name), ClassNames.ofModel(name), ClassNames.camelCase(name)}) {
            assertTrue(SourceVersion.isIdentifier(cls) && !SourceVersion.isKeyword(cls), name + " -> " + cls);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"_0", "_1a", "__9", "_", "_0_", "class", "int", "this", "true", "null", "goto", "var",
        "record", "yield", "Double", "java", "A0"})
    void awkwardProgramNamesCompile(String name) {
        for (String compiler : new String[] {"janino", "javax.tools"}) {
            CompiledFunction f = fluxion(compiler).compile("fn " + name + "(x) { return x * x + x/0 }", ALL);
            assertEquals(Double.POSITIVE_INFINITY, f.value(3), 0, name);
            assertEquals(ClassNames.ofFunction(name), f.compilation().className());
            CompiledFunction g = fluxion(compiler).compile("fn " + name + "(x) { return x * sin(x) }", ALL);
            assertEquals(Math.sin(2) + 2 * Math.cos(2), g.gradient(Mode.FORWARD, 2)[0], 1e-12, name);
            CompiledModel m = fluxion(compiler).compileModel("model " + name + " {\n input x[B, 2]\n param w[2]\n"
                    + " loss = sum(x * w)\n}\n");
            assertEquals(ClassNames.ofModel(name), m.compilation().className());
            Model model = m.newModel();
            model.parameters()[0][0] = 2;
            assertEquals(2 * 0.5, model.loss(new double[][] {{0.5, 0.25}}, 1), 0, name);
        }
    }

    /** Variables differing only by case, keywords, and {@code _} alone, in a function and in a model. */
    @ParameterizedTest
    @ValueSource(strings = {"janino", "javax.tools"})
    void caseKeywordsAndUnderscoreAsVariables(String compiler) {
        CompiledFunction f = fluxion(compiler).compile(
                "fn f(x, X, _, class) {\n  int = x * X\n  Int = _ + class\n  INT = int * Int\n  return INT + _\n}\n", ALL);
        double[] p = {2, 3, 5, 7};
        assertEquals(2 * 3 * (5 + 7) + 5, f.value(p), 0);
        assertArrayEquals(new double[] {3 * 12, 2 * 12, 6 + 1, 6}, f.gradient(p), 0);
        CompiledModel m = fluxion(compiler).compileModel("model m {\n input x[B, 2]\n input X[B, 2]\n param w[2]\n param W[2]\n"
                + " param _[2]\n h = x * w + X * W\n H = h * _\n loss = sum(H) + sum(h)\n}\n");
        Model model = m.newModel();
        model.parameters()[0][0] = 1;
        model.parameters()[1][1] = 2;
        model.parameters()[2][0] = 3;
        double loss = model.lossAndGradient(new double[][] {{1, 1}, {1, 1}}, 1);
        assertEquals(1 * 3 + 1 + 2, loss, 0);
    }

    private static Diagnostic refused(String source) {
        CompileException e = assertThrows(CompileException.class,
                () -> Fluxion.create().translateEntry(source, Options.defaults()), source.length() > 80 ? "long" : source);
        return e.diagnostics().get(0);
    }

    @Test
    void namesLongerThanTheLimitAreRefusedWhereTheyAre() {
        String ok = "a".repeat(Frontend.MAX_NAME_CHARS - 1);
        String tooLong = "b".repeat(Frontend.MAX_NAME_CHARS + 1);
        CompiledFunction f = Fluxion.create().compile("fn " + ok + "(" + ok + "x) {\n " + ok + "y = " + ok + "x * 2\n return "
                + ok + "y\n}", ALL);
        assertEquals(8, f.value(4), 0);
        String huge = "n".repeat(65_514);
        Diagnostic d = refused("fn " + huge + "(x) { return x }");
        assertEquals(1, d.line());
        assertEquals(4, d.column());
        assertTrue(d.message().contains("at most " + Frontend.MAX_NAME_CHARS), d.message());
        d = refused("fn f(x) {\n  " + tooLong + " = x\n  return x\n}");
        assertEquals(2, d.line());
        assertEquals(3, d.column());
        d = refused("fn f(x, " + tooLong + ") {\n  return x\n}");
        assertEquals(9, d.column());
        d = refused("x + " + tooLong);
        assertEquals(5, d.column());
        d = refused("model m {\n input x[B, 2]\n param " + tooLong + "[2]\n loss = sum(x)\n}");
        assertEquals(3, d.line());
        assertEquals(8, d.column());
        d = refused("model " + tooLong + " {\n input x[B, 2]\n param w[2]\n loss = sum(x * w)\n}");
        assertEquals(7, d.column());
        d = refused("model m {\n input x[B, 2]\n param w[2] init " + tooLong + "\n loss = sum(x * w)\n}");
        assertEquals(3, d.line());
        CompileException e = assertThrows(CompileException.class,
                () -> Fluxion.create().translate("x", Options.defaults().withVariables("x", tooLong)));
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.defaults().withClassName("C".repeat(241)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00e9", "\u03b1", "\u0301", "\u0000", "\u0007", "\u200b", "\ud83d\ude00"})
    void nonAsciiAndControlCharactersAreRefusedWhereTheyAre(String bad) {
        Diagnostic d = refused("fn f(x) {\n  y" + bad + " = x\n  return x\n}");
        assertEquals(2, d.line());
        assertEquals(4, d.column(), d.message());
        d = refused("model m" + bad + " {\n input x[B, 2]\n loss = sum(x)\n}");
        assertEquals(1, d.line());
        assertEquals(8, d.column(), d.message());
    }
}
