package dev.fluxion.spark;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
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

    static CompiledModel compile(String relative) {
        return Fluxion.create().compileModel(program(relative));
    }

    static ModelCode code(CompiledModel compiled) {
        return ModelCode.ofSource(compiled.compilation().qualifiedClassName(), compiled.javaSource());
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
