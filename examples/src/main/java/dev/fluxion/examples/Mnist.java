package dev.fluxion.examples;

import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.Idx;
import dev.fluxion.runtime.data.Normalizer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The MNIST split: the 10,000 digits of {@code examples/data} (already shuffled once
 * upstream), the first 8,000 for training and the last 2,000 for testing, pixels scaled to
 * [0, 1] by 1/255 (as PyTorch's {@code ToTensor} does for the reference figures).
 */
public final class Mnist {

    /** Training examples in the split. */
    public static final int TRAIN = 8000;
    /** Test examples in the split. */
    public static final int TEST = 2000;

    private Mnist() {
    }

    /** The split, features of shape [784]. */
    public static Dataset.Split load(Path dataDir) throws IOException {
        Dataset all = Idx.dataset(dataDir.resolve("mnist10k-images-idx3-ubyte.gz"),
                dataDir.resolve("mnist10k-labels-idx1-ubyte.gz"));
        Normalizer scale = Normalizer.scale(1.0 / 255);
        return new Dataset.Split(scale.apply(all.head(TRAIN)), scale.apply(all.tail(TEST)));
    }
}
