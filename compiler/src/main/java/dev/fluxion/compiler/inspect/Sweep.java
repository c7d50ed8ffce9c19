package dev.fluxion.compiler.inspect;

import dev.fluxion.compiler.Fluxion;
import java.util.ArrayList;
import java.util.List;

/**
 * Times both modes over the {@link Family} as the number of inputs m grows with n fixed,
 * and as the number of outputs n grows with m fixed: the lecture's point, measured, that
 * reverse mode wins when m ≫ n and forward mode when n ≫ m.
 *
 * @param fixed the other dimension's size while one grows
 * @param sizes the sizes the growing dimension takes, ascending
 */
public record Sweep(int fixed, List<Integer> sizes) {

    /** One measured function of the family. */
    public record Sample(int m, int n, double forwardNanos, double reverseNanos, long forwardOps, long reverseOps) {
    }

    /** Both series: m growing (n = fixed), then n growing (m = fixed). */
    public record Result(int fixed, List<Sample> byInputs, List<Sample> byOutputs) {
    }

    public Sweep {
        sizes = List.copyOf(sizes);
        if (fixed < 1 || sizes.isEmpty() || sizes.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("sizes must be positive and not empty: fixed=" + fixed + ", sizes=" + sizes);
        }
        for (int i = 1; i < sizes.size(); i++) {
            if (sizes.get(i) <= sizes.get(i - 1)) {
                throw new IllegalArgumentException("sizes must ascend: " + sizes);
            }
        }
    }

    /** n (or m) fixed at 4, the other 1, 2, 4, ..., 64: crosses at 4. */
    public static Sweep standard() {
        return new Sweep(4, List.of(1, 2, 4, 8, 16, 32, 64));
    }

    /** 1, 2, 4, ... up to {@code max}. */
    public static List<Integer> powersOfTwo(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the largest size must be at least 1, got " + max);
        }
        List<Integer> sizes = new ArrayList<>();
        for (int s = 1; s <= max && s > 0; s *= 2) {
            sizes.add(s);
        }
        return sizes;
    }

    /**
     * Compiles and times each function.
     *
     * @param progress called with a line per function measured (for a command to show progress); may be null
     */
    public Result run(Fluxion fluxion, Timing timing, java.util.function.Consumer<String> progress) {
        List<Sample> byInputs = new ArrayList<>();
        List<Sample> byOutputs = new ArrayList<>();
        for (int s : sizes) {
            byInputs.add(sample(fluxion, s, fixed, timing, progress));
        }
        for (int s : sizes) {
            byOutputs.add(s == fixed ? byInputs.get(sizes.indexOf(fixed)) : sample(fluxion, fixed, s, timing, progress));
        }
        return new Result(fixed, byInputs, byOutputs);
    }

    private static Sample sample(Fluxion fluxion, int m, int n, Timing timing, java.util.function.Consumer<String> progress) {
        ModeComparison c = ModeComparison.of(fluxion, Family.program(m, n), null, timing);
        if (!(c.maxRelativeDifference() <= 1e-9)) {
            throw new IllegalStateException("forward and reverse disagree on the family at m=" + m + ", n=" + n
                    + ": largest relative difference " + c.maxRelativeDifference());
        }
        Sample s = new Sample(m, n, c.forwardCost().nanos(), c.reverseCost().nanos(), c.forwardCost().totalOps(),
                c.reverseCost().totalOps());
        if (progress != null) {
            progress.accept(String.format(java.util.Locale.ROOT, "m=%3d n=%3d  forward %10s %8d ops   reverse %10s %8d ops", m, n,
                    Numbers.duration(s.forwardNanos()), s.forwardOps(), Numbers.duration(s.reverseNanos()), s.reverseOps()));
        }
        return s;
    }
}
