package dev.fluxion.tests.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.tests.support.Golden;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every published jar names its module (Automatic-Module-Name), so a module-path user can
 * {@code requires dev.fluxion.compiler;}: the jars the {@code package} phase wrote are read
 * with the JDK's own {@link ModuleFinder}, as {@code java --module-path} reads them. Under
 * {@code mvn verify} (the README's test command and CI) the jars exist when these tests
 * run; a bare {@code mvn test} has none, and then the test is reported as skipped.
 */
class ModuleNamesTest {

    private static final Path ROOT = Golden.ROOT.resolve("../../../..").normalize();

    /** Module folder to the module name its jar must carry. */
    private static final Map<String, String> PUBLISHED = Map.of(
            "grammar", "dev.fluxion.grammar",
            "runtime", "dev.fluxion.runtime",
            "compiler", "dev.fluxion.compiler",
            "cli", "dev.fluxion.cli",
            "maven-plugin", "dev.fluxion.maven");

    @Test
    void everyPublishedJarHasItsModuleName() throws IOException {
        Map<String, Path> jars = new java.util.TreeMap<>();
        for (String module : PUBLISHED.keySet()) {
            Optional<Path> jar = mainJar(module);
            Assumptions.assumeTrue(jar.isPresent(), "no jar in " + module + "/target: run mvn verify first");
            jars.put(module, jar.get());
        }
        for (Map.Entry<String, Path> e : jars.entrySet()) {
            Set<ModuleReference> found = ModuleFinder.of(e.getValue()).findAll();
            assertEquals(1, found.size(), e.getValue().toString());
            ModuleReference ref = found.iterator().next();
            assertEquals(PUBLISHED.get(e.getKey()), ref.descriptor().name(), e.getValue().toString());
            assertTrue(ref.descriptor().isAutomatic(), ref.descriptor().toString());
        }
        // The runtime, grammar and compiler share no package, so they load side by side on the module path.
        List<Path> library = List.of(jars.get("grammar"), jars.get("runtime"), jars.get("compiler"));
        Set<String> names = ModuleFinder.of(library.toArray(Path[]::new)).findAll().stream()
                .map(r -> r.descriptor().name()).collect(Collectors.toSet());
        assertEquals(Set.of("dev.fluxion.grammar", "dev.fluxion.runtime", "dev.fluxion.compiler"), names);
        java.lang.module.Configuration resolved = ModuleLayer.boot().configuration().resolve(
                ModuleFinder.of(library.toArray(Path[]::new)), ModuleFinder.of(), names);
        assertEquals(names, resolved.modules().stream().map(m -> m.name()).collect(Collectors.toSet()));
    }

    /** {@code module/target/fluxion-*.jar} without a classifier, if the module was packaged. */
    private static Optional<Path> mainJar(String module) throws IOException {
        Path target = ROOT.resolve(module).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("fluxion-") && n.endsWith(".jar") && !n.endsWith("-sources.jar")
                        && !n.endsWith("-javadoc.jar") && !n.endsWith("-all.jar");
            }).findFirst();
        }
    }
}
