package dev.fluxion.examples;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.runtime.model.Model;

/**
 * The ADBench GMM objective as programs of the language: {@code gmm/gmm_d2.flx} (d = 2,
 * spelled out) and {@code gmm/gmm.flx.template} (any d and K, with einsum), both by the tensor
 * work in {@code examples/gmm/}. The template's placeholders ({D} {K} {P} {T} and the prior's
 * constant {C}, which needs log Γ) are filled here. The points are the batch; the
 * template also takes two constant selector tensors that place q and l in Q.
 */
public final class GmmProgram {

    private GmmProgram() {
    }

    /** The d = 2, K = 3 program with γ = 1, m = 0 written out. */
    public static String spelledOut() {
        return Programs.read("gmm/gmm_d2.flx");
    }

    /** The general program for dimension {@code d} and {@code k} components (γ = 1, m = 0, as in every file). */
    public static String general(int d, int k) {
        int p = d * (d - 1) / 2;
        return Programs.read("gmm/gmm.flx.template").replace("{D}", String.valueOf(d)).replace("{K}", String.valueOf(k))
                .replace("{P}", String.valueOf(p)).replace("{T}", String.valueOf(d + p))
                .replace("{C}", Double.toString(priorConstant(d, 1, 0)));
    }

    /**
     * C = n′·d·(log γ − ½ log 2) − log Γ_d(n′/2) with n′ = d + m + 1, where
     * log Γ_d(a) = ¼·d(d−1)·log π + Σⱼ log Γ(a + (1 − j)/2).
     */
    public static double priorConstant(int d, double gamma, double m) {
        double np = d + m + 1;
        double logGammaD = 0.25 * d * (d - 1) * Math.log(Math.PI);
        for (int j = 1; j <= d; j++) {
            logGammaD += logGammaHalf(np / 2 + (1 - j) / 2.0);
        }
        return np * d * (Math.log(gamma) - 0.5 * Math.log(2)) - logGammaD;
    }

    /**
     * log Γ(a) for a positive multiple of ½ (all the prior needs when m is whole), exactly
     * from Γ(1) = 1, Γ(½) = √π and Γ(a + 1) = a·Γ(a).
     */
    static double logGammaHalf(double a) {
        if (!(a > 0) || 2 * a != Math.rint(2 * a)) {
            throw new IllegalArgumentException("log Gamma is implemented for positive multiples of 1/2, got " + a);
        }
        boolean whole = a == Math.rint(a);
        double r = whole ? 0 : 0.5 * Math.log(Math.PI);
        for (double t = whole ? 1 : 0.5; t < a - 1e-9; t += 1) {
            r += Math.log(t);
        }
        return r;
    }

    /** The selector inputs of the general program: diag[j, a, b] = [j = a = b], lower[p, a, b] = [l_p fills (a, b)]. */
    public static double[][] selectors(int d) {
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
        return new double[][] {diag, lower};
    }

    /** The inputs of the general program for {@code problem}: points, then the selectors. */
    public static double[][] inputs(GmmProblem problem) {
        double[][] s = selectors(problem.d());
        return new double[][] {problem.x(), s[0], s[1]};
    }

    /** A model compiled from {@code source} holding {@code problem}'s parameters. */
    public static Model load(String source, GmmProblem problem) {
        if (problem.gamma() != 1 || problem.m() != 0) {
            throw new IllegalArgumentException("the programs fix gamma = 1 and m = 0; the file has gamma = "
                    + problem.gamma() + ", m = " + problem.m());
        }
        Model model = Fluxion.create().compileModel(source).newModel();
        for (int i = 0; i < 3; i++) {
            System.arraycopy(problem.params()[i], 0, model.parameters()[i], 0, problem.params()[i].length);
        }
        return model;
    }

    /** The general program instantiated for {@code problem}'s d and K, compiled, holding its parameters. */
    public static Model loadGeneral(GmmProblem problem) {
        return load(general(problem.d(), problem.k()), problem);
    }
}
