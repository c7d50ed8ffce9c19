package dev.fluxion.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.tensor.Precision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .flx} holding a {@code model} becomes a class implementing
 * {@code dev.fluxion.runtime.model.Model}, named after the model, byte-identical to what
 * {@code Fluxion.compileModel} compiles at run time, with mistakes reported at their line
 * and column like a scalar program's.
 */
class ModelGenerationTest {

    static final String SOFTMAX = """
            # softmax regression
            model softmax_regression {
              input  x[B, 4]
              label  y[B] of 3
              param  W[4, 3] init he_uniform
              param  b[3]
              logits = x @ W + b
              loss   = mean(cross_entropy(logits, y))
            }
            """;

    @TempDir
    Path dir;

    private Generator generator(Set<Capability> caps) {
        return new Generator(new GeneratorSettings(dir.resolve("src"), dir.resolve("out"), dir.resolve("state"),
                "com.example.ad", caps, Mode.AUTO, "test"));
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve("src").resolve(name);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text, StandardCharsets.UTF_8);
    }

    @Test
    void aModelIsGeneratedAsAClassNamedAfterTheModelWithTheRuntimeSource() throws IOException {
        write("whatever.flx", SOFTMAX);
        Set<Capability> caps = Set.of(Capability.GRADIENT, Capability.HESSIAN);

        GenerationReport report = generator(caps).run();

        assertFalse(report.failed(), report.problems()::toString);
        Path out = dir.resolve("out/com/example/ad/SoftmaxRegression.java");
        assertEquals(List.of(out), report.generated());
        Options options = Options.defaults().withPackage("com.example.ad").withCapabilities(caps)
                .withJacobianMode(Mode.AUTO).withClassName("SoftmaxRegression");
        CompiledModel runtime = Fluxion.create().compileModel(SOFTMAX, options);
        assertArrayEquals(runtime.javaSource().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out));
        assertTrue(Files.readString(out).contains("implements dev.fluxion.runtime.model.Model")
                || Files.readString(out).contains("implements Model"), "a Model class");
    }

    @Test
    void float32ProductsAreGeneratedAsAtRunTimeAndAChangeOfPrecisionRegenerates() throws IOException {
        write("softmax.flx", SOFTMAX);
        Path out = dir.resolve("out/com/example/ad/SoftmaxRegression.java");
        assertEquals(List.of(out), generator(Set.of()).run().generated());
        assertEquals(0, generator(Set.of()).run().generated().size(), "up to date");

        GenerationReport report = new Generator(new GeneratorSettings(dir.resolve("src"), dir.resolve("out"),
                dir.resolve("state"), "com.example.ad", Set.of(), Mode.AUTO, Precision.FLOAT32, "test")).run();

        assertEquals(List.of(out), report.generated(), "the precision is part of what decides the source");
        String runtime = Fluxion.create().translateModel(SOFTMAX, Options.defaults().withPackage("com.example.ad")
                .withClassName("SoftmaxRegression").withMatmulPrecision(Precision.FLOAT32)).javaSource();
        assertEquals(runtime, Files.readString(out));
        assertTrue(runtime.contains("Precision.FLOAT32);"), runtime);
    }

    @Test
    void theGeneratedModelComputesTheLossAndGradientOfSoftmaxRegression() throws IOException {
        write("softmax.flx", SOFTMAX);
        generator(Set.of()).run();
        String java = Files.readString(dir.resolve("out/com/example/ad/SoftmaxRegression.java"));
        // The runtime compiles the very same text; run it and compare with a hand computation.
        Model m = Fluxion.create().compileModel(SOFTMAX, Options.defaults().withPackage("com.example.ad")
                .withClassName("SoftmaxRegression")).newModel();
        assertEquals(java, Fluxion.create().translateModel(SOFTMAX, Options.defaults().withPackage("com.example.ad")
                .withClassName("SoftmaxRegression")).javaSource());
        double[] w = {0.2, -0.1, 0.0, 0.5, 0.3, -0.4, -0.3, 0.1, 0.2, 0.05, -0.2, 0.4};
        double[] b = {0.1, -0.2, 0.05};
        double[] x = {1.0, 2.0, 0.5, -1.0, 0.3, -0.7, 1.5, 2.0};
        System.arraycopy(w, 0, m.parameters()[0], 0, w.length);
        System.arraycopy(b, 0, m.parameters()[1], 0, b.length);

        double loss = m.lossAndGradient(new double[][] {x, {2, 0}}, 2);

        SoftmaxRegressionByHand hand = new SoftmaxRegressionByHand(w, b, x, new int[] {2, 0});
        assertEquals(hand.loss(), loss, 1e-12);
        assertArrayEquals(hand.gradientW(), m.gradients()[0], 1e-12);
        assertArrayEquals(hand.gradientB(), m.gradients()[1], 1e-12);
    }

    @Test
    void modelsAndProgramsLiveSideBySideAndModelsInFoldersGetSubpackages() throws IOException {
        write("lecture.flx", "ln(x1)+x1*x2-sin(x2)\n");
        write("nets/mlp.flx", """
                model mlp {
                  input x[B, 3]
                  label y[B] of 2
                  param W1[3, 4] init he_uniform
                  param b1[4]
                  param W2[4, 2] init he_uniform
                  param b2[2]
                  h = relu(x @ W1 + b1)
                  loss = mean(cross_entropy(h @ W2 + b2, y))
                }
                """);

        GenerationReport report = generator(Set.of()).run();

        assertFalse(report.failed(), report.problems()::toString);
        assertTrue(Files.isRegularFile(dir.resolve("out/com/example/ad/Lecture.java")));
        assertTrue(Files.isRegularFile(dir.resolve("out/com/example/ad/nets/Mlp.java")));
        assertTrue(Files.readString(dir.resolve("out/com/example/ad/nets/Mlp.java"))
                .contains("package com.example.ad.nets;\n"));
        assertEquals(0, generator(Set.of()).run().generated().size(), "an unchanged model is up to date");
    }

    @Test
    void aShapeErrorInAModelIsReportedAtItsLineAndColumnInJavacForm() throws IOException {
        Path f = write("bad.flx", """
                model bad {
                  input x[B, 4]
                  param W[5, 3]
                  loss = sum(x @ W)
                }
                """);

        GenerationReport report = generator(Set.of()).run();

        assertTrue(report.failed());
        Problem p = report.problems().get(0);
        assertEquals(4, p.line(), p.describe());
        assertTrue(p.message().contains("[B, 4]") && p.message().contains("[5, 3]"), p.message());
        assertTrue(p.javacStyle().startsWith(f.toAbsolutePath() + ":[4," + p.column() + "] "), p.javacStyle());
        assertTrue(p.describe().contains("    4 |   loss = sum(x @ W)"), p.describe());
        assertTrue(p.describe().contains("^"), p.describe());
    }

    @Test
    void aSyntaxErrorInAModelIsReportedAsAModelError() throws IOException {
        write("broken.flx", "# a model\nmodel broken {\n  input x[B, 4\n  loss = sum(x)\n}\n");

        Problem p = generator(Set.of()).run().problems().get(0);

        assertTrue(p.line() >= 3, p.describe());
        assertFalse(p.message().contains("compiler bug"), p.message());
    }
}
