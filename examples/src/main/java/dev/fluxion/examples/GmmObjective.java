package dev.fluxion.examples;

import dev.fluxion.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ADBench GMM objective (Gaussian mixture log-likelihood with a Wishart prior) written
 * in the language, against ADBench's expected values: on {@code gmm/test.txt} (d = 2, K = 3,
 * n = 1) both programs reproduce the objective and the 18-entry gradient to 1e-8; on the
 * 1k and 10k files the general program reproduces the objectives listed in the ADBench
 * README (relative 1e-9) and prints the time of the objective and of the gradient.
 * Exits with status 1 when anything disagrees.
 */
public final class GmmObjective {

    /** ADBench's tolerance for the test case. */
    public static final double TOLERANCE = 1e-8;
    /**
     * The larger files and their objectives, computed independently (from
     * /work/shared/adbench/README.md, ADBench, MIT licence), keyed by the file's path relative to
     * the GMM data directory, in a fixed order so that what is printed is too.
     */
    public static final Map<String, Double> REFERENCE_OBJECTIVES = referenceObjectives();

    private GmmObjective() {
    }

    private static Map<String, Double> referenceObjectives() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("1k/gmm_d2_K5.txt", -5240.59056254965);
        m.put("1k/gmm_d2_K10.txt", -3484.55236634819);
        m.put("1k/gmm_d10_K5.txt", -31302.5409109107);
        m.put("10k/gmm_d2_K5.txt", -52512.3060545236);
        return Collections.unmodifiableMap(m);
    }

    /** The expected objective and gradient of the test case: {objective, g0, g1, ...}. */
    public static double[] expectedTestCase(Path gmmDir) throws IOException {
        String[] lines = Files.readAllLines(gmmDir.resolve("gmm_test_expected.txt")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toArray(String[]::new);
        double objective = Double.parseDouble(lines[0].trim().split("\\s+")[1]);
        double[] gradient = Arrays.stream(lines[1].trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
        double[] all = new double[gradient.length + 1];
        all[0] = objective;
        System.arraycopy(gradient, 0, all, 1, gradient.length);
        return all;
    }

    /** The objective and gradient entries of {@code model} on {@code inputs} beside {@code expected}. */
    public static List<Agreement> compare(Model model, double[][] inputs, int n, double[] expected) {
        List<Agreement> out = new ArrayList<>();
        out.add(new Agreement("objective", expected[0], model.lossAndGradient(inputs, n), TOLERANCE));
        String[] names = model.parameterNames();
        int g = 1;
        for (int p = 0; p < names.length; p++) {
            double[] grad = model.gradients()[p];
            for (int i = 0; i < grad.length; i++) {
                double want = g < expected.length ? expected[g] : Double.NaN;
                out.add(new Agreement("d/d" + names[p] + "[" + i + "]", want, grad[i], TOLERANCE));
                g++;
            }
        }
        if (g != expected.length) {
            out.add(new Agreement("gradient entries", expected.length - 1, g - 1, 0));
        }
        return out;
    }

    /** Both programs on the test case: the spelled-out one first, then the general one. */
    public static List<List<Agreement>> testCase(Path gmmDir) throws IOException {
        GmmProblem problem = GmmProblem.read(gmmDir.resolve("test.txt"));
        double[] expected = expectedTestCase(gmmDir);
        Model spelled = GmmProgram.load(GmmProgram.spelledOut(), problem);
        Model general = GmmProgram.loadGeneral(problem);
        return List.of(compare(spelled, new double[][] {problem.x()}, problem.n(), expected),
                compare(general, GmmProgram.inputs(problem), problem.n(), expected));
    }

    /** The objective of the general program on {@code file} beside {@code expected}, relative tolerance 1e-9. */
    public static Agreement largerObjective(Path gmmDir, String file, double expected, boolean timed) throws IOException {
        GmmProblem problem = GmmProblem.read(gmmDir.resolve(file));
        Model model = GmmProgram.loadGeneral(problem);
        double[][] inputs = GmmProgram.inputs(problem);
        double objective = model.loss(inputs, problem.n());
        if (timed) {
            System.out.printf(Locale.ROOT, "  %s (d=%d K=%d n=%d): objective %.1f us, objective and gradient %.1f us%n",
                    file, problem.d(), problem.k(), problem.n(), micros(() -> model.loss(inputs, problem.n())),
                    micros(() -> model.lossAndGradient(inputs, problem.n())));
        }
        return new Agreement(file, expected, objective, 1e-9 * Math.abs(expected));
    }

    /** The median time of one call after warming up, in microseconds: a rough figure, not a benchmark. */
    private static double micros(Runnable r) {
        for (int i = 0; i < 200; i++) {
            r.run();
        }
        double[] t = new double[31];
        for (int k = 0; k < t.length; k++) {
            int reps = 20;
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                r.run();
            }
            t[k] = (System.nanoTime() - t0) / 1e3 / reps;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    /** Runs the example: {@code --data DIR} (holding gmm/); prints every comparison. */
    public static void main(String[] args) throws IOException {
        Options options = Options.parseOrExit("gmm", args).withoutInit("gmm").withoutPrecision("gmm");
        Path gmmDir = options.data().resolve("gmm");
        boolean ok = true;
        List<List<Agreement>> cases = testCase(gmmDir);
        String[] titles = {"gmm/gmm_d2.flx (d = 2, spelled out)", "gmm/gmm.flx.template (any d, K; einsum)"};
        for (int c = 0; c < cases.size(); c++) {
            System.out.println("test.txt (d=2 K=3 n=1) with " + titles[c] + ": computed, expected (ADBench)");
            for (Agreement a : cases.get(c)) {
                System.out.println("  " + a.format());
                ok &= a.ok();
            }
        }
        System.out.println("Larger files, general program: objective, expected (ADBench README), relative tol 1e-9");
        for (Map.Entry<String, Double> c : REFERENCE_OBJECTIVES.entrySet()) {
            Agreement a = largerObjective(gmmDir, c.getKey(), c.getValue(), !options.quiet());
            System.out.println("  " + a.format());
            ok &= a.ok();
        }
        System.out.println(ok ? "gmm: every value agrees" : "gmm: DISAGREEMENT");
        if (!ok) {
            System.exit(1);
        }
    }
}
