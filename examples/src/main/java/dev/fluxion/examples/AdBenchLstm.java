package dev.fluxion.examples;

import dev.fluxion.compiler.CompiledFunction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The LSTM part of {@link AdBench}: ADBench's LSTM objective written in the language
 * ({@link LstmProgram}), its value and gradient against {@code lstm_l2_c1024_expected.txt}, and
 * for every LSTM file the agreement with the hand-written adjoint ({@link LstmManual}: ADBench has
 * no reference for the other files), the objective's time, the gradient's and their ratio.
 */
final class AdBenchLstm {

    /** The LSTM files timed, ADBench's l ∈ {2, 4} and c ∈ {1024, 4096}. */
    static final List<String> FILES = List.of("lstm_l2_c1024.txt", "lstm_l2_c4096.txt", "lstm_l4_c1024.txt",
            "lstm_l4_c4096.txt");

    /** The reference gives the objective to 8 significant digits only. */
    static final double OBJECTIVE_DIGITS = 5e-9;

    private AdBenchLstm() {
    }

    /** The largest difference from the reference, objective and gradient, or NaN if the sizes differ. */
    static double[] agreement(LstmProblem problem, LstmProblem.Reference expected) {
        CompiledFunction f = LstmProgram.compile(problem);
        double[] x = problem.inputs();
        double worst = AdBenchHand.largest(f.gradient(x), expected.gradient());
        return Double.isNaN(worst) ? new double[] {Double.NaN, Double.NaN}
                : new double[] {Math.abs(f.value(x) - expected.objective()), worst};
    }

    /** Prints the agreement and the table; false when anything disagrees. */
    static boolean run(Options options) throws IOException {
        Path dir = options.data().resolve("lstm");
        LstmProblem first = LstmProblem.read(dir.resolve(FILES.get(0)));
        double[] d = agreement(first, LstmProblem.Reference.read(dir.resolve("lstm_l2_c1024_expected.txt")));
        boolean ok = d[0] <= OBJECTIVE_DIGITS && d[1] <= AdBench.TOLERANCE;
        System.out.printf(Locale.ROOT, "lstm/lstm_l2_c1024.txt, the program %s (a for loop kept as a Java loop): objective"
                + " %s (difference %.1e, the reference has 8 digits), 266 gradient entries %s (largest difference %.1e,"
                + " tolerance %.0e)%n", "adbench/lstm_l2_b14.flx", d[0] <= OBJECTIVE_DIGITS ? "agrees" : "DISAGREES", d[0],
                d[1] <= AdBench.TOLERANCE ? "agree" : "DISAGREE", d[1], AdBench.TOLERANCE);
        System.out.printf(Locale.ROOT, "%-22s %3s %5s %3s %10s %11s %11s %6s %9s  %s%n", "LSTM file", "l", "c", "b",
                "compile", "f (us)", "grad (us)", "g/f", "vs manual", "tape");
        for (String file : FILES) {
            LstmProblem pr = LstmProblem.read(dir.resolve(file));
            long t0 = System.nanoTime();
            CompiledFunction f = LstmProgram.compile(pr);
            double compile = (System.nanoTime() - t0) / 1e9;
            double[] x = pr.inputs();
            double manual = Math.max(Math.abs(f.value(x) - LstmManual.objective(pr, x)),
                    AdBenchHand.largest(f.gradient(x), LstmManual.gradient(pr, x)));
            ok &= manual <= AdBench.TOLERANCE;
            double seconds = options.quiet() ? 0.5 : 3;
            double fv = AdBench.micros(() -> f.value(x), seconds);
            double gv = AdBench.micros(() -> f.gradient(x), seconds);
            System.out.printf(Locale.ROOT, "%-22s %3d %5d %3d %9.2fs %11.1f %11.1f %6.2f %9.1e  %s%n", file, pr.l(), pr.c(),
                    pr.b(), compile, fv, gv, gv / fv, manual, f.compilation().tapeReport());
        }
        System.out.println("  f: the objective; grad: the objective and its gradient w.r.t. main and extra parameters"
                + " (8lb + 3b values); vs manual: the largest difference from LstmManual's objective and gradient"
                + " (a hand-written adjoint, tolerance " + AdBench.TOLERANCE + "); rough medians, not a benchmark.");
        return ok;
    }
}
