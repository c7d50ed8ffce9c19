package dev.fluxion.maven;

import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.tensor.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Generator} is asked to do: where sources are, where Java goes, where its
 * incremental state lives, and the options every program is compiled with.
 *
 * @param sourceDirectory the root of the {@code .flx} tree; folders below it are subpackages
 * @param outputDirectory the root of the generated Java tree (a compile source root)
 * @param stateFile       the incremental state (see {@link BuildState})
 * @param packageName     the package of programs at the root of the source directory
 * @param capabilities    the derivative methods to generate; VALUE is always generated
 * @param jacobianMode    the mode of the generated {@code jacobian} method
 * @param matmulPrecision the arithmetic of a model's matrix products (FLOAT64, or FLOAT32: the large
 *                        products summed in float)
 * @param generator       identifies the code generator (plugin version and a hash of the
 *                        compiler); when it changes, everything is regenerated
 */
public record GeneratorSettings(Path sourceDirectory, Path outputDirectory, Path stateFile, String packageName,
                                Set<Capability> capabilities, Mode jacobianMode, Precision matmulPrecision,
                                String generator) {

    public GeneratorSettings {
        sourceDirectory = Objects.requireNonNull(sourceDirectory, "sourceDirectory").toAbsolutePath().normalize();
        outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory").toAbsolutePath().normalize();
        stateFile = Objects.requireNonNull(stateFile, "stateFile").toAbsolutePath().normalize();
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(jacobianMode, "jacobianMode");
        Objects.requireNonNull(matmulPrecision, "matmulPrecision");
        Objects.requireNonNull(generator, "generator");
        if (!packageName.isEmpty() && !javax.lang.model.SourceVersion.isName(packageName)) {
            throw new IllegalArgumentException("packageName '" + packageName + "' is not a Java package name");
        }
        EnumSet<Capability> caps = EnumSet.of(Capability.VALUE);
        caps.addAll(capabilities);
        capabilities = Set.copyOf(caps);
    }

    /** The same with matrix products in double (the default). */
    public GeneratorSettings(Path sourceDirectory, Path outputDirectory, Path stateFile, String packageName,
                             Set<Capability> capabilities, Mode jacobianMode, String generator) {
        this(sourceDirectory, outputDirectory, stateFile, packageName, capabilities, jacobianMode, Precision.FLOAT64,
                generator);
    }

    /**
     * The compiler options for a program in package {@code pkg}, named in diagnostics by
     * {@code file}: the runtime's defaults with this configuration applied, so that
     * {@code Fluxion.create().compile(text, options)} compiles the very source written here.
     */
    Options options(String pkg, Path file) {
        return Options.defaults()
                .withPackage(pkg)
                .withCapabilities(capabilities)
                .withJacobianMode(jacobianMode)
                .withMatmulPrecision(matmulPrecision)
                .withSourceName(file.toString());
    }

    /**
     * A hash of everything besides the source text that decides what is generated for a
     * program in package {@code pkg}.
     */
    String optionsHash(String pkg) {
        List<String> caps = new ArrayList<>();
        for (Capability c : EnumSet.copyOf(capabilities)) {
            caps.add(c.name());
        }
        // The precision line is left out at its default, so that state written before the
        // option existed still matches and nothing is regenerated for it.
        String precision = matmulPrecision == Precision.FLOAT64 ? "" : "matmulPrecision=" + matmulPrecision + "\n";
        return Sha256.of("package=" + pkg + "\ncapabilities=" + String.join(",", caps) + "\njacobianMode="
                + jacobianMode + "\n" + precision + "generator=" + generator + "\n");
    }
}
