package dev.fluxion.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The hand part of {@link AdBench}: ADBench's hand objective written in the language
 * ({@code adbench/hand.flx}, {@link HandProgram}, put together by {@link HandMap}); the test
 * inputs against {@code hand_test_expected.txt} (ADBench's HandTests.cpp) to 1e-8; every other
 * input's residuals against ADBench's objective transcribed in plain Java ({@link HandDirect},
 * 1e-8) and its Jacobian against that transcription's central differences (ADBench's
 * finite-difference tolerance, 1e-6); then each input's objective time, Jacobian time and ratio.
 */
public final class AdBenchHand {

    /** The inputs with ADBench's expected values. */
    public static final List<String> TESTS = List.of("test.txt", "hand_complicated.txt");
    /** The timed inputs: ADBench's small hand files, N = 100, 800 and 12,800, in both variants. */
    public static final List<String> FILES = List.of("simple_small/hand1_t26_c100.txt", "simple_small/hand5_t26_c800.txt",
            "simple_small/hand9_t26_c12800.txt", "complicated_small/hand1_t26_c100.txt", "complicated_small/hand5_t26_c800.txt",
            "complicated_small/hand9_t26_c12800.txt");
    /** ADBench's tolerance for finite differences. */
    static final double DIFFERENCES = 1e-6;
    /** The central differences' step. */
    static final double STEP = 1e-5;

    private AdBenchHand() {
    }

    /**
     * The largest difference of {@code file}'s residuals and Jacobian from {@code hand_test_expected.txt}:
     * {residuals, Jacobian}.
     */
    public static double[] againstReference(HandProgram.Functions f, Path handDir, String file) throws IOException {
        HandProblem pr = HandProblem.read(handDir.resolve(file));
        HandProblem.Reference want = HandProblem.Reference.read(handDir.resolve("hand_test_expected.txt"), pr.complicated());
        HandMap map = new HandMap(f, pr);
        double[] err = new double[map.rows()];
        double[] jac = new double[map.rows() * map.cols()];
        map.jacobian(pr.theta(), pr.us(), err, jac);
        return new double[] {largest(err, want.residuals()), largest(jac, want.jacobian())};
    }

    /** {residuals against HandDirect, Jacobian against its central differences, residuals of values() against jacobian()'s}. */
    static double[] againstDirect(HandMap map, HandProblem pr) {
        double[] err = new double[map.rows()];
        double[] jac = new double[map.rows() * map.cols()];
        map.jacobian(pr.theta(), pr.us(), err, jac);
        double[] values = new double[map.rows()];
        map.values(pr.theta(), pr.us(), values);
        return new double[] {largest(err, HandDirect.residuals(pr, pr.theta(), pr.us())),
            largest(jac, HandDirect.centralDifferences(pr, STEP)), largest(values, err)};
    }

    static double largest(double[] a, double[] b) {
        if (a.length != b.length) {
            return Double.NaN;
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    /** Prints the agreement and the table; false when anything disagrees. */
    static boolean run(Options options) throws IOException {
        Path dir = options.data().resolve("hand");
        long t0 = System.nanoTime();
        HandProgram.Functions f = HandProgram.compile();
        double compile = (System.nanoTime() - t0) / 1e9;
        boolean ok = true;
        for (String file : TESTS) {
            double[] d = againstReference(f, dir, file);
            boolean agree = d[0] <= AdBench.TOLERANCE && d[1] <= AdBench.TOLERANCE;
            ok &= agree;
            System.out.printf(Locale.ROOT, "hand/%s, the program adbench/hand.flx (pose once, then a per-item map over the"
                    + " points): residuals and Jacobian against hand_test_expected.txt (ADBench): %s, largest differences"
                    + " %.1e and %.1e (tolerance %.0e)%n", file, agree ? "agree" : "DISAGREE", d[0], d[1], AdBench.TOLERANCE);
        }
        System.out.printf(Locale.ROOT, "%-40s %6s %5s %11s %11s %6s  %-30s%n", "Hand file (compiled in " + String.format(Locale.ROOT,
                "%.1f", compile) + " s)", "N", "J", "f (us)", "J (us)", "J/f", "agreement (residuals, J vs central diff.)");
        for (String file : FILES) {
            HandProblem pr = HandProblem.read(dir.resolve(file));
            HandMap map = new HandMap(f, pr);
            double[] d = againstDirect(map, pr);
            boolean agree = d[0] <= AdBench.TOLERANCE && d[1] <= DIFFERENCES && d[2] == 0;
            ok &= agree;
            double[] err = new double[map.rows()];
            double[] jac = new double[map.rows() * map.cols()];
            double seconds = options.quiet() ? 0.5 : 3;
            double fv = AdBench.micros(() -> map.values(pr.theta(), pr.us(), err), seconds);
            double jv = AdBench.micros(() -> map.jacobian(pr.theta(), pr.us(), err, jac), seconds);
            System.out.printf(Locale.ROOT, "%-40s %6d %5s %11.1f %11.1f %6.2f  %s %.1e, %.1e%n", file, pr.n(),
                    map.rows() / pr.n() + "N×" + map.cols(), fv, jv, jv / fv, agree ? "agree" : "DISAGREE", d[0], d[1]);
        }
        System.out.println("  f: the 3N residuals (the pose, then the point function per point); J: the residuals and the"
                + " Jacobian in ADBench's layout, dense row-major, into a kept array (the pose's 267 × 26 sparse Jacobian"
                + " by 7 JVPs, each point's block by 3 adjoint sweeps, then the chain rule). Agreement: the residuals"
                + " against ADBench's objective in plain Java (1e-8), J against its central differences (step 1e-5,"
                + " tolerance 1e-6). Rough medians, not a benchmark (bench/run-adbench.sh).");
        return ok;
    }
}
