package dev.fluxion.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Mode;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's file handling: naming, packages, incremental runs and stale outputs. */
class GeneratorTest {

    @TempDir
    Path dir;

    private Path src() {
        return dir.resolve("src/main/fluxion");
    }

    private Path out() {
        return dir.resolve("target/generated-sources/fluxion");
    }

    private GeneratorSettings settings(Set<Capability> caps, Mode mode) {
        return new GeneratorSettings(src(), out(), dir.resolve("target/fluxion/generate.state"), "com.example.ad",
                caps, mode, "test-generator");
    }

    private GenerationReport run() throws IOException {
        return new Generator(settings(Set.of(Capability.GRADIENT), Mode.AUTO)).run();
    }

    private Path write(String relative, String text) throws IOException {
        Path f = src().resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private List<String> outputs() throws IOException {
        if (!Files.isDirectory(out())) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(out())) {
            return s.filter(Files::isRegularFile).map(p -> out().relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void namesClassesAfterProgramsOrFilesAndFoldersBecomeSubpackages() throws IOException {
        write("rosenbrock.flx", "(1-x)^2 + 100*(y-x^2)^2\n");
        write("nn/neuron.flx", "fn sigmoid_neuron(w, x, b) {\n  return sigmoid(w*x + b)\n}\n");
        write("polar-map.flx", "fn polar(r, t) { return (r*cos(t), r*sin(t)) }\n");

        GenerationReport report = run();

        assertFalse(report.failed(), () -> report.problems().toString());
        assertEquals(List.of("com/example/ad/Polar.java", "com/example/ad/Rosenbrock.java",
                "com/example/ad/nn/SigmoidNeuron.java"), outputs());
        String neuron = Files.readString(out().resolve("com/example/ad/nn/SigmoidNeuron.java"));
        assertTrue(neuron.contains("\npackage com.example.ad.nn;\n"), neuron);
        assertEquals("3 generated, 0 up to date, 0 removed", report.summary());
    }

    @Test
    void aFileOfSeveralEntriesGeneratesOneClassPerEntry() throws IOException {
        write("shapes.flx", """
                fn sq(t) { return t*t }
                fn area(r) { return pi * sq(r) }
                fn ring(r, w) { return area(r + w) - area(r) }
                fn diagonal(a, b) { return sqrt(sq(a) + sq(b)) }
                model fit {
                  input x[B, 2]
                  param w[2]
                  loss = mean(sq(x @ w))
                }
                """);

        GenerationReport report = run();

        assertFalse(report.failed(), () -> report.problems().toString());
        // sq and area are helpers (called by another definition); ring, diagonal and fit are entries.
        assertEquals(List.of("com/example/ad/Diagonal.java", "com/example/ad/Fit.java", "com/example/ad/Ring.java"),
                outputs());
        assertEquals("3 generated, 0 up to date, 0 removed", report.summary());
        assertEquals("0 generated, 1 up to date, 0 removed", run().summary());

        write("shapes.flx", "fn sq(t) { return t*t }\nfn ring(r, w) { return sq(r + w) - sq(r) }\n");
        GenerationReport again = run();
        assertEquals(List.of("com/example/ad/Ring.java"), outputs(), "the classes of the entries that are gone are removed");
        assertEquals("1 generated, 0 up to date, 2 removed", again.summary());
    }

    @Test
    void aProgramNamedLikeABareExpressionIsNamedAfterItsFile() throws IOException {
        write("soft_plus.flx", "fn f(x) { return softplus(x) }\n");

        run();

        assertEquals(List.of("com/example/ad/SoftPlus.java"), outputs());
    }

    @Test
    void anUnchangedSourceIsNotRegenerated() throws IOException {
        write("a.flx", "x*y\n");
        write("b.flx", "sin(x)\n");
        run();
        Path a = out().resolve("com/example/ad/A.java");
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(a, old);

        write("b.flx", "cos(x)\n");
        GenerationReport second = run();

        assertEquals(List.of(out().resolve("com/example/ad/B.java")), second.generated());
        assertEquals(List.of(src().resolve("a.flx").toAbsolutePath()), second.upToDate());
        assertEquals(old, Files.getLastModifiedTime(a), "the unchanged output was not touched");
        assertTrue(Files.readString(out().resolve("com/example/ad/B.java")).contains("Math.cos"));
    }

    @Test
    void changedOptionsRegenerateEverything() throws IOException {
        write("a.flx", "x*y\n");
        run();
        GenerationReport same = run();
        assertEquals(1, same.upToDate().size());

        GenerationReport withHessian = new Generator(settings(Set.of(Capability.GRADIENT, Capability.HESSIAN),
                Mode.AUTO)).run();

        assertEquals(1, withHessian.generated().size());
        assertTrue(Files.readString(out().resolve("com/example/ad/A.java")).contains("Capability.HESSIAN"));
    }

    @Test
    void aDeletedOutputIsRegenerated() throws IOException {
        write("a.flx", "x*y\n");
        run();
        Files.delete(out().resolve("com/example/ad/A.java"));

        assertEquals(1, run().generated().size());
        assertEquals(List.of("com/example/ad/A.java"), outputs());
    }

    @Test
    void aRemovedSourceRemovesItsOutputAndTheFoldersItLeavesEmpty() throws IOException {
        Path neuron = write("nn/neuron.flx", "fn neuron(w, x) { return sigmoid(w*x) }\n");
        write("a.flx", "x*y\n");
        run();
        Path foreign = out().resolve("com/example/ad/Handwritten.java");
        Files.writeString(foreign, "class Handwritten {}");

        Files.delete(neuron);
        GenerationReport report = run();

        assertEquals(List.of(out().resolve("com/example/ad/nn/Neuron.java")), report.removed());
        assertEquals(List.of("com/example/ad/A.java", "com/example/ad/Handwritten.java"), outputs(),
                "only what the generator made is deleted");
        assertFalse(Files.exists(out().resolve("com/example/ad/nn")));
    }

    @Test
    void aRenamedProgramReplacesItsOldClass() throws IOException {
        write("m.flx", "fn first(x) { return x*x }\n");
        run();
        write("m.flx", "fn second(x) { return x*x }\n");

        GenerationReport report = run();

        assertEquals(List.of("com/example/ad/Second.java"), outputs());
        assertEquals(List.of(out().resolve("com/example/ad/First.java")), report.removed());
    }

    @Test
    void twoSourcesForOneClassIsAnError() throws IOException {
        write("a.flx", "fn twin(x) { return x }\n");
        Path b = write("b.flx", "fn twin(y) { return y*y }\n");

        GenerationReport report = run();

        assertEquals(1, report.problems().size());
        Problem p = report.problems().get(0);
        assertEquals(b.toAbsolutePath(), p.file());
        assertTrue(p.message().contains("com.example.ad.Twin is already generated from a.flx"), p.message());
    }

    @Test
    void twoClassesDifferingOnlyInCaseIsAnError() throws IOException {
        write("a.flx", "fn ab(x) { return x }\n");
        Path b = write("b.flx", "fn a_b(y) { return y*y }\n");

        GenerationReport report = run();

        assertEquals(List.of("com/example/ad/Ab.java"), outputs());
        assertEquals(1, report.problems().size());
        Problem p = report.problems().get(0);
        assertEquals(b.toAbsolutePath(), p.file());
        assertTrue(p.message().contains("com.example.ad.AB differs only in case from com/example/ad/Ab.java, generated "
                + "from a.flx"), p.message());
    }

    @Test
    void programNamesThatStartWithADigitAfterUnderscoresGetAClass() throws IOException {
        write("a.flx", "fn _0(x) { return x }\n");
        write("b.flx", "model _1a {\n input x[B, 2]\n param w[2]\n loss = sum(x * w)\n}\n");

        GenerationReport report = run();

        assertEquals(List.of(), report.problems());
        assertEquals(List.of("com/example/ad/Fn0.java", "com/example/ad/Fn1a.java"), outputs());
    }

    @Test
    void folderAndFileNamesThatAreNotJavaNamesAreErrors() throws IOException {
        write("not-a-package/a.flx", "x\n");
        write("2d.flx", "x*y\n");

        GenerationReport report = run();

        assertEquals(2, report.problems().size(), report.problems()::toString);
        assertTrue(report.problems().get(0).message().contains("'2d.flx'"), report.problems()::toString);
        assertTrue(report.problems().get(1).message().contains("not-a-package"), report.problems()::toString);
        assertEquals(List.of(), outputs());
    }

    @Test
    void noSourceDirectoryGeneratesNothing() throws IOException {
        GenerationReport report = run();

        assertEquals("0 generated, 0 up to date, 0 removed", report.summary());
        assertTrue(Files.isDirectory(out()), "the compile source root exists even when empty");
    }

    @Test
    void aCorruptStateFileMeansRegenerateEverything() throws IOException {
        write("a.flx", "x*y\n");
        run();
        Files.writeString(dir.resolve("target/fluxion/generate.state"), "garbage\n");

        assertEquals(1, run().generated().size());
        assertEquals(1, run().upToDate().size());
    }
}
