package dev.fluxion.maven;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.ModelCompilation;
import dev.fluxion.compiler.Pipeline;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.inspect.GradientTestWriter;
import dev.fluxion.compiler.inspect.Sampling;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes, for every function program of the source tree, the JUnit 5 gradient check that
 * {@code fluxion gen --with-test} writes ({@link GradientTestWriter}): the generated class's
 * reverse-mode derivatives against central differences at points sampled where the
 * function is finite. Models are left out (their gradient is checked by the runtime's
 * {@code GradientCheck}, on data).
 *
 * <p>The test folder is this generator's alone: it is emptied and written again on every
 * run, so the test of a removed source goes with it. A source that does not compile gets
 * no test; the {@code generate} goal, which runs before, reports it.
 */
final class TestGenerator {

    /** A function's pipeline, null for a model's. */
    private static final Pipeline.Visitor<Compilation> FUNCTIONS = new Pipeline.Visitor<>() {
        @Override
        public Compilation function(Compilation c) {
            return c;
        }

        @Override
        public Compilation model(ModelCompilation m) {
            return null;
        }
    };

    private final GeneratorSettings settings;
    private final Path testDirectory;

    /**
     * @param settings the settings of the {@code generate} goal the classes come from
     * @param testDirectory the root of the generated tests (a test source root)
     */
    TestGenerator(GeneratorSettings settings, Path testDirectory) {
        this.settings = settings;
        this.testDirectory = testDirectory.toAbsolutePath().normalize();
        if (!settings.capabilities().contains(Capability.GRADIENT)
                && !settings.capabilities().contains(Capability.JACOBIAN)) {
            throw new IllegalArgumentException("generateTests checks the gradient: add gradient to capabilities");
        }
    }

    /** Writes the tests and returns their files. */
    List<Path> run() throws IOException {
        clear();
        List<Path> written = new ArrayList<>();
        for (SourceFile s : SourceFile.scan(settings.sourceDirectory())) {
            Optional<String> pkg = JavaNames.packageFor(settings.packageName(), s.folders());
            String text = Files.readString(s.file(), StandardCharsets.UTF_8);
            if (pkg.isEmpty()) {
                continue;
            }
            Compilation c;
            try {
                c = Generator.pipeline(text, settings.options(pkg.get(), s.file()), s).accept(FUNCTIONS);
            } catch (CompileException | Generator.NameException e) {
                continue;
            }
            // A model's class, or a function's of the tensor back end (a Model too), has no gradient test yet.
            if (c == null || c.tensor() != null || !c.dataNames().isEmpty()) {
                continue;  // a gradient test would need the function's data, which the build does not have
            }
            List<double[]> points = Sampling.points(c.primal(), 5, 1);
            if (points.isEmpty()) {
                continue;
            }
            String pkgName = c.options().packageName();
            Path folder = pkgName.isEmpty() ? testDirectory : testDirectory.resolve(pkgName.replace('.', '/'));
            Path file = folder.resolve(c.className() + "Test.java");
            Files.createDirectories(folder);
            Files.writeString(file, GradientTestWriter.source(pkgName, c.className(),
                    c.capabilities().contains(Capability.GRADIENT), points, GradientTestWriter.TOLERANCE),
                    StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }

    private void clear() throws IOException {
        if (!Files.isDirectory(testDirectory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(testDirectory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(testDirectory)) {
                    Files.delete(p);
                }
            }
        }
    }
}
