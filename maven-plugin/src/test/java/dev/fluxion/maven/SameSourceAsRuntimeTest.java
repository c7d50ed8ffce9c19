package dev.fluxion.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * The Java written at build time is byte for byte the source the runtime API compiles
 * (with Janino) for the same program and options, so a generated class behaves exactly as
 * {@code Fluxion.create().compile(text, options)} does. The runtime side is given the
 * options a user would write, without the file name the plugin uses for diagnostics,
 * which therefore must not leak into the source.
 */
class SameSourceAsRuntimeTest {

    @TempDir
    Path dir;

    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of("lecture.flx", "ln(x1)+x1*x2-sin(x2)\n", "Lecture",
                        EnumSet.of(Capability.GRADIENT), Mode.AUTO),
                Arguments.of("neuron.flx", "fn sigmoid_neuron(w0, x0, w1, x1, b) {\n  z = w0*x0 + w1*x1 + b\n"
                        + "  return sigmoid(z)\n}\n", null, EnumSet.allOf(Capability.class), Mode.AUTO),
                Arguments.of("polar.flx", "fn polar(r, t) { return (r*cos(t), r*sin(t)) }\n", null,
                        EnumSet.of(Capability.JVP, Capability.JACOBIAN), Mode.REVERSE),
                Arguments.of("spread.flx", "fn spread(x) { return (x, x*x, exp(x)) }\n", null,
                        EnumSet.of(Capability.GRADIENT, Capability.JACOBIAN), Mode.AUTO),
                Arguments.of("rosen.flx", "(1-x)^2 + 100*(y-x^2)^2\n", "Rosen",
                        EnumSet.of(Capability.HESSIAN), Mode.FORWARD),
                // arrays read whole: the tensor back end's Model class, the same at build time and at run time
                Arguments.of("matvec.flx", "fn matvec(W[2, 2], v[2]) { return sum(tanh(W @ v)) }\n", null,
                        EnumSet.of(Capability.GRADIENT, Capability.HESSIAN), Mode.AUTO));
    }

    @ParameterizedTest
    @MethodSource("programs")
    void buildTimeSourceEqualsRuntimeSource(String file, String text, String className, Set<Capability> caps,
                                            Mode mode) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src").resolve(file), text, StandardCharsets.UTF_8);
        GenerationReport report = new Generator(new GeneratorSettings(dir.resolve("src"), dir.resolve("out"),
                dir.resolve("state"), "com.example.ad", caps, mode, "test")).run();
        assertFalse(report.failed(), report.problems()::toString);

        Options options = Options.defaults().withPackage("com.example.ad").withCapabilities(caps)
                .withJacobianMode(mode);
        if (className != null) {
            options = options.withClassName(className);
        }
        CompiledFunction runtime = Fluxion.create().compile(text, options);

        byte[] generated = Files.readAllBytes(report.generated().get(0));
        assertArrayEquals(runtime.javaSource().getBytes(StandardCharsets.UTF_8), generated);
    }

    /** A model: the plugin names the class after the model; with that name the runtime compiles the same text. */
    @ParameterizedTest
    @MethodSource("programs")
    void aModelsBuildTimeSourceEqualsRuntimeSourceUnderTheSameOptions(String ignoredFile, String ignoredText,
                                                                     String ignoredName, Set<Capability> caps,
                                                                     Mode mode) throws IOException {
        String text = "model two_layer {\n  input x[B, 3]\n  label y[B] of 2\n  param W1[3, 5] init he_uniform\n"
                + "  param b1[5]\n  param W2[5, 2] init uniform(-0.1, 0.1)\n  h = tanh(x @ W1 + b1)\n"
                + "  logits = h @ W2\n  loss = mean(cross_entropy(logits, y)) + 0.01 * l2(W1)\n}\n";
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src").resolve("net.flx"), text, StandardCharsets.UTF_8);
        GenerationReport report = new Generator(new GeneratorSettings(dir.resolve("src"), dir.resolve("out"),
                dir.resolve("state"), "com.example.ad", caps, mode, "test")).run();
        assertFalse(report.failed(), report.problems()::toString);

        Options options = Options.defaults().withPackage("com.example.ad").withCapabilities(caps)
                .withJacobianMode(mode).withClassName("TwoLayer");
        CompiledModel runtime = Fluxion.create().compileModel(text, options);

        Path generated = report.generated().get(0);
        assertEquals("TwoLayer.java", generated.getFileName().toString());
        assertArrayEquals(runtime.javaSource().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(generated));
    }
}
