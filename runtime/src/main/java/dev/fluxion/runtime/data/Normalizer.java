package dev.fluxion.runtime.data;

/**
 * An affine map of features, x' = (x − shift)·scale, either per feature or one pair for
 * all features. Its statistics are fitted on the training split and then applied to
 * both splits unchanged, so nothing about the test set leaks into training.
 *
 * <p>Immutable. A feature with zero spread (MNIST's border pixels are 0 in every
 * training image) gets scale 1, so it stays constant instead of dividing by zero.
 */
public final class Normalizer {

    private final double[] shift;
    private final double[] scale;
    private final String description;

    private Normalizer(double[] shift, double[] scale, String description) {
        this.shift = shift;
        this.scale = scale;
        this.description = description;
    }

    /**
     * x' = x·factor, e.g. 1/255 for grey levels.
     *
     * @param factor the multiplier, finite and non-zero
     * @return the normalizer
     */
    public static Normalizer scale(double factor) {
        if (!(factor != 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("scale factor must be finite and non-zero, got " + factor);
        }
        return new Normalizer(new double[] {0.0}, new double[] {factor}, "scale " + factor);
    }

    /**
     * x' = (x − mean)/std with one given mean and standard deviation for every feature.
     *
     * @param mean subtracted from every value
     * @param std divides every value, positive
     * @return the normalizer
     */
    public static Normalizer standardize(double mean, double std) {
        if (!(std > 0) || !Double.isFinite(mean) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("need a finite mean and std > 0, got " + mean + ", " + std);
        }
        return new Normalizer(new double[] {mean}, new double[] {1.0 / std}, "standardize " + mean + " / " + std);
    }

    /**
     * Per-feature standardization: each feature's mean and (population) standard
     * deviation over {@code train}.
     *
     * @param train the training split only, so test data does not leak into the statistics
     * @return the fitted normalizer
     */
    public static Normalizer standardizePerFeature(Dataset train) {
        int d = train.featureSize();
        int n = requireExamples(train);
        double[] f = train.backingFeatures();
        int base = train.firstRow() * d;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int row = base + i * d;
            for (int j = 0; j < d; j++) {
                mean[j] += f[row + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            int row = base + i * d;
            for (int j = 0; j < d; j++) {
                double c = f[row + j] - mean[j];
                var[j] += c * c;
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(var[j] / n);
            scale[j] = std > 1e-12 ? 1.0 / std : 1.0;
        }
        return new Normalizer(mean, scale, "standardize per feature over " + n + " examples");
    }

    /**
     * One mean and standard deviation over every value of {@code train} (as MNIST's
     * customary 0.1307 / 0.3081 on pixels in [0, 1]).
     *
     * @param train the training split only
     * @return the fitted normalizer
     */
    public static Normalizer standardizeGlobal(Dataset train) {
        int d = train.featureSize();
        int n = requireExamples(train);
        double[] f = train.backingFeatures();
        int from = train.firstRow() * d;
        int to = from + n * d;
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += f[k];
        }
        double mean = sum / (to - from);
        double ss = 0;
        for (int k = from; k < to; k++) {
            double c = f[k] - mean;
            ss += c * c;
        }
        double std = Math.sqrt(ss / (to - from));
        return new Normalizer(new double[] {mean}, new double[] {std > 1e-12 ? 1.0 / std : 1.0},
                "standardize " + mean + " / " + std);
    }

    /**
     * A new data set with every feature mapped; labels and shape unchanged.
     *
     * @param data the data set to map
     * @return a new data set
     */
    public Dataset apply(Dataset data) {
        int d = data.featureSize();
        if (shift.length != 1 && shift.length != d) {
            throw new IllegalArgumentException("normalizer fitted on " + shift.length + " features, data has " + d);
        }
        int n = data.size();
        double[] src = data.backingFeatures();
        int base = data.firstRow() * d;
        double[] out = new double[n * d];
        if (shift.length == 1) {
            double s = shift[0];
            double c = scale[0];
            for (int k = 0; k < out.length; k++) {
                out[k] = (src[base + k] - s) * c;
            }
        } else {
            for (int i = 0; i < n; i++) {
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    out[row + j] = (src[base + row + j] - shift[j]) * scale[j];
                }
            }
        }
        return Dataset.wrap(out, data.labels(), data.featureShape(), data.classCount());
    }

    /**
     * Maps {@code values} in place (a row or several rows of this normalizer's width).
     *
     * @param values whole rows of features, changed in place
     */
    public void applyInPlace(double[] values) {
        int w = shift.length;
        if (w != 1 && values.length % w != 0) {
            throw new IllegalArgumentException(values.length + " values are not whole rows of " + w);
        }
        for (int k = 0; k < values.length; k++) {
            int j = w == 1 ? 0 : k % w;
            values[k] = (values[k] - shift[j]) * scale[j];
        }
    }

    /**
     * The subtracted values (one, or one per feature).
     *
     * @return a copy
     */
    public double[] shift() {
        return shift.clone();
    }

    /**
     * The multipliers (one, or one per feature).
     *
     * @return a copy
     */
    public double[] scaleFactors() {
        return scale.clone();
    }

    @Override
    public String toString() {
        return description;
    }

    private static int requireExamples(Dataset train) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("cannot fit a normalizer on an empty data set");
        }
        return train.size();
    }
}
