package dev.fluxion.runtime.data;

import dev.fluxion.runtime.random.Rng;

/**
 * Iterates over a {@link Dataset} in minibatches, copying each batch into buffers that
 * are allocated once, here, and then reused: a training loop calls {@link #next()} and
 * hands {@link #features()} and {@link #labels()} to the model without allocating.
 *
 * <p>Order: with a seed, every epoch visits the examples in a fresh permutation drawn
 * from {@code Rng.derive(seed, epoch)}, so epoch k's order depends only on the seed and
 * k (a resumed run sees the same batches); without one ({@link #inOrder}), in the data
 * set's order, as evaluation wants. The last batch of an epoch is smaller when the batch
 * size does not divide the data set (PyTorch's default, {@code drop_last=False}); it has
 * its own pair of buffers, so a model sees at most two batch sizes.
 *
 * <p>Use:
 * <pre>{@code
 * Minibatches batches = Minibatches.shuffled(train, 32, LabelEncoding.INDEX, seed);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     batches.startEpoch(epoch);
 *     while (batches.next()) {
 *         model.lossAndGradient(new double[][] {batches.features(), batches.labels()}, batches.size());
 *     }
 * }
 * }</pre>
 * Mutable and not thread-safe.
 */
public final class Minibatches {

    private final Dataset data;
    private final int batchSize;
    private final LabelEncoding encoding;
    private final boolean shuffle;
    private final long seed;
    private final int[] order;
    private final int[] labelScratch;
    private final double[] fullFeatures;
    private final double[] fullLabels;
    private final double[] restFeatures;
    private final double[] restLabels;
    private int position;
    private int currentSize;
    private boolean currentFull;

    private Minibatches(Dataset data, int batchSize, LabelEncoding encoding, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot make minibatches of an empty data set");
        }
        this.data = data;
        this.batchSize = Math.min(batchSize, data.size());
        this.encoding = java.util.Objects.requireNonNull(encoding, "encoding");
        this.shuffle = shuffle;
        this.seed = seed;
        this.order = new int[data.size()];
        this.labelScratch = new int[this.batchSize];
        int d = data.featureSize();
        int labelWidth = encoding == LabelEncoding.INDEX ? 1 : data.classCount();
        this.fullFeatures = new double[this.batchSize * d];
        this.fullLabels = new double[this.batchSize * labelWidth];
        int rest = data.size() % this.batchSize;
        this.restFeatures = rest == 0 ? null : new double[rest * d];
        this.restLabels = rest == 0 ? null : new double[rest * labelWidth];
        startEpoch(0);
    }

    /**
     * Batches in a fresh random order every epoch, fixed by {@code seed}.
     *
     * @param data the examples
     * @param batchSize examples per batch
     * @param encoding how labels are written into the label buffer
     * @param seed fixes every epoch's order
     * @return the iterator, before its first epoch
     */
    public static Minibatches shuffled(Dataset data, int batchSize, LabelEncoding encoding, long seed) {
        return new Minibatches(data, batchSize, encoding, true, seed);
    }

    /**
     * Batches in the data set's order, the same every epoch.
     *
     * @param data the examples
     * @param batchSize examples per batch
     * @param encoding how labels are written
     * @return the iterator
     */
    public static Minibatches inOrder(Dataset data, int batchSize, LabelEncoding encoding) {
        return new Minibatches(data, batchSize, encoding, false, 0L);
    }

    /**
     * Rewinds to the first batch of epoch {@code epoch} (0-based), reshuffling if shuffled.
     *
     * @param epoch the epoch; its order depends only on the seed and this number
     */
    public void startEpoch(int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Rng.derive(seed, epoch).shuffle(order);
        }
        position = 0;
        currentSize = 0;
    }

    /**
     * Loads the next batch into the buffers; false when the epoch is over.
     *
     * @return true if a batch was loaded
     */
    public boolean next() {
        int n = data.size();
        if (position >= n) {
            currentSize = 0;
            return false;
        }
        int size = Math.min(batchSize, n - position);
        currentFull = size == batchSize;
        double[] x = currentFull ? fullFeatures : restFeatures;
        double[] y = currentFull ? fullLabels : restLabels;
        int d = data.featureSize();
        for (int k = 0; k < size; k++) {
            int example = order[position + k];
            data.copyFeatures(example, x, k * d);
            labelScratch[k] = data.label(example);
        }
        if (encoding == LabelEncoding.INDEX) {
            for (int k = 0; k < size; k++) {
                y[k] = labelScratch[k];
            }
        } else {
            OneHot.encodeInto(labelScratch, 0, size, data.classCount(), y, 0);
        }
        position += size;
        currentSize = size;
        return true;
    }

    /**
     * The current batch's features, {@link #size()} rows (the buffer is reused by the next call).
     *
     * @return the feature buffer
     */
    public double[] features() {
        requireBatch();
        return currentFull ? fullFeatures : restFeatures;
    }

    /**
     * The current batch's labels in the chosen encoding (reused likewise).
     *
     * @return the label buffer
     */
    public double[] labels() {
        requireBatch();
        return currentFull ? fullLabels : restLabels;
    }

    /**
     * The class index of example {@code k} of the current batch.
     *
     * @param k the example within the batch
     * @return its class index
     */
    public int label(int k) {
        requireBatch();
        if (k < 0 || k >= currentSize) {
            throw new IndexOutOfBoundsException("example " + k + " of a batch of " + currentSize);
        }
        return labelScratch[k];
    }

    /**
     * Examples in the current batch.
     *
     * @return the examples in the current batch
     */
    public int size() {
        return currentSize;
    }

    /**
     * The (full) batch size.
     *
     * @return the batch size asked for
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Batches per epoch, counting a final smaller one.
     *
     * @return the number of batches
     */
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /**
     * The data set iterated over.
     *
     * @return the data set
     */
    public Dataset data() {
        return data;
    }

    private void requireBatch() {
        if (currentSize == 0) {
            throw new IllegalStateException("no current batch: call next() first and check that it returned true");
        }
    }
}
