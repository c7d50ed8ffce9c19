package dev.fluxion.runtime.optim;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's {@code torch.optim.Adam} update, and AdamW's
 * decoupled weight decay (Loshchilov and Hutter 2019) when {@code decoupled}. For each
 * element at step t = 1, 2, … with rate η:
 * <pre>
 *   w ← w·(1 − η·λ)                  (AdamW: decoupled, if λ &gt; 0)
 *   g ← g + λ·w                      (Adam: coupled L2, if λ &gt; 0)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   w ← w − (η / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
 * </pre>
 *
 * @param schedule    the learning rate per step
 * @param beta1       decay of the first moment, in [0, 1)
 * @param beta2       decay of the second moment, in [0, 1)
 * @param epsilon     added to the denominator, &gt; 0
 * @param weightDecay λ &gt;= 0
 * @param decoupled   AdamW's form if true, an L2 term in the gradient if false
 */
public record Adam(LearningRateSchedule schedule, double beta1, double beta2, double epsilon,
                   double weightDecay, boolean decoupled) implements OptimizerSpec {

    /**
     * Checks the hyperparameters, so a bad value fails before training starts.
     *
     * @param schedule the learning rate per step
     * @param beta1 in [0, 1)
     * @param beta2 in [0, 1)
     * @param epsilon &gt; 0
     * @param weightDecay λ &gt;= 0
     * @param decoupled AdamW's form if true
     * @throws IllegalArgumentException if a value is out of range
     */
    public Adam {
        java.util.Objects.requireNonNull(schedule, "schedule");
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be >= 0 and finite, got " + weightDecay);
        }
    }

    /**
     * Adam with the usual defaults β1 = 0.9, β2 = 0.999, ε = 1e-8 and a constant rate.
     *
     * @param learningRate η, e.g. 1e-3
     * @return the spec
     */
    public static Adam of(double learningRate) {
        return new Adam(LearningRateSchedule.constant(learningRate), 0.9, 0.999, 1e-8, 0.0, false);
    }

    /**
     * AdamW: Adam's defaults with decoupled weight decay, which shrinks the weights
     * directly instead of through the adaptive gradient, so the decay is not rescaled per
     * parameter.
     *
     * @param learningRate η
     * @param lambda λ &gt;= 0, e.g. 0.01
     * @return the spec
     */
    public static Adam adamW(double learningRate, double lambda) {
        return new Adam(LearningRateSchedule.constant(learningRate), 0.9, 0.999, 1e-8, lambda, true);
    }

    /**
     * The same with other moment decays.
     *
     * @param b1 β1, the first moment's decay, in [0, 1)
     * @param b2 β2, the second moment's decay, in [0, 1)
     * @return a changed copy
     */
    public Adam withBetas(double b1, double b2) {
        return new Adam(schedule, b1, b2, epsilon, weightDecay, decoupled);
    }

    /**
     * The same with another ε, which bounds the step where the second moment is tiny.
     *
     * @param eps ε &gt; 0
     * @return a changed copy
     */
    public Adam withEpsilon(double eps) {
        return new Adam(schedule, beta1, beta2, eps, weightDecay, decoupled);
    }

    /**
     * The same with coupled (L2) weight decay λ, as in PyTorch's Adam.
     *
     * @param lambda λ &gt;= 0
     * @return a changed copy
     */
    public Adam withWeightDecay(double lambda) {
        return new Adam(schedule, beta1, beta2, epsilon, lambda, false);
    }

    /**
     * The same with another learning-rate schedule.
     *
     * @param s the schedule
     * @return a changed copy
     */
    public Adam withSchedule(LearningRateSchedule s) {
        return new Adam(s, beta1, beta2, epsilon, weightDecay, decoupled);
    }

    @Override
    public Optimizer bind(double[][] parameters, double[][] gradients) {
        OptimizerSpec.checkBuffers(parameters, gradients);
        return new Bound(this, parameters.clone(), gradients.clone());
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder(decoupled ? "adamw(lr=" : "adam(lr=").append(schedule.describe())
                .append(", betas=").append(beta1).append('/').append(beta2).append(", eps=").append(epsilon);
        if (weightDecay > 0) {
            s.append(", weight_decay=").append(weightDecay);
        }
        return s.append(')').toString();
    }

    /** The bound optimizer: both moment buffers allocated once. */
    private static final class Bound implements Optimizer {
        private final Adam spec;
        private final double[][] params;
        private final double[][] grads;
        private final double[][] m;
        private final double[][] v;
        private long steps;

        Bound(Adam spec, double[][] params, double[][] grads) {
            this.spec = spec;
            this.params = params;
            this.grads = grads;
            this.m = new double[params.length][];
            this.v = new double[params.length][];
            for (int i = 0; i < params.length; i++) {
                m[i] = new double[params[i].length];
                v[i] = new double[params[i].length];
            }
        }

        @Override
        public void step() {
            double lr = spec.schedule.at(steps);
            long t = steps + 1;
            double b1 = spec.beta1;
            double b2 = spec.beta2;
            double eps = spec.epsilon;
            double stepSize = lr / (1.0 - StrictMath.pow(b1, t));
            double sqrtBias2 = Math.sqrt(1.0 - StrictMath.pow(b2, t));
            double coupled = spec.decoupled ? 0.0 : spec.weightDecay;
            double shrink = spec.decoupled ? 1.0 - lr * spec.weightDecay : 1.0;
            for (int p = 0; p < params.length; p++) {
                double[] w = params[p];
                double[] g = grads[p];
                double[] mp = m[p];
                double[] vp = v[p];
                int n = w.length;
                for (int i = 0; i < n; i++) {
                    double wi = w[i] * shrink;
                    double gi = g[i] + coupled * wi;
                    double mi = b1 * mp[i] + (1.0 - b1) * gi;
                    double vi = b2 * vp[i] + (1.0 - b2) * gi * gi;
                    mp[i] = mi;
                    vp[i] = vi;
                    w[i] = wi - stepSize * mi / (Math.sqrt(vi) / sqrtBias2 + eps);
                }
            }
            steps = t;
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public double learningRate() {
            return spec.schedule.at(steps);
        }

        @Override
        public OptimizerSpec spec() {
            return spec;
        }
    }
}
