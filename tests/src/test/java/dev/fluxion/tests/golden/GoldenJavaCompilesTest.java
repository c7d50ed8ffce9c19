package dev.fluxion.tests.golden;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.jit.JavaCompiler;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.Corpus;
import dev.fluxion.tests.support.Corpus.Row;
import dev.fluxion.tests.support.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every golden Java file compiles, with Janino and with javax.tools, and the class it
 * declares computes the values of its conformance row: a golden file is not only text
 * that matches, it is code that works.
 */
class GoldenJavaCompilesTest {

    private static final double TOL = 1e-9;

    @TestFactory
    Stream<DynamicContainer> everyGoldenJavaFileCompilesWithBothCompilersAndComputesItsRow() throws IOException {
        Path dir = Golden.ROOT.resolve("java");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        assertFalse(files.isEmpty(), "no golden Java files under " + dir);
        return files.stream().map(file -> DynamicContainer.dynamicContainer(dir.relativize(file).toString(),
                Stream.of(JavaCompiler.janino(), JavaCompiler.javaxTools()).map(compiler ->
                        DynamicTest.dynamicTest(compiler.name(), () -> check(file, compiler)))));
    }

    private static void check(Path file, JavaCompiler compiler) throws Exception {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        GoldenPrograms.Case c = GoldenPrograms.byFile(file.getFileName().toString());
        assertNotNull(c, file + " has no entry in GoldenPrograms.CASES, so nothing says what it computes");
        Class<?> cls = compiler.compile(qualifiedName(source), source);
        DifferentiableFunction f = (DifferentiableFunction) cls.getDeclaredConstructor().newInstance();
        Row row = Corpus.scalarRows().stream().filter(r -> r.name().equals(c.conformance())).findFirst().orElseThrow();
        double[] x = row.point();
        double[] y = new double[1];
        f.value(x, y);
        assertClose(row.value(), y[0], TOL, file + " value");
        double[] g = new double[x.length];
        assertClose(row.value(), f.gradient(x, g), TOL, file + " value returned by gradient");
        assertClose(row.grad(), g, TOL, file + " gradient");
        if (c.allCapabilities()) {
            assertTrue(f.supports(Capability.HESSIAN), file + " should support the Hessian");
            double[] h = new double[x.length * x.length];
            f.hessian(x, h);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    assertClose(row.hess()[i][j], h[i * x.length + j], 1e-8, file + " Hessian[" + i + "][" + j + "]");
                }
            }
            double[] jac = new double[x.length];
            f.jacobianForward(x, new double[1], jac);
            assertClose(row.grad(), jac, TOL, file + " forward Jacobian");
        } else {
            assertFalse(f.supports(Capability.HESSIAN), file + " was generated with the default capabilities");
            assertThrows(UnsupportedOperationException.class, () -> f.hessian(x, new double[x.length * x.length]),
                    file + ": a method that was not generated must say so");
        }
    }

    static String qualifiedName(String source) {
        Matcher pkg = Pattern.compile("(?m)^package ([\\w.]+);").matcher(source);
        Matcher cls = Pattern.compile("(?m)^public (?:final )?class (\\w+)").matcher(source);
        assertTrue(cls.find(), "no public class in the golden source");
        return pkg.find() ? pkg.group(1) + "." + cls.group(1) : cls.group(1);
    }
}
