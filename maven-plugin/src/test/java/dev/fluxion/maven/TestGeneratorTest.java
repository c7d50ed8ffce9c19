package dev.fluxion.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Mode;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gradient checks the {@code generate-tests} goal writes, one per function program. */
class TestGeneratorTest {

    @TempDir
    Path dir;

    private GeneratorSettings settings(Set<Capability> caps) {
        return new GeneratorSettings(dir.resolve("src/main/fluxion"), dir.resolve("out"), dir.resolve("state"),
                "com.example.ad", caps, Mode.AUTO, "test");
    }

    private Path tests() {
        return dir.resolve("target/generated-test-sources/fluxion");
    }

    @Test
    void oneTestPerFunctionNamedAfterTheGeneratedClass() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/main/fluxion/geometry"));
        Files.writeString(src.getParent().resolve("lecture.flx"), "ln(x1)+x1*x2-sin(x2)\n");
        Files.writeString(src.resolve("polar.flx"), "fn polar(r, t) {\n  return (r*cos(t), r*sin(t))\n}\n");
        Files.writeString(src.getParent().resolve("broken.flx"), "x +* y\n");
        Files.writeString(src.getParent().resolve("softmax.flx"), "model softmax {\n  input x[B, 2]\n  label y[B] of 2\n"
                + "  param W[2, 2] init zeros\n  logits = x @ W\n  loss = mean(cross_entropy(logits, y))\n}\n");
        // A function that reads its arrays whole: a Model class (the tensor back end), skipped like a model.
        Files.writeString(src.getParent().resolve("matvec.flx"), "fn matvec(W[2, 2], v[2]) { return sum(W @ v) }\n");

        List<Path> written = new TestGenerator(settings(Set.of(Capability.GRADIENT)), tests()).run();

        Path lecture = tests().resolve("com/example/ad/LectureTest.java");
        Path polar = tests().resolve("com/example/ad/geometry/PolarTest.java");
        assertEquals(List.of(lecture, polar), written.stream().sorted().toList());
        String text = Files.readString(lecture);
        assertTrue(text.contains("package com.example.ad;"), text);
        assertTrue(text.contains("class LectureTest"), text);
        assertTrue(text.contains("Lecture f = new Lecture();"), text);
        assertTrue(text.contains("f.vjp(x, ybar, new double[n], row)"), text);
        assertTrue(Files.readString(polar).contains("Polar f = new Polar();"));
    }

    @Test
    void theTestOfARemovedSourceGoesWithIt() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/main/fluxion"));
        Files.writeString(src.resolve("cube.flx"), "x^3\n");
        TestGenerator g = new TestGenerator(settings(Set.of(Capability.GRADIENT)), tests());
        g.run();
        assertTrue(Files.isRegularFile(tests().resolve("com/example/ad/CubeTest.java")));
        Files.delete(src.resolve("cube.flx"));
        assertEquals(List.of(), g.run());
        assertFalse(Files.exists(tests().resolve("com/example/ad/CubeTest.java")));
    }

    @Test
    void aTestNeedsTheGradient() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TestGenerator(settings(Set.of(Capability.JVP)), tests()));
        assertEquals("generateTests checks the gradient: add gradient to capabilities", e.getMessage());
    }
}
