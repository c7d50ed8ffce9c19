package dev.fluxion.spark;

import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.Idx;
import dev.fluxion.runtime.data.Normalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The example programs and data the tests use, read from the examples module's folders. */
final class Fixtures {

    /** The examples module, beside this one. */
    static final Path EXAMPLES = Path.of("..", "examples");

    private Fixtures() {
    }

    static String program(String relative) {
        try {
            return Files.readString(EXAMPLES.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A compiled model program: its generated source, shipped to the executors, and instances for
     * the driver and the single-machine runs, all compiled from that source with Janino.
     *
     * @param code the generated source
     */
    record Program(ModelCode code) {
        Model newModel() {
            return code.newModel();
        }
    }

    /** A program of this module's test resources (src/test/resources/fluxion). */
    static Program compileResource(String name) {
        try (java.io.InputStream in = Fixtures.class.getResourceAsStream("/fluxion/" + name)) {
            return compileText(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A program of the examples module, by its path there. */
    static Program compile(String relative) {
        return compileText(program(relative));
    }

    static Program compileText(String text) {
        String[] compiled = IsolatedCompiler.compile(text);
        return new Program(ModelCode.ofSource(compiled[0], compiled[1]));
    }

    static ModelCode code(Program program) {
        return program.code();
    }

    /** The first {@code n} MNIST digits of examples/data, pixels / 255 (as the MnistMlp example). */
    static Dataset mnist(int n) {
        try {
            Path data = EXAMPLES.resolve("data");
            Dataset all = Idx.dataset(data.resolve("mnist10k-images-idx3-ubyte.gz"),
                    data.resolve("mnist10k-labels-idx1-ubyte.gz"));
            return Normalizer.scale(1.0 / 255).apply(all.head(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** max over elements |a − b| / max over elements |a|, per buffer, the largest over buffers. */
    static double relativeDifference(double[][] a, double[][] b) {
        double worst = 0;
        for (int p = 0; p < a.length; p++) {
            double diff = 0;
            double scale = 0;
            for (int i = 0; i < a[p].length; i++) {
                diff = Math.max(diff, Math.abs(a[p][i] - b[p][i]));
                scale = Math.max(scale, Math.abs(a[p][i]));
            }
            worst = Math.max(worst, scale == 0 ? diff : diff / scale);
        }
        return worst;
    }
}
