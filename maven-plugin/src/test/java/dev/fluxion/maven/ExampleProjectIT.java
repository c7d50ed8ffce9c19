package dev.fluxion.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Checks the builds the invoker ran just before (see this module's pom): the example
 * project, built with the plugin as a user would, and a project with a broken
 * {@code .flx} file, whose build must fail pointing at the mistake, and a project built
 * twice, the second time without one of its sources.
 */
class ExampleProjectIT {

    private static final Path PROJECTS = Path.of(System.getProperty("fluxion.it.projects"));
    private static final Path REPOSITORY = Path.of(System.getProperty("fluxion.it.repository"));
    private static final String VERSION = System.getProperty("fluxion.version");

    private static final Path EXAMPLE = PROJECTS.resolve("examples/plugin-example");
    private static final Path GENERATED = EXAMPLE.resolve("target/generated-sources/fluxion");

    @Test
    void theExampleRunsOnTheRuntimeJarAloneAndPrintsTheRightDerivatives() throws Exception {
        Path runtimeJar = REPOSITORY.resolve("dev/fluxion/fluxion-runtime/" + VERSION + "/fluxion-runtime-" + VERSION
                + ".jar");
        Path exampleJar = EXAMPLE.resolve("target/plugin-example-1.0.jar");
        assertTrue(Files.isRegularFile(runtimeJar), runtimeJar + " was installed for the example");
        assertTrue(Files.isRegularFile(exampleJar), exampleJar + " was built by `mvn verify`");

        Map<String, double[]> out = run(exampleJar, runtimeJar);

        double x1 = 2;
        double x2 = 5;
        close(new double[] {Math.log(x1) + x1 * x2 - Math.sin(x2)}, out.get("lecture.value"));
        close(new double[] {1 / x1 + x2, x1 - Math.cos(x2)}, out.get("lecture.gradient"));
        close(new double[] {-1 / (x1 * x1), 1, 1, Math.sin(x2)}, out.get("lecture.hessian"));

        double s = 1 / (1 + Math.exp(-1)); // z = 2*-1 + -3*-2 + -3 = 1
        double ds = s * (1 - s);
        close(new double[] {s}, out.get("neuron.value"));
        close(new double[] {-1 * ds, 2 * ds, -2 * ds, -3 * ds, ds}, out.get("neuron.gradient"));

        double r = 2;
        double t = Math.PI / 6;
        close(new double[] {r * Math.cos(t), r * Math.sin(t)}, out.get("polar.value"));
        close(new double[] {Math.cos(t), -r * Math.sin(t), Math.sin(t), r * Math.cos(t)}, out.get("polar.jacobian"));
        close(new double[] {Math.cos(t), Math.sin(t)}, out.get("polar.jvp"));

        SoftmaxRegressionByHand hand = new SoftmaxRegressionByHand(
                new double[] {0.2, -0.1, 0.0, 0.5, 0.3, -0.4, -0.3, 0.1, 0.2, 0.05, -0.2, 0.4},
                new double[] {0.1, -0.2, 0.05}, new double[] {1.0, 2.0, 0.5, -1.0, 0.3, -0.7, 1.5, 2.0},
                new int[] {2, 0});
        close(new double[] {hand.loss()}, out.get("model.loss"));
        close(hand.gradientW(), out.get("model.gradient.W"));
        close(hand.gradientB(), out.get("model.gradient.b"));
    }

    @Test
    void theExampleSourcesAreByteIdenticalToWhatTheRuntimeCompiles() throws IOException {
        Options options = Options.defaults().withPackage("com.example.ad")
                .withCapabilities(EnumSet.allOf(Capability.class)).withJacobianMode(Mode.AUTO);
        Path src = EXAMPLE.resolve("src/main/fluxion");
        assertSameSource(src.resolve("lecture.flx"), options.withClassName("Lecture"),
                GENERATED.resolve("com/example/ad/Lecture.java"));
        assertSameSource(src.resolve("neuron.flx"), options, GENERATED.resolve("com/example/ad/SigmoidNeuron.java"));
        assertSameSource(src.resolve("geometry/polar.flx"), options.withPackage("com.example.ad.geometry"),
                GENERATED.resolve("com/example/ad/geometry/Polar.java"));
        String model = Files.readString(src.resolve("softmax_regression.flx"), StandardCharsets.UTF_8);
        String runtime = Fluxion.create().translateModel(model, options.withClassName("SoftmaxRegression")).javaSource();
        Path generated = GENERATED.resolve("com/example/ad/SoftmaxRegression.java");
        assertArrayEquals(runtime.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(generated), generated.toString());
    }

    @Test
    void aBrokenFlxFailsTheBuildWithAJavacStyleErrorAndTheCaret() throws IOException {
        Path project = PROJECTS.resolve("projects/broken-flx");
        String log = Files.readString(project.resolve("build.log"), StandardCharsets.UTF_8);
        Path bad = project.resolve("src/main/fluxion/bad.flx").toAbsolutePath().normalize();

        // Every error of the file, each once (not again in Maven's failure summary).
        assertTrue(log.contains("[ERROR] " + bad + ":[3,11] undefined variable 'q'"), log);
        assertTrue(log.contains("[ERROR] " + bad + ":[4,14] unknown function 'sine'"), log);
        assertTrue(log.contains("    4 |   return x * sine(x) + y\n      |              ^^^^"), log);
        assertTrue(log.contains("BUILD FAILURE"), log);
        assertTrue(log.contains("Fluxion compilation failure: 2 errors in 1 file, listed above"), log);
        assertEquals(1, occurrences(log, ":[3,11] undefined variable 'q'"), log);
        assertEquals(1, occurrences(log, ":[4,14] unknown function 'sine'"), log);
        assertEquals(1, occurrences(log, "    4 |   return x * sine(x) + y"), log);
    }

    @Test
    void aMisspeltCapabilityNamesTheAcceptedValuesInThePluginsWords() throws IOException {
        String log = Files.readString(PROJECTS.resolve("projects/bad-capability/build.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("invalid fluxion-maven-plugin configuration: unknown capability 'hessain'; "
                + "expected one of value, gradient, jvp, jacobian, hessian"), log);
        assertTrue(!log.contains("No enum constant"), log);
        assertTrue(log.contains("BUILD FAILURE"), log);
    }

    @Test
    void theGeneratedGradientChecksRanInTheExamplesBuild() throws IOException {
        Path tests = EXAMPLE.resolve("target/generated-test-sources/fluxion/com/example/ad");
        for (String name : List.of("LectureTest", "SigmoidNeuronTest", "geometry/PolarTest")) {
            assertTrue(Files.isRegularFile(tests.resolve(name + ".java")), name);
            String cls = "com.example.ad." + name.replace('/', '.');
            String report = Files.readString(EXAMPLE.resolve("target/surefire-reports/TEST-" + cls + ".xml"),
                    StandardCharsets.UTF_8);
            assertTrue(report.contains("tests=\"1\"") && report.contains("failures=\"0\"")
                    && report.contains("errors=\"0\"") && report.contains("skipped=\"0\""), report);
        }
        // A model gets no such test: the runtime's GradientCheck checks models on data.
        assertTrue(Files.notExists(tests.resolve("SoftmaxRegressionTest.java")));
    }

    @Test
    void everyPomSnippetOfTheDocsBuildsInANewProject() throws IOException {
        Path snippets = PROJECTS.resolve("snippets");
        List<Path> logs;
        try (var list = Files.list(snippets)) {
            logs = list.map(p -> p.resolve("build.log")).sorted().toList();
        }
        assertTrue(logs.size() >= DocSnippetProjectsTest.PAGES.size(), logs.toString());
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(text.contains("BUILD SUCCESS"), log + ":\n" + text);
        }
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aSecondBuildSkipsTheUnchangedSourceAndRemovesTheOutputOfTheGoneOne() throws IOException {
        Path project = PROJECTS.resolve("projects/incremental");
        String log = Files.readString(project.resolve("build.log"), StandardCharsets.UTF_8);
        Path out = project.resolve("target/generated-sources/fluxion/dev/fluxion/generated");

        int first = log.indexOf("[INFO] Fluxion: 2 generated, 0 up to date, 0 removed");
        int second = log.indexOf("[INFO] Fluxion: 0 generated, 1 up to date, 1 removed");
        assertTrue(first >= 0 && second > first, log);
        assertTrue(log.contains("[INFO] removed target/generated-sources/fluxion/dev/fluxion/generated/Cube.java"), log);
        assertTrue(Files.isRegularFile(out.resolve("Square.java")));
        assertTrue(Files.notExists(out.resolve("Cube.java")));
    }

    private static void assertSameSource(Path flx, Options options, Path generated) throws IOException {
        String runtime = Fluxion.create().translate(Files.readString(flx, StandardCharsets.UTF_8), options).javaSource();
        assertArrayEquals(runtime.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(generated), generated.toString());
    }

    /** Runs the example's main class in a fresh JVM whose class path is the example and the runtime jar. */
    private static Map<String, double[]> run(Path exampleJar, Path runtimeJar) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", exampleJar + File.pathSeparator + runtimeJar,
                "com.example.Main").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the example finished");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("lecture.inputs x1,x2\n"), output);
        assertTrue(output.contains("model.parameters W,b\n"), output);
        Map<String, double[]> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] kv = line.split(" ", 2);
            if (kv.length == 2 && !kv[0].endsWith(".inputs") && !kv[0].endsWith(".parameters")) {
                values.put(kv[0], Arrays.stream(kv[1].replaceAll("[\\[\\]]", "").split(","))
                        .mapToDouble(v -> Double.parseDouble(v.trim())).toArray());
            }
        }
        assertEquals(List.of("lecture.value", "lecture.gradient", "lecture.hessian", "neuron.value", "neuron.gradient",
                "polar.value", "polar.jacobian", "polar.jvp", "model.loss", "model.gradient.W", "model.gradient.b"),
                List.copyOf(values.keySet()), output);
        return values;
    }

    private static void close(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, () -> Arrays.toString(actual));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])),
                    "element " + i + " of " + Arrays.toString(actual));
        }
    }
}
