package dev.fluxion.runtime.init;

import dev.fluxion.runtime.random.Rng;

/**
 * A rule that fills a parameter buffer with initial values. Implementations are
 * immutable; all randomness comes from the {@link Rng} passed in, so the same generator
 * state gives the same values.
 */
public sealed interface Initializer
        permits Initializer.Constant, Initializer.Uniform, Initializer.Normal, Initializer.VarianceScaling {

    /**
     * Fills {@code values} (a flat row-major tensor of shape {@code shape}) in place.
     *
     * @param values the parameter buffer
     * @param shape  its shape, from which the variance-scaling rules compute the fans
     * @param rng    the only source of randomness, so a seed fixes the result
     */
    void fill(double[] values, int[] shape, Rng rng);

    /**
     * The name that {@link Initializers#parse} reads back to this initializer.
     *
     * @return e.g. {@code zeros}, {@code uniform(-0.1, 0.1)} or {@code he_uniform}
     */
    String describe();

    /**
     * Every value equal to {@code value} ({@code zeros} is {@code Constant(0)}).
     *
     * @param value a finite value
     */
    record Constant(double value) implements Initializer {
        /**
         * Rejects non-finite values.
         *
         * @param value the value
         */
        public Constant {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("constant initializer needs a finite value, got " + value);
            }
        }

        @Override
        public void fill(double[] values, int[] shape, Rng rng) {
            java.util.Arrays.fill(values, value);
        }

        @Override
        public String describe() {
            return value == 0.0 ? "zeros" : value == 1.0 ? "ones" : "constant(" + value + ")";
        }
    }

    /**
     * Independent draws from U[low, high).
     *
     * @param low  the smallest value, finite
     * @param high the bound above, finite and greater than {@code low}
     */
    record Uniform(double low, double high) implements Initializer {
        /**
         * Requires low &lt; high, both finite.
         *
         * @param low the smallest value
         * @param high the bound above
         */
        public Uniform {
            if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
                throw new IllegalArgumentException("uniform initializer needs finite low < high, got ["
                        + low + ", " + high + ")");
            }
        }

        @Override
        public void fill(double[] values, int[] shape, Rng rng) {
            for (int i = 0; i < values.length; i++) {
                values[i] = rng.nextDouble(low, high);
            }
        }

        @Override
        public String describe() {
            return "uniform(" + low + ", " + high + ")";
        }
    }

    /**
     * Independent draws from N(mean, std²).
     *
     * @param mean the mean, finite
     * @param std  the standard deviation, finite and at least 0
     */
    record Normal(double mean, double std) implements Initializer {
        /**
         * Requires std &gt;= 0, both finite.
         *
         * @param mean the mean
         * @param std the standard deviation
         */
        public Normal {
            if (!(std >= 0) || !Double.isFinite(mean) || !Double.isFinite(std)) {
                throw new IllegalArgumentException("normal initializer needs a finite mean and std >= 0, got mean="
                        + mean + " std=" + std);
            }
        }

        @Override
        public void fill(double[] values, int[] shape, Rng rng) {
            for (int i = 0; i < values.length; i++) {
                values[i] = mean + std * rng.nextGaussian();
            }
        }

        @Override
        public String describe() {
            return "normal(" + mean + ", " + std + ")";
        }
    }

    /**
     * Draws whose variance is {@code scale / n}, with n = fan-in, fan-out or their mean
     * (see {@link Fans}); uniform on [-√(3·scale/n), √(3·scale/n)] or normal with
     * std √(scale/n). This one family covers Xavier/Glorot (scale 1, mean of the fans:
     * variance 2/(in+out)), He (scale 2, fan-in: keeps ReLU activations' variance) and
     * LeCun (scale 1, fan-in).
     *
     * @param scale   the variance numerator
     * @param mode    which fan divides it
     * @param uniform uniform if true, normal if false
     * @param name    the name it was declared by, for {@link #describe()}
     */
    record VarianceScaling(double scale, FanMode mode, boolean uniform, String name) implements Initializer {
        /**
         * Requires a positive finite scale.
         *
         * @param scale the variance numerator
         * @param mode which fan divides it
         * @param uniform uniform if true, normal if false
         * @param name the declared name
         */
        public VarianceScaling {
            if (!(scale > 0) || !Double.isFinite(scale)) {
                throw new IllegalArgumentException("variance scale must be positive, got " + scale);
            }
            java.util.Objects.requireNonNull(mode, "mode");
            java.util.Objects.requireNonNull(name, "name");
        }

        /**
         * The variance this initializer gives a parameter of shape {@code shape}.
         *
         * @param shape the parameter's shape
         * @return {@code scale / n} for the fan n of that shape
         */
        public double variance(int[] shape) {
            Fans fans = Fans.of(shape);
            double n = switch (mode) {
                case FAN_IN -> fans.in();
                case FAN_OUT -> fans.out();
                case FAN_AVG -> (fans.in() + fans.out()) / 2.0;
            };
            return scale / n;
        }

        @Override
        public void fill(double[] values, int[] shape, Rng rng) {
            double variance = variance(shape);
            if (uniform) {
                double limit = Math.sqrt(3.0 * variance);
                for (int i = 0; i < values.length; i++) {
                    values[i] = rng.nextDouble(-limit, limit);
                }
            } else {
                double std = Math.sqrt(variance);
                for (int i = 0; i < values.length; i++) {
                    values[i] = std * rng.nextGaussian();
                }
            }
        }

        @Override
        public String describe() {
            return name;
        }
    }

    /** Which fan a {@link VarianceScaling} initializer divides by. */
    enum FanMode {
        /** The inputs of one unit: keeps the forward activations' variance (He, LeCun). */
        FAN_IN,
        /** The outputs of one unit: keeps the backward gradients' variance. */
        FAN_OUT,
        /** The mean of the two, a compromise between both passes (Xavier/Glorot). */
        FAN_AVG
    }
}
