package dev.fluxion.maven;

import dev.fluxion.compiler.Options;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates, for every function program of the project, the JUnit 5 test that
 * {@code fluxion gen --with-test} writes: the generated class's derivatives against central
 * finite differences at sampled points. The tests go to
 * {@code target/generated-test-sources/fluxion}, added as a test source root, so
 * {@code mvn test} keeps checking every generated gradient. Optional: add the goal
 * {@code generate-tests} to the execution beside {@code generate}; the project needs
 * JUnit Jupiter as a test dependency.
 *
 * <p>Configure it as the {@code generate} goal (the same parameters and properties), so the
 * tests name the classes that goal generates. The work is {@link TestGenerator}'s.
 */
@Mojo(name = "generate-tests", defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES, threadSafe = true)
public final class GenerateTestsMojo extends AbstractMojo {

    /** Where the {@code .flx} files are, as for {@code generate}. */
    @Parameter(property = "fluxion.sourceDirectory", defaultValue = "${project.basedir}/src/main/fluxion")
    private File sourceDirectory;

    /** Where the tests go; added to the test compile source roots. Emptied on every run. */
    @Parameter(property = "fluxion.testOutputDirectory",
            defaultValue = "${project.build.directory}/generated-test-sources/fluxion")
    private File testOutputDirectory;

    /** The package of the programs at the root of {@link #sourceDirectory}, as for {@code generate}. */
    @Parameter(property = "fluxion.packageName", defaultValue = Options.DEFAULT_PACKAGE)
    private String packageName;

    /** The derivative methods generated, as for {@code generate}; must include gradient or jacobian. */
    @Parameter(property = "fluxion.capabilities", defaultValue = "value,gradient")
    private List<String> capabilities;

    /** The mode of the generated {@code jacobian} method, as for {@code generate}. */
    @Parameter(property = "fluxion.jacobianMode", defaultValue = "auto")
    private String jacobianMode;

    /** Skips test generation. */
    @Parameter(property = "fluxion.skipTests", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Fluxion test generation skipped");
            return;
        }
        Path tests = testOutputDirectory.toPath();
        TestGenerator generator;
        try {
            // Only the settings the class's name and methods depend on matter here; the paths of
            // the generated classes and of the incremental state belong to the generate goal.
            GeneratorSettings settings = new GeneratorSettings(sourceDirectory.toPath(), tests, tests.resolve(".unused"),
                    packageName, ConfigValues.capabilities(capabilities), ConfigValues.jacobianMode(jacobianMode), "tests");
            generator = new TestGenerator(settings, tests);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("invalid fluxion-maven-plugin configuration: " + e.getMessage());
        }
        List<Path> written;
        try {
            written = generator.run();
        } catch (IOException e) {
            throw new MojoExecutionException("Fluxion test generation failed: " + e, e);
        }
        project.addTestCompileSourceRoot(tests.toString());
        getLog().info("Fluxion: " + written.size() + " gradient test" + (written.size() == 1 ? "" : "s") + " in "
                + relative(tests));
    }

    private String relative(Path p) {
        Path base = project.getBasedir().toPath().toAbsolutePath();
        Path abs = p.toAbsolutePath();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }
}
