package dev.fluxion.runtime.check;

import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.random.Rng;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a model's generated gradient against central finite differences on sampled
 * coordinates of every parameter.
 *
 * <p>For a sampled coordinate w of a parameter, with step h = {@code step}·max(1, |w|):
 * <pre>
 *   numeric  = (L(w + h) − L(w − h)) / 2h        (error O(h²))
 *   relative = |analytic − numeric| / max(|analytic|, |numeric|, floor)
 * </pre>
 * The floor keeps coordinates whose true derivative is zero (a dead ReLU, a padding
 * pixel) from turning rounding noise into a large relative error; their absolute error
 * is compared with the floor instead. Every parameter is checked, small ones entirely
 * and large ones on {@code samplesPerParameter} coordinates drawn without replacement
 * from a seeded {@link Rng}, so a failing check can be rerun exactly.
 *
 * <p>The check restores every parameter it perturbs (bit for bit) and leaves the
 * gradient buffers holding the gradient at the unperturbed point. Losses are evaluated
 * with {@link Model#loss}, the gradient with {@link Model#lossAndGradient}, so a model
 * whose two passes disagree about the loss is caught too.
 *
 * @param step                relative finite-difference step, e.g. 1e-5 for doubles
 * @param samplesPerParameter coordinates checked per parameter (all if it has fewer)
 * @param floor               the smallest denominator of the relative error
 * @param seed                chooses the coordinates
 */
public record GradientCheck(double step, int samplesPerParameter, double floor, long seed) {

    /**
     * Checks the settings, so a check that could not detect anything fails at once.
     *
     * @param step the relative step, in (0, 1)
     * @param samplesPerParameter coordinates per parameter, positive
     * @param floor the smallest denominator, positive
     * @param seed chooses the coordinates
     * @throws IllegalArgumentException if a setting is out of range
     */
    public GradientCheck {
        if (!(step > 0 && step < 1)) {
            throw new IllegalArgumentException("finite-difference step must be in (0, 1), got " + step);
        }
        if (samplesPerParameter <= 0) {
            throw new IllegalArgumentException("samples per parameter must be positive, got " + samplesPerParameter);
        }
        if (!(floor > 0)) {
            throw new IllegalArgumentException("floor must be positive, got " + floor);
        }
    }

    /**
     * Step 1e-5 (about the cube root of the double epsilon, where the truncation and
     * rounding errors of central differences balance), 20 coordinates per parameter, floor 1e-6.
     *
     * @param seed chooses the coordinates
     * @return the check
     */
    public static GradientCheck defaults(long seed) {
        return new GradientCheck(1e-5, 20, 1e-6, seed);
    }

    /**
     * The same with another number of coordinates per parameter: more is slower (two loss
     * evaluations each) and catches errors confined to a few coordinates.
     *
     * @param samples coordinates per parameter
     * @return a changed copy
     */
    public GradientCheck withSamples(int samples) {
        return new GradientCheck(step, samples, floor, seed);
    }

    /**
     * How far {@code model}'s gradient is from {@code reference}'s at the reference's
     * parameters: the check for a model whose loss is too rounded for finite differences
     * (matrix products in float32) against the same program compiled in double, which
     * {@link #run} checks. Copies the reference's parameters into {@code model}.
     *
     * @param model the model under test; its parameters are overwritten
     * @param reference the same program, checked; its parameters are the point
     * @param inputs one buffer per model input
     * @param batch the number of examples in them
     * @return max |g − r| over every gradient entry, divided by max |r|
     * @throws IllegalArgumentException if the two models' parameters differ in number or size
     */
    public static double relativeDifference(Model model, Model reference, double[][] inputs, int batch) {
        double[][] to = model.parameters();
        double[][] from = reference.parameters();
        if (to.length != from.length) {
            throw new IllegalArgumentException("models have " + to.length + " and " + from.length + " parameters");
        }
        for (int p = 0; p < to.length; p++) {
            if (to[p].length != from[p].length) {
                throw new IllegalArgumentException("parameter " + p + " has " + to[p].length + " and " + from[p].length
                        + " elements");
            }
            System.arraycopy(from[p], 0, to[p], 0, to[p].length);
        }
        model.lossAndGradient(inputs, batch);
        reference.lossAndGradient(inputs, batch);
        double[][] g = model.gradients();
        double[][] r = reference.gradients();
        double largest = 0;
        double diff = 0;
        for (int p = 0; p < g.length; p++) {
            for (int i = 0; i < g[p].length; i++) {
                largest = Math.max(largest, Math.abs(r[p][i]));
                diff = Math.max(diff, Math.abs(g[p][i] - r[p][i]));
            }
        }
        return diff / largest;
    }

    /**
     * Runs the check at the model's current parameters on one batch. The parameters are
     * restored afterwards; the gradient buffers hold the gradient at that point.
     *
     * @param model the model, initialized
     * @param inputs one buffer per model input
     * @param batch the number of examples in them
     * @return the errors per parameter and the worst coordinate
     * @throws IllegalStateException if the loss is not finite at the checked point
     */
    public GradientCheckReport run(Model model, double[][] inputs, int batch) {
        String[] names = model.parameterNames();
        double[][] params = model.parameters();
        double[][] grads = model.gradients();
        double loss = model.lossAndGradient(inputs, batch);
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("model '" + model.name() + "' gives a non-finite loss " + loss
                    + " at the checked point");
        }
        double[][] analytic = new double[grads.length][];
        for (int p = 0; p < grads.length; p++) {
            analytic[p] = grads[p].clone();
        }
        List<GradientCheckReport.Entry> entries = new ArrayList<>();
        for (int p = 0; p < params.length; p++) {
            double[] w = params[p];
            int[] coords = sample(w.length, Rng.derive(seed, p));
            GradientCheckReport.Entry worst = null;
            for (int i : coords) {
                double original = w[i];
                double h = step * Math.max(1.0, Math.abs(original));
                w[i] = original + h;
                double plus = model.loss(inputs, batch);
                w[i] = original - h;
                double minus = model.loss(inputs, batch);
                w[i] = original;
                double numeric = (plus - minus) / (2 * h);
                double a = analytic[p][i];
                double rel = Math.abs(a - numeric) / Math.max(floor, Math.max(Math.abs(a), Math.abs(numeric)));
                if (Double.isNaN(rel)) {
                    rel = Double.POSITIVE_INFINITY;
                }
                if (worst == null || rel > worst.relativeError()) {
                    worst = new GradientCheckReport.Entry(names[p], i, a, numeric, rel, coords.length, w.length);
                }
            }
            if (worst != null) {
                entries.add(worst);
            }
        }
        // Leave the gradient buffers as the model wrote them at the unperturbed point.
        for (int p = 0; p < grads.length; p++) {
            System.arraycopy(analytic[p], 0, grads[p], 0, grads[p].length);
        }
        return new GradientCheckReport(model.name(), loss, entries);
    }

    private int[] sample(int n, Rng rng) {
        if (n <= samplesPerParameter) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        // Partial Fisher-Yates over a virtual identity permutation: k distinct indices.
        java.util.HashMap<Integer, Integer> swapped = new java.util.HashMap<>();
        int[] out = new int[samplesPerParameter];
        for (int k = 0; k < samplesPerParameter; k++) {
            int j = k + rng.nextInt(n - k);
            int vj = swapped.getOrDefault(j, j);
            int vk = swapped.getOrDefault(k, k);
            out[k] = vj;
            swapped.put(j, vk);
        }
        java.util.Arrays.sort(out);
        return out;
    }
}
