package dev.fluxion.tests.fuzz;

/**
 * How long the fuzzers run: by default a fixed seed and a fixed count (the build's run);
 * with the system property {@code fluxion.fuzz.minutes} a time-bounded run, split
 * between the scalar and the model fuzzer, from the seed {@code fluxion.fuzz.seed}
 * (default: the clock, printed so the run can be repeated).
 *
 * @param seed          where the cases are drawn from
 * @param deadlineNanos when to stop ({@link System#nanoTime} scale)
 * @param long_         whether this is the long, time-bounded run
 * @param shrinkNanos   how long to spend shrinking one finding
 */
record FuzzSettings(long seed, long deadlineNanos, boolean long_, long shrinkNanos) {

    static final String MINUTES = "fluxion.fuzz.minutes";
    static final String SEED = "fluxion.fuzz.seed";
    /** The seed of the build's run. */
    static final long DEFAULT_SEED = 18;
    /** Cases of the build's scalar run ({@code -Dfluxion.fuzz.programs} changes it, for a quick look). */
    static final int DEFAULT_PROGRAMS = Integer.getInteger("fluxion.fuzz.programs", 2000);
    /** Models of the build's run ({@code -Dfluxion.fuzz.models} changes it). */
    static final int DEFAULT_MODELS = Integer.getInteger("fluxion.fuzz.models", 300);
    static final double SCALAR_SHARE = 0.7;
    static final double MODEL_SHARE = 0.3;

    static FuzzSettings fromSystem(double share) {
        String minutes = System.getProperty(MINUTES);
        if (minutes == null || minutes.isBlank()) {
            return new FuzzSettings(DEFAULT_SEED, Long.MAX_VALUE, false, 10_000_000_000L);
        }
        long nanos = (long) (Double.parseDouble(minutes) * 60e9 * share);
        String seed = System.getProperty(SEED);
        long s = seed == null || seed.isBlank() ? System.currentTimeMillis() : Long.parseLong(seed);
        return new FuzzSettings(s, System.nanoTime() + nanos, true, 30_000_000_000L);
    }

    /** CPU seconds this JVM has used, every thread (the machine is shared: wall time says little). */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }
}
