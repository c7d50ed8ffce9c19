package dev.fluxion.runtime.data;

import dev.fluxion.runtime.random.Rng;

import java.util.Arrays;

/**
 * An immutable set of labelled examples: features as one flat row-major array (one row
 * of {@link #featureSize()} values per example) and integer class labels.
 *
 * <p>Slices and splits share the arrays of the set they come from (they are views with
 * an offset), so taking the MNIST split of 10,000 digits copies nothing. Transforming
 * operations ({@link #shuffled}, {@link Normalizer#apply}) make new arrays.
 */
public final class Dataset {

    private final double[] features;
    private final int[] labels;
    private final int[] featureShape;
    private final int featureSize;
    private final int classCount;
    private final int start;
    private final int size;

    private Dataset(double[] features, int[] labels, int[] featureShape, int classCount, int start, int size) {
        this.features = features;
        this.labels = labels;
        this.featureShape = featureShape;
        this.featureSize = productOf(featureShape);
        this.classCount = classCount;
        this.start = start;
        this.size = size;
    }

    /**
     * A data set over copies of {@code features} (n rows of the product of
     * {@code featureShape}) and {@code labels} (n values in [0, classCount)).
     *
     * @param features n rows of the feature size, row-major
     * @param labels n class indices
     * @param featureShape the shape of one example, e.g. [28, 28]
     * @param classCount the number of classes
     * @return the data set
     * @throws IllegalArgumentException if the sizes disagree or a label is out of range
     */
    public static Dataset of(double[] features, int[] labels, int[] featureShape, int classCount) {
        int d = productOf(featureShape);
        if (d <= 0) {
            throw new IllegalArgumentException("feature shape must have positive dimensions, got "
                    + Arrays.toString(featureShape));
        }
        if (classCount <= 0) {
            throw new IllegalArgumentException("class count must be positive, got " + classCount);
        }
        if ((long) labels.length * d != features.length) {
            throw new IllegalArgumentException(labels.length + " labels need " + (long) labels.length * d
                    + " feature values (" + d + " each), got " + features.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new IllegalArgumentException("label of example " + i + " is " + labels[i]
                        + ", outside [0, " + classCount + ")");
            }
        }
        return new Dataset(features.clone(), labels.clone(), featureShape.clone(), classCount, 0, labels.length);
    }

    /** Wraps arrays this package built and will not touch again (no copy). */
    static Dataset wrap(double[] features, int[] labels, int[] featureShape, int classCount) {
        return new Dataset(features, labels, featureShape, classCount, 0, labels.length);
    }

    /**
     * Number of examples.
     *
     * @return the number of examples
     */
    public int size() {
        return size;
    }

    /**
     * Values per example: the product of {@link #featureShape()}.
     *
     * @return the values per example
     */
    public int featureSize() {
        return featureSize;
    }

    /**
     * The shape of one example's features, e.g. [28, 28].
     *
     * @return a copy of the shape
     */
    public int[] featureShape() {
        return featureShape.clone();
    }

    /**
     * Number of classes; labels lie in [0, classCount).
     *
     * @return the number of classes
     */
    public int classCount() {
        return classCount;
    }

    /**
     * Feature {@code j} of example {@code i}.
     *
     * @param i the example, 0-based
     * @param j the feature, 0-based
     * @return the value
     */
    public double feature(int i, int j) {
        checkIndex(i);
        if (j < 0 || j >= featureSize) {
            throw new IndexOutOfBoundsException("feature " + j + " of " + featureSize);
        }
        return features[(start + i) * featureSize + j];
    }

    /**
     * The label of example {@code i}.
     *
     * @param i the example, 0-based
     * @return its class index
     */
    public int label(int i) {
        checkIndex(i);
        return labels[start + i];
    }

    /**
     * A copy of all features, {@code size() × featureSize()} values.
     *
     * @return a new row-major array
     */
    public double[] features() {
        return Arrays.copyOfRange(features, start * featureSize, (start + size) * featureSize);
    }

    /**
     * A copy of all labels.
     *
     * @return a new array
     */
    public int[] labels() {
        return Arrays.copyOfRange(labels, start, start + size);
    }

    /**
     * How many examples have each label.
     *
     * @return one count per class, to check that a split is balanced
     */
    public int[] classCounts() {
        int[] counts = new int[classCount];
        for (int i = start; i < start + size; i++) {
            counts[labels[i]]++;
        }
        return counts;
    }

    /**
     * Examples [from, to) as a view.
     *
     * @param from the first example, inclusive
     * @param to the end, exclusive
     * @return a view sharing this data set's storage
     */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + size + " examples");
        }
        return new Dataset(features, labels, featureShape, classCount, start + from, to - from);
    }

    /**
     * The first {@code n} examples.
     *
     * @param n how many
     * @return a view
     */
    public Dataset head(int n) {
        return slice(0, n);
    }

    /**
     * The last {@code n} examples.
     *
     * @param n how many
     * @return a view
     */
    public Dataset tail(int n) {
        return slice(size - n, size);
    }

    /**
     * The first {@code trainCount} examples for training and the rest for testing, in
     * order: the split a data set prepared for it expects (MNIST here: 8,000 and 2,000).
     *
     * @param trainCount examples for training
     * @return the two views
     */
    public Split split(int trainCount) {
        if (trainCount <= 0 || trainCount >= size) {
            throw new IllegalArgumentException("train count must be in [1, " + (size - 1) + "], got " + trainCount);
        }
        return new Split(slice(0, trainCount), slice(trainCount, size));
    }

    /**
     * A random split: the examples are shuffled with {@code seed}, then the first
     * round(fraction · size) go to training.
     *
     * @param trainFraction the share for training, in (0, 1); each side keeps at least one example
     * @param seed fixes the shuffle
     * @return views of one shuffled copy
     * @throws IllegalArgumentException if the fraction is not in (0, 1)
     */
    public Split split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction must be in (0, 1), got " + trainFraction);
        }
        int n = (int) Math.round(trainFraction * size);
        return shuffled(seed).split(Math.max(1, Math.min(size - 1, n)));
    }

    /**
     * A copy with the examples in a random order fixed by {@code seed}.
     *
     * @param seed fixes the order
     * @return a new data set
     */
    public Dataset shuffled(long seed) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        new Rng(seed).shuffle(order);
        double[] f = new double[size * featureSize];
        int[] l = new int[size];
        for (int k = 0; k < size; k++) {
            System.arraycopy(features, (start + order[k]) * featureSize, f, k * featureSize, featureSize);
            l[k] = labels[start + order[k]];
        }
        return wrap(f, l, featureShape, classCount);
    }

    /**
     * The same examples with another feature shape of the same size, e.g. [784] to [1, 28, 28].
     *
     * @param shape the new shape of one example
     * @return a view with that shape
     * @throws IllegalArgumentException if the sizes differ
     */
    public Dataset reshape(int... shape) {
        if (productOf(shape) != featureSize) {
            throw new IllegalArgumentException("cannot reshape features of shape " + Arrays.toString(featureShape)
                    + " (" + featureSize + " values) to " + Arrays.toString(shape));
        }
        return new Dataset(features, labels, shape.clone(), classCount, start, size);
    }

    /** Copies the features of example {@code i} into {@code out} at {@code offset}. */
    void copyFeatures(int i, double[] out, int offset) {
        System.arraycopy(features, (start + i) * featureSize, out, offset, featureSize);
    }

    /** Raw access for this package's transforms: the backing array and the first row. */
    double[] backingFeatures() {
        return features;
    }

    int firstRow() {
        return start;
    }

    @Override
    public String toString() {
        return "Dataset[" + size + " examples, features " + Arrays.toString(featureShape) + ", " + classCount + " classes]";
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("example " + i + " of " + size);
        }
    }

    private static int productOf(int[] shape) {
        long p = 1;
        for (int d : shape) {
            if (d <= 0) {
                return 0;
            }
            p *= d;
        }
        return p > Integer.MAX_VALUE ? 0 : (int) p;
    }

    /** A training and a test set. */
    public record Split(Dataset train, Dataset test) {
    }
}
