package dev.fluxion.runtime.random;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), with uniform and Gaussian draws defined so the
 * same seed gives the same numbers on every JVM and platform.
 *
 * <p>Why our own: {@link java.util.SplittableRandom} uses the same core but its
 * {@code nextGaussian} comes from a shared default whose algorithm changed in JDK 17, and
 * {@link Math#log} may differ by an ulp between platforms (it is an intrinsic). Here the
 * 64-bit stream is fully specified and the Gaussian uses the Marsaglia polar method with
 * {@link StrictMath}, whose results are fixed by the Java specification.
 *
 * <p>Mutable and not thread-safe: give each consumer its own instance, derived with
 * {@link #derive(long, long)} so that, for example, adding a parameter to a model does not
 * change the initial values of the others.
 */
public final class Rng {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    /**
     * A generator whose stream is a pure function of {@code seed}.
     *
     * @param seed any value
     */
    public Rng(long seed) {
        this.state = seed;
    }

    /**
     * A generator for sub-stream {@code stream} of {@code seed}: the two are mixed through
     * the SplitMix64 finalizer, so nearby seeds and streams give unrelated sequences.
     *
     * @param seed the run's seed
     * @param stream the sub-stream, e.g. a hash of a parameter's name
     * @return a new generator
     */
    public static Rng derive(long seed, long stream) {
        return new Rng(mix64(seed ^ mix64(stream + GOLDEN_GAMMA)));
    }

    /**
     * The next 64 uniformly distributed bits.
     *
     * @return 64 random bits
     */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /**
     * A uniform double in [0, 1), with 53 random bits.
     *
     * @return a value in [0, 1)
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /**
     * A uniform double in [low, high).
     *
     * @param low the smallest value
     * @param high the bound above
     * @return a value in [low, high)
     */
    public double nextDouble(double low, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException("need low < high, got [" + low + ", " + high + ")");
        }
        double r = low + (high - low) * nextDouble();
        return r < high ? r : Math.nextDown(high);
    }

    /**
     * A uniform int in [0, bound), without modulo bias: draws whose low part falls in the
     * incomplete last block are rejected (Lemire's method).
     *
     * @param bound positive
     * @return a value in [0, bound)
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /**
     * A standard normal draw (mean 0, standard deviation 1), by the Marsaglia polar method.
     *
     * @return a draw from N(0, 1)
     */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2.0 * nextDouble() - 1.0;
            v = 2.0 * nextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double f = StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }

    /**
     * Shuffles {@code a} in place (Fisher-Yates), every permutation equally likely.
     *
     * @param a the array to shuffle
     */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The SplitMix64 output function (a variant of MurmurHash3's finalizer). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
