package dev.fluxion.spark;

import dev.fluxion.runtime.model.Model;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * The distributed loss and gradient, as MLlib's {@code GradientDescent.runMiniBatchSGD} computes
 * its own: the parameters are broadcast, every partition borrows a model from its JVM's
 * {@link ExecutorCache} (buffers allocated once per executor thread, not per partition or
 * example), copies the parameters in, runs {@link Model#lossAndGradient} on its part(s), and
 * {@code treeAggregate} adds the {@link PartialSum}s up; the driver then weighs the total
 * ({@link #finish}).
 *
 * <p>A partition's sum is a pure function of the broadcast parameters and the partition, so a
 * task retried after a failure, or a partition recomputed after an executor is lost, contributes
 * the same bits.
 */
final class Aggregation {

    private final ModelCode code;
    private final InputPlan inputs;
    private final Reduction reduction;
    private final int depth;
    /** One example, with which the driver finds the parameter-only term of a {@link Reduction#SUM} loss. */
    private final Example probe;

    Aggregation(ModelCode code, InputPlan inputs, Reduction reduction, int depth, Example probe) {
        this.code = code;
        this.inputs = inputs;
        this.reduction = reduction;
        this.depth = depth;
        this.probe = probe;
    }

    /**
     * The partial sums of part {@code part} of every partition ({@code -1}: of all their parts).
     */
    PartialSum sum(JavaRDD<Parts> plan, int part, Broadcast<double[][]> parameters) {
        ModelCode c = code;
        InputPlan in = inputs;
        Reduction r = reduction;
        return plan.treeAggregate(new PartialSum(), (acc, parts) -> {
            int from = part < 0 ? 0 : part;
            int to = part < 0 ? parts.parts() : Math.min(part + 1, parts.parts());
            Model model = null;
            try {
                for (int p = from; p < to; p++) {
                    int k = parts.count(p);
                    if (k == 0) {
                        continue; // an empty share: nothing to add, the model is not called
                    }
                    if (model == null) {
                        model = ExecutorCache.borrow(c);
                        copyInto(parameters.value(), model.parameters());
                    }
                    double loss = model.lossAndGradient(in.inputs(parts.blocks(p)), k);
                    acc.add(model, loss, k, r);
                }
            } finally {
                if (model != null) {
                    ExecutorCache.release(c, model);
                }
            }
            return acc;
        }, PartialSum::merge, depth);
    }

    /**
     * The sums of an evaluation over all parts, forward passes only: the weighted loss and, when
     * {@code logits} is not null, the number of examples whose largest logit is their label (read
     * from model input {@code labelInput}: a class index, or a one-hot row).
     */
    EvalSum evaluate(JavaRDD<Parts> plan, Broadcast<double[][]> parameters, String logits, int labelInput) {
        ModelCode c = code;
        InputPlan in = inputs;
        Reduction r = reduction;
        return plan.treeAggregate(new EvalSum(), (acc, parts) -> {
            Model model = null;
            try {
                for (int p = 0; p < parts.parts(); p++) {
                    int k = parts.count(p);
                    if (k == 0) {
                        continue;
                    }
                    if (model == null) {
                        model = ExecutorCache.borrow(c);
                        copyInto(parameters.value(), model.parameters());
                    }
                    double[][] x = in.inputs(parts.blocks(p));
                    acc.loss += r.weight(k) * model.loss(x, k);
                    acc.count += k;
                    acc.calls++;
                    if (logits != null) {
                        acc.correct += correct(model.evaluate(logits, x, k), x[labelInput], k);
                    }
                }
            } finally {
                if (model != null) {
                    ExecutorCache.release(c, model);
                }
            }
            return acc;
        }, EvalSum::merge, depth);
    }

    /** Rows of {@code logits} whose first largest entry is the row's label (an index, or the hot entry of a one-hot row). */
    static long correct(double[] logits, double[] labels, int k) {
        int classes = logits.length / k;
        int width = labels.length / k;
        long right = 0;
        for (int row = 0; row < k; row++) {
            int label = width == 1 ? (int) labels[row] : argmax(labels, row * width, width);
            if (argmax(logits, row * classes, classes) == label) {
                right++;
            }
        }
        return right;
    }

    private static int argmax(double[] v, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (v[from + j] > v[from + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * The loss and gradient of the batch the sum covers, from the weighted sums: written into
     * {@code gradient}, the loss returned. Under {@link Reduction#SUM} the extra copies of the
     * parameter-only term are removed with {@code driverModel} (holding the same parameters).
     *
     * @throws IllegalStateException if the sum covers no example
     */
    double finish(PartialSum sum, Model driverModel, double[][] gradient) {
        if (sum.count == 0) {
            throw new IllegalStateException("the batch has no example");
        }
        double loss;
        if (reduction == Reduction.MEAN) {
            double n = sum.count;
            loss = sum.loss / n;
            for (int p = 0; p < gradient.length; p++) {
                for (int i = 0; i < gradient[p].length; i++) {
                    gradient[p][i] = sum.gradient[p][i] / n;
                }
            }
        } else {
            int extra = sum.calls - 1;
            double rLoss = 0;
            double[][] rGrad = null;
            if (extra > 0) {
                rGrad = new double[gradient.length][];
                rLoss = parameterTerm(driverModel, rGrad);
            }
            loss = sum.loss - extra * rLoss;
            for (int p = 0; p < gradient.length; p++) {
                for (int i = 0; i < gradient[p].length; i++) {
                    gradient[p][i] = extra > 0 ? sum.gradient[p][i] - extra * rGrad[p][i] : sum.gradient[p][i];
                }
            }
        }
        return loss;
    }

    /**
     * R(θ), the part of a {@link Reduction#SUM} loss that no example contributes, and its gradient
     * (into {@code gradient}), at the driver model's parameters. The generated class refuses an
     * empty batch, so R comes from one example x: L({x}) = ℓ + R and L({x, x}) = 2ℓ + R (a sum of
     * a term with itself is exact), hence R = 2·L({x}) − L({x, x}), to rounding of the size of ℓ.
     */
    double parameterTerm(Model driverModel, double[][] gradient) {
        double one = driverModel.lossAndGradient(inputs.repeated(probe, 1), 1);
        double[][] g = driverModel.gradients();
        for (int p = 0; p < gradient.length; p++) {
            gradient[p] = new double[g[p].length];
            for (int i = 0; i < g[p].length; i++) {
                gradient[p][i] = 2 * g[p][i];
            }
        }
        double two = driverModel.lossAndGradient(inputs.repeated(probe, 2), 2);
        for (int p = 0; p < gradient.length; p++) {
            for (int i = 0; i < g[p].length; i++) {
                gradient[p][i] -= g[p][i];
            }
        }
        return 2 * one - two;
    }

    static void copyInto(double[][] from, double[][] to) {
        for (int p = 0; p < to.length; p++) {
            System.arraycopy(from[p], 0, to[p], 0, to[p].length);
        }
    }

    static double[][] copy(double[][] from) {
        double[][] out = new double[from.length][];
        for (int p = 0; p < out.length; p++) {
            out[p] = from[p].clone();
        }
        return out;
    }
}
