package dev.fluxion.bench.nets;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.runtime.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * An ADBench GMM file ({@code shared/adbench/README.md}: {@code d K n}, α, μ, icf, the
 * points, then γ and m) and the general GMM program of
 * {@code examples/gmm/gmm.flx.template} instantiated for its d and K.
 *
 * <p>The program fixes γ = 1 and m = 0, which every ADBench file uses; a file with other
 * values is rejected rather than given a wrong objective.
 *
 * @param d      dimension of a point
 * @param k      number of components
 * @param n      number of points
 * @param params α (K), μ (K·d), icf (K·d(d+1)/2), in the gradient order of ADBench
 * @param x      the points, n rows of d
 */
public record GmmProblem(int d, int k, int n, double[][] params, double[] x) {

    /**
     * Objectives computed independently for the larger files (from the ADBench README),
     * keyed by the file's path relative to the GMM data directory.
     */
    public static final Map<String, Double> REFERENCE_OBJECTIVES = Map.of(
            "1k/gmm_d2_K5.txt", -5240.59056254965,
            "1k/gmm_d2_K10.txt", -3484.55236634819,
            "1k/gmm_d10_K5.txt", -31302.5409109107,
            "10k/gmm_d2_K5.txt", -52512.3060545236);

    public GmmProblem {
        params = new double[][] {params[0].clone(), params[1].clone(), params[2].clone()};
        x = x.clone();
    }

    /** Reads a GMM file whose points are all listed (not the 2.5M file, which keeps one point). */
    public static GmmProblem read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GMM file " + file, e);
        }
        double[] v = Arrays.stream(text.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
        int d = (int) v[0];
        int k = (int) v[1];
        int n = (int) v[2];
        int[] sizes = {k, k * d, k * d * (d + 1) / 2};
        double[][] params = new double[3][];
        int at = 3;
        for (int i = 0; i < 3; i++) {
            params[i] = Arrays.copyOfRange(v, at, at + sizes[i]);
            at += sizes[i];
        }
        if (v.length != at + n * d + 2) {
            throw new IllegalArgumentException(file + ": expected " + (at + n * d + 2) + " numbers for d=" + d + " K=" + k
                    + " n=" + n + " with every point listed, found " + v.length);
        }
        double gamma = v[at + n * d];
        double m = v[at + n * d + 1];
        if (gamma != 1 || m != 0) {
            throw new IllegalArgumentException(file + ": the GMM program assumes gamma = 1, m = 0; the file has gamma = "
                    + gamma + ", m = " + m);
        }
        return new GmmProblem(d, k, n, params, Arrays.copyOfRange(v, at, at + n * d));
    }

    /** The model text: the template with d, K, d(d−1)/2, d + d(d−1)/2 and the prior's constant C filled in. */
    public String program(String template) {
        int p = d * (d - 1) / 2;
        return template.replace("{D}", String.valueOf(d)).replace("{K}", String.valueOf(k))
                .replace("{P}", String.valueOf(p)).replace("{T}", String.valueOf(d + p))
                .replace("{C}", Double.toString(priorConstant(d)));
    }

    /** The program at the default template location (see {@link Locations}). */
    public String program() {
        try {
            return program(Files.readString(Locations.gmmTemplate()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GMM template", e);
        }
    }

    /** A compiled model of {@code program} holding this file's parameters. */
    public Model compile(String program) {
        Model m = Fluxion.create().compileModel(program).newModel();
        for (int i = 0; i < 3; i++) {
            System.arraycopy(params[i], 0, m.parameters()[i], 0, params[i].length);
        }
        return m;
    }

    /**
     * The model's inputs: the points, then the constant selectors diag[j, a, b] = 1 iff
     * j = a = b and lower[p, a, b] = 1 iff entry p of l fills (a, b), column by column.
     */
    public double[][] inputs() {
        double[] diag = new double[d * d * d];
        for (int j = 0; j < d; j++) {
            diag[(j * d + j) * d + j] = 1;
        }
        double[] lower = new double[Math.max(1, d * (d - 1) / 2) * d * d];
        int p = 0;
        for (int col = 0; col < d; col++) {
            for (int row = col + 1; row < d; row++) {
                lower[(p++ * d + row) * d + col] = 1;
            }
        }
        return new double[][] {x.clone(), diag, lower};
    }

    /**
     * C = n′d(log γ − ½ log 2) − log Γ_d(n′/2) with γ = 1, m = 0, so n′ = d + 1, and
     * log Γ_d(a) = ¼d(d−1) log π + Σ_{j=1..d} lgamma(a + (1 − j)/2).
     */
    static double priorConstant(int d) {
        double np = d + 1;
        double logGamma = 0.25 * d * (d - 1) * Math.log(Math.PI);
        for (int j = 1; j <= d; j++) {
            logGamma += lgamma(np / 2 + (1 - j) / 2.0);
        }
        return np * d * (-0.5 * Math.log(2)) - logGamma;
    }

    /** log Γ(a) for a positive multiple of 1/2 (all the prior needs), exactly from Γ(1) = 1 and Γ(1/2) = √π. */
    static double lgamma(double a) {
        if (a <= 0 || 2 * a != Math.rint(2 * a)) {
            throw new IllegalArgumentException("lgamma here takes positive multiples of 1/2, got " + a);
        }
        boolean whole = a == Math.rint(a);
        double r = whole ? 0 : 0.5 * Math.log(Math.PI);
        for (double t = whole ? 1 : 0.5; t < a - 1e-9; t += 1) {
            r += Math.log(t);
        }
        return r;
    }
}
