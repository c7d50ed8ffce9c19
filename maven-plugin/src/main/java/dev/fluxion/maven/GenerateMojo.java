package dev.fluxion.maven;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.Options;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates Java sources from the {@code .flx} programs of the project and adds them to
 * the compile source roots, the way the ANTLR and protobuf plugins do. The generated
 * classes implement {@code dev.fluxion.runtime.DifferentiableFunction} and need only the
 * {@code fluxion-runtime} jar at run time.
 *
 * <p>All the work is done by {@link Generator}; this class maps Maven's configuration to
 * {@link GeneratorSettings} and the outcome to Maven's log and exceptions.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

    /** Where the {@code .flx} files are; folders below it become subpackages of {@link #packageName}. */
    @Parameter(property = "fluxion.sourceDirectory", defaultValue = "${project.basedir}/src/main/fluxion")
    private File sourceDirectory;

    /** Where the Java sources go; added to the compile source roots. */
    @Parameter(property = "fluxion.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/fluxion")
    private File outputDirectory;

    /**
     * The folder of the incremental state (what the last run generated from which content
     * and options), one file per execution so that two executions (say, of two source
     * folders) never take each other's outputs for stale ones.
     */
    @Parameter(defaultValue = "${project.build.directory}/fluxion", readonly = true)
    private File stateDirectory;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution execution;

    /** The package of the programs at the root of {@link #sourceDirectory}. */
    @Parameter(property = "fluxion.packageName", defaultValue = Options.DEFAULT_PACKAGE)
    private String packageName;

    /**
     * The derivative methods to generate: {@code value} (always), {@code gradient} (reverse
     * mode gradient and VJP), {@code jvp} (forward mode, one or K directions),
     * {@code jacobian} (forward and reverse, and {@code jacobian} in {@link #jacobianMode}),
     * {@code hessian} (Hessian and Hessian-vector product). Methods not generated throw
     * {@link UnsupportedOperationException}.
     */
    @Parameter(property = "fluxion.capabilities", defaultValue = "value,gradient")
    private List<String> capabilities;

    /** How the generated {@code jacobian} method computes: {@code forward}, {@code reverse}, or {@code auto} (from the shape). */
    @Parameter(property = "fluxion.jacobianMode", defaultValue = "auto")
    private String jacobianMode;

    /**
     * The arithmetic of a model's matrix products: {@code float64} (every sum in double) or
     * {@code float32} (the large products summed in float, as JAX and PyTorch compute).
     */
    @Parameter(property = "fluxion.matmulPrecision", defaultValue = "float64")
    private String matmulPrecision;

    /** Skips generation. */
    @Parameter(property = "fluxion.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${plugin.version}", readonly = true, required = true)
    private String pluginVersion;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Fluxion generation skipped");
            return;
        }
        GeneratorSettings settings;
        try {
            settings = new GeneratorSettings(sourceDirectory.toPath(), outputDirectory.toPath(), stateFile(),
                    packageName, ConfigValues.capabilities(capabilities), ConfigValues.jacobianMode(jacobianMode),
                    ConfigValues.precision(matmulPrecision),
                    pluginVersion + "/" + Fingerprint.ofCodeSource(Compilation.class));
        } catch (IllegalArgumentException e) {
            // No cause: Maven would print its message too, and ConfigValues' message already says it all.
            throw new MojoExecutionException("invalid fluxion-maven-plugin configuration: " + e.getMessage());
        }
        GenerationReport report;
        try {
            report = new Generator(settings).run();
        } catch (IOException e) {
            throw new MojoExecutionException("Fluxion generation failed: " + e, e);
        }
        project.addCompileSourceRoot(settings.outputDirectory().toString());
        if (report.failed()) {
            // Each problem once, with its caret display, where IDEs and CI parse javac-style errors;
            // the failure itself only counts them, so Maven's summary does not repeat them.
            for (Problem p : report.problems()) {
                getLog().error(p.describe());
            }
            long files = report.problems().stream().map(Problem::file).distinct().count();
            int n = report.problems().size();
            throw new MojoFailureException("Fluxion compilation failure: " + n + " error" + (n == 1 ? "" : "s") + " in "
                    + files + " file" + (files == 1 ? "" : "s") + ", listed above");
        }
        getLog().info("Fluxion: " + report.summary() + " in " + relative(settings.outputDirectory()));
        for (Path p : report.generated()) {
            getLog().debug("generated " + p);
        }
        for (Path p : report.removed()) {
            getLog().info("removed " + relative(p));
        }
    }

    /** {@code generate.state} for the default execution, {@code generate-<id>.state} for the others. */
    private Path stateFile() {
        String id = execution.getExecutionId();
        String name = id == null || id.equals("default") || id.startsWith("default-") ? "generate.state"
                : "generate-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".state";
        return stateDirectory.toPath().resolve(name);
    }

    private String relative(Path p) {
        Path base = project.getBasedir().toPath().toAbsolutePath();
        return p.startsWith(base) ? base.relativize(p).toString() : p.toString();
    }
}
