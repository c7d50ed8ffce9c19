package dev.fluxion.examples;

import dev.fluxion.runtime.train.EpochMetrics;
import dev.fluxion.runtime.train.History;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The closing lines a classifier example prints: accuracy against its target, time, files. */
final class Report {

    private Report() {
    }

    /** Prints the summary; returns whether the last epoch's test accuracy reached {@code target} (a fraction; NaN: no target). */
    static boolean print(String name, History history, double target, double compileSeconds, double trainSeconds,
                         List<Path> files) {
        EpochMetrics last = history.last();
        boolean met = Double.isNaN(target) || last.testAccuracy() >= target;
        String verdict = Double.isNaN(target) ? ""
                : String.format(Locale.ROOT, " (target %.1f%%: %s)", 100 * target, met ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "%s: test accuracy %.2f%% after %d epochs%s%n", name,
                100 * last.testAccuracy(), last.epoch(), verdict);
        System.out.printf(Locale.ROOT, "compile %.2f s, training and evaluation %.1f s%n", compileSeconds, trainSeconds);
        for (Path f : files) {
            System.out.println("wrote " + f);
        }
        return met;
    }
}
