package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.tensor.Precision;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * {@code fluxion gen}: the class it writes is the one the API compiles, and the JUnit test
 * {@code --with-test} writes compiles with javac and passes against it, and fails against
 * a class whose gradient is wrong.
 */
class GenTest {

    private static final String LECTURE = "ln(x1)+x1*x2-sin(x2)";

    @Test
    void writesTheSourceTheApiCompiles() {
        Cli.Result r = Cli.run("gen", LECTURE, "--package", "demo", "--class", "Lecture");
        assertEquals(0, r.status(), r.err());
        String expected = Fluxion.create().translate(LECTURE, Options.defaults().withPackage("demo").withClassName("Lecture"))
                .javaSource();
        assertEquals(expected, r.out());
    }

    @Test
    void entryChoosesTheFunctionOrModelOfAFileOfSeveral(@TempDir Path dir) throws IOException {
        String file = "fn sq(t) { return t*t }\nfn ring(r, w) { return sq(r + w) - sq(r) }\n"
                + "model fit {\n input x[B, 2]\n param w[2]\n loss = mean(sq(x @ w))\n}\n";
        Path f = dir.resolve("shapes.flx");
        Files.writeString(f, file);
        Cli.Result several = Cli.run("grad", "-f", f.toString(), "--at", "1,2");
        assertEquals(2, several.status(), several.err());
        assertTrue(several.err().contains("this file has 2 entries (ring, fit): choose one with --entry NAME"), several.err());
        Cli.Result ring = Cli.run("grad", "-f", f.toString(), "--entry", "ring", "--at", "1,2");
        assertEquals(0, ring.status(), ring.err());
        assertTrue(ring.out().contains("y = 8\n"), ring.out());
        Cli.Result helper = Cli.run("diff", "-f", f.toString(), "--entry", "sq");
        assertEquals(0, helper.status(), helper.err());
        assertEquals("dy/dt = 2*t\n", helper.out());
        Cli.Result model = Cli.run("gen", "-f", f.toString(), "--entry", "fit");
        assertEquals(0, model.status(), model.err());
        assertEquals(Fluxion.create().translateModel(file, Options.defaults().withEntry("fit")
                .withSourceName(f.toString())).javaSource(), model.out());
        Cli.Result unknown = Cli.run("gen", "-f", f.toString(), "--entry", "nope");
        assertEquals(2, unknown.status(), unknown.err());
        assertTrue(unknown.err().contains("there is no function or model 'nope' in this file; its entries are ring, fit "
                + "(helper functions: sq)"), unknown.err());
    }

    @Test
    void writesAModelsClassToo(@TempDir Path dir) throws IOException {
        String mlp = "model mlp {\n input x[B, 4]\n label y[B] of 3\n param W[4, 3] init he_uniform\n"
                + " loss = mean(cross_entropy(x @ W, y))\n}\n";
        Path file = dir.resolve("mlp.flx");
        Files.writeString(file, mlp);
        Path out = dir.resolve("MlpNet.java");
        Cli.Result r = Cli.run("gen", "-f", file.toString(), "--package", "demo", "-o", out.toString());
        assertEquals(0, r.status(), r.err());
        String expected = Fluxion.create().translateModel(mlp, Options.defaults().withPackage("demo")
                .withClassName("MlpNet").withSourceName(file.toString())).javaSource();
        assertEquals(expected, Files.readString(out));
        assertTrue(expected.contains("public final class MlpNet implements Model"), expected);
        Cli.Result f32 = Cli.run("gen", mlp, "--matmul-precision", "float32");
        assertEquals(0, f32.status(), f32.err());
        assertEquals(Fluxion.create().translateModel(mlp, Options.defaults().withMatmulPrecision(Precision.FLOAT32))
                .javaSource(), f32.out());
        assertTrue(f32.out().contains("Precision.FLOAT32"), f32.out());
        Cli.Result function = Cli.run("gen", LECTURE, "--matmul-precision", "float32");
        assertEquals(2, function.status(), function.err());
        assertEquals("fluxion: --matmul-precision applies to a model (model name { ... }), not to a function\n",
                function.err());
        Cli.Result refused = Cli.run("gen", mlp, "--with-test", dir.toString(), "--no-loops");
        assertEquals(2, refused.status(), refused.err());
        assertEquals("fluxion: --no-loops, --with-test apply to functions, not to a model (model name { ... })\n",
                refused.err());
    }

    /** {@code --capabilities hessian} gives a model its forward-mode methods; jacobian is for functions. */
    @Test
    void aModelTakesJvpAndHessianCapabilities() {
        String mlp = "model mlp {\n input x[B, 4]\n label y[B] of 3\n param W[4, 3] init he_uniform\n"
                + " loss = mean(cross_entropy(x @ W, y))\n}\n";
        Cli.Result r = Cli.run("gen", mlp, "--capabilities", "value,gradient,hessian");
        assertEquals(0, r.status(), r.err());
        assertEquals(Fluxion.create().translateModel(mlp, Options.defaults().withCapabilities(java.util.EnumSet.of(
                dev.fluxion.runtime.DifferentiableFunction.Capability.GRADIENT,
                dev.fluxion.runtime.DifferentiableFunction.Capability.HESSIAN))).javaSource(), r.out());
        assertTrue(r.out().contains("public double[][] hessianVector("), r.out());
        Cli.Result jacobian = Cli.run("gen", mlp, "--capabilities", "jacobian");
        assertEquals(2, jacobian.status(), jacobian.err());
        assertEquals("fluxion: --capabilities jacobian applies to functions: a model has one output, its loss "
                + "(a model takes value, gradient, jvp and hessian)\n", jacobian.err());
    }

    @Test
    void longSumsAreLoopsUnlessToldOtherwise() {
        StringBuilder sum = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sum.append(i == 0 ? "" : " + ").append("sin(x").append(i).append(")^2");
        }
        Cli.Result loops = Cli.run("gen", sum.toString());
        assertEquals(0, loops.status(), loops.err());
        assertTrue(loops.out().contains("private void valueLoop1("), loops.out());
        Cli.Result straight = Cli.run("gen", sum.toString(), "--no-loops");
        assertEquals(0, straight.status(), straight.err());
        assertEquals(Fluxion.create().translate(sum.toString(), Options.defaults().withLoops(false)).javaSource(),
                straight.out());
        assertTrue(!straight.out().contains("valueLoop1"), straight.out());
    }

    @Test
    void generatedTestCompilesAndPasses(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/demo/Lecture.java");
        Cli.Result r = Cli.run("gen", LECTURE, "-o", src.toString(), "--package", "demo", "--class", "Lecture",
                "--with-test", dir.resolve("test").toString());
        assertEquals(0, r.status(), r.err());
        Path test = dir.resolve("test/demo/LectureTest.java");
        assertTrue(Files.exists(test), r.err());
        runGeneratedTest(dir, src, test, "demo.LectureTest");
    }

    @Test
    void generatedTestOfSeveralOutputsPasses(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("Polar.java");
        Cli.Result r = Cli.run("gen", "fn polar(r, t) { return (r*cos(t), r*sin(t)) }", "-o", src.toString(),
                "--package", "", "--capabilities", "value,jacobian", "--with-test", dir.resolve("test").toString());
        assertEquals(0, r.status(), r.err());
        runGeneratedTest(dir, src, dir.resolve("test/PolarTest.java"), "PolarTest");
    }

    @Test
    void generatedTestCatchesAWrongGradient(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/demo/Lecture.java");
        Cli.run("gen", LECTURE, "-o", src.toString(), "--package", "demo", "--class", "Lecture",
                "--with-test", dir.resolve("test").toString());
        String code = Files.readString(src);
        String broken = code.replace("grad[0] = bv0;", "grad[0] = bv0 * 1.001;");
        assertTrue(!broken.equals(code), "the gradient statement to break was not found");
        Files.writeString(src, broken);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> runGeneratedTest(dir, src, dir.resolve("test/demo/LectureTest.java"), "demo.LectureTest"));
        assertTrue(e.getMessage().contains("dy/dx1"), e.getMessage());
    }

    @Test
    void classIsNamedAfterTheOutputFile(@TempDir Path dir) throws IOException {
        Path src = dir.resolve("Lecture.java");
        Cli.Result r = Cli.run("gen", LECTURE, "-o", src.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(src).contains("public final class Lecture implements"));
        Cli.Result bad = Cli.run("gen", LECTURE, "-o", dir.resolve("my-class.java").toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("'my-class' is not a Java class name; choose one with --class"), bad.err());
    }

    @Test
    void withTestNeedsTheGradient(@TempDir Path dir) {
        Cli.Result r = Cli.run("gen", "x*y", "--capabilities", "value", "--with-test", dir.toString());
        assertEquals(2, r.status());
        assertEquals("fluxion: --with-test checks the gradient: add gradient to --capabilities\n", r.err());
    }

    /**
     * Compiles the class and its test with javac (this JVM's class path supplies the runtime
     * and JUnit) and runs every {@code @Test} method; a failed assertion is rethrown.
     */
    private static void runGeneratedTest(Path dir, Path src, Path test, String testClass) throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "-encoding", "UTF-8", src.toString(), test.toString()));
        java.io.ByteArrayOutputStream diagnostics = new java.io.ByteArrayOutputStream();
        int status = javac.run(null, null, diagnostics, args.toArray(new String[0]));
        assertEquals(0, status, () -> "javac failed:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, GenTest.class.getClassLoader())) {
            Class<?> c = loader.loadClass(testClass);
            int run = 0;
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class)) {
                    m.setAccessible(true);
                    var ctor = c.getDeclaredConstructor();
                    ctor.setAccessible(true);
                    try {
                        m.invoke(ctor.newInstance());
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof Error err) {
                            throw err;
                        }
                        throw e;
                    }
                    run++;
                }
            }
            assertTrue(run > 0, "no @Test method in " + testClass);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
