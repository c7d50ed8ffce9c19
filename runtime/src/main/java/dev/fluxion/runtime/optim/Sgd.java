package dev.fluxion.runtime.optim;

import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.tensor.Workers;
import java.util.function.IntSupplier;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight
 * decay, with PyTorch's {@code torch.optim.SGD} update (dampening 0). For each element,
 * with rate η from the schedule, momentum μ and decay λ:
 * <pre>
 *   g ← g + λ·w                     (if λ &gt; 0)
 *   v ← μ·v + g                     (if μ &gt; 0; v starts at 0, so the first v is g)
 *   d ← g + μ·v  (Nesterov)  or  v  (classical)  or  g  (μ = 0)
 *   w ← w − η·d
 * </pre>
 *
 * @param schedule    the learning rate per step
 * @param momentum    μ in [0, 1)
 * @param nesterov    use Nesterov's look-ahead form; requires μ &gt; 0
 * @param weightDecay λ &gt;= 0, added to the gradient as an L2 penalty's derivative
 */
public record Sgd(LearningRateSchedule schedule, double momentum, boolean nesterov, double weightDecay)
        implements OptimizerSpec {

    /**
     * Checks the hyperparameters, so a bad value fails before training starts.
     *
     * @param schedule the learning rate per step
     * @param momentum μ in [0, 1)
     * @param nesterov Nesterov's form; requires μ &gt; 0
     * @param weightDecay λ &gt;= 0
     * @throws IllegalArgumentException if a value is out of range
     */
    public Sgd {
        java.util.Objects.requireNonNull(schedule, "schedule");
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be >= 0 and finite, got " + weightDecay);
        }
    }

    /**
     * Plain SGD with a constant learning rate: w ← w − η·g.
     *
     * @param learningRate η, positive and finite
     * @return the spec
     */
    public static Sgd of(double learningRate) {
        return new Sgd(LearningRateSchedule.constant(learningRate), 0.0, false, 0.0);
    }

    /**
     * The same with classical momentum, which averages gradients over steps and so damps
     * the zig-zag of plain SGD across narrow valleys.
     *
     * @param mu μ in [0, 1), typically 0.9
     * @return a changed copy
     */
    public Sgd withMomentum(double mu) {
        return new Sgd(schedule, mu, false, weightDecay);
    }

    /**
     * The same with Nesterov momentum, which applies the momentum step before taking the
     * gradient's correction (PyTorch's formulation).
     *
     * @param mu μ in (0, 1)
     * @return a changed copy
     */
    public Sgd withNesterov(double mu) {
        return new Sgd(schedule, mu, true, weightDecay);
    }

    /**
     * The same with L2 weight decay, which pulls every weight toward 0 in proportion to
     * its size.
     *
     * @param lambda λ &gt;= 0
     * @return a changed copy
     */
    public Sgd withWeightDecay(double lambda) {
        return new Sgd(schedule, momentum, nesterov, lambda);
    }

    /**
     * The same with another learning-rate schedule.
     *
     * @param s the schedule
     * @return a changed copy
     */
    public Sgd withSchedule(LearningRateSchedule s) {
        return new Sgd(s, momentum, nesterov, weightDecay);
    }

    @Override
    public Optimizer bind(double[][] parameters, double[][] gradients) {
        return bind(parameters, gradients, Workers::awake);
    }

    /** {@link #bind} with the count of awake kernel threads given (tests force the split with it). */
    Optimizer bind(double[][] parameters, double[][] gradients, IntSupplier awake) {
        OptimizerSpec.checkBuffers(parameters, gradients);
        return new Bound(this, parameters.clone(), gradients.clone(), awake);
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder("sgd(lr=").append(schedule.describe());
        if (momentum > 0) {
            s.append(nesterov ? ", nesterov=" : ", momentum=").append(momentum);
        }
        if (weightDecay > 0) {
            s.append(", weight_decay=").append(weightDecay);
        }
        return s.append(')').toString();
    }

    /** The bound optimizer: velocities allocated once (only if μ &gt; 0). */
    private static final class Bound implements Optimizer {
        /** Elements from which a parameter's update may be split over threads (W1 of the MLP: 100,352). */
        private static final int SPLIT = 1 << 16;

        private final Sgd spec;
        private final double[][] params;
        private final double[][] grads;
        private final double[][] velocity;
        /** How many kernel threads are awake ({@link Workers#awake}). */
        private final IntSupplier awake;
        private long steps;
        /** The model {@link #step(Model, double[][], int)} last checked against the buffers. */
        private Model boundModel;

        Bound(Sgd spec, double[][] params, double[][] grads, IntSupplier awake) {
            this.spec = spec;
            this.awake = awake;
            this.params = params;
            this.grads = grads;
            this.velocity = new double[params.length][];
            if (spec.momentum > 0) {
                for (int i = 0; i < params.length; i++) {
                    velocity[i] = new double[params[i].length];
                }
            }
        }

        @Override
        public void step() {
            double lr = spec.schedule.at(steps);
            for (int p = 0; p < params.length; p++) {
                int n = params[p].length;
                int parts = n >= SPLIT ? Math.min(Workers.threads(), 1 + awake.getAsInt()) : 1;
                if (parts == 1) {
                    update(p, lr, 0, n); // no lambda: a step on one thread allocates nothing
                } else {
                    int which = p;
                    Workers.run(parts, q -> update(which, lr, (int) ((long) n * q / parts),
                            (int) ((long) n * (q + 1) / parts)));
                }
            }
            steps++;
        }

        /**
         * Elements from..to-1 of parameter p. Each element's update reads only that element,
         * so a large parameter is split between the caller and the kernel threads that are
         * awake already (right after a matrix product): the same bits, the memory traffic
         * shared by several cores.
         */
        private void update(int p, double lr, int from, int to) {
            double mu = spec.momentum;
            double wd = spec.weightDecay;
            double[] w = params[p];
            double[] g = grads[p];
            if (mu == 0 && wd == 0) {
                for (int i = from; i < to; i++) {
                    w[i] -= lr * g[i]; // the update Model.sgdStep fuses, to the bit
                }
            } else if (mu == 0) {
                for (int i = from; i < to; i++) {
                    w[i] -= lr * (g[i] + wd * w[i]);
                }
            } else {
                double[] v = velocity[p];
                boolean nesterov = spec.nesterov;
                for (int i = from; i < to; i++) {
                    double gi = g[i] + wd * w[i];
                    double vi = mu * v[i] + gi;
                    v[i] = vi;
                    w[i] -= lr * (nesterov ? gi + mu * vi : vi);
                }
            }
        }

        /**
         * Plain SGD (no momentum, no weight decay) lets the model update its parameters as it
         * computes their gradients ({@link Model#sgdStep}); otherwise the gradient, then
         * {@link #step()}.
         */
        @Override
        public double step(Model model, double[][] inputs, int batch) {
            if (spec.momentum != 0 || spec.weightDecay != 0) {
                return Optimizer.super.step(model, inputs, batch);
            }
            if (model != boundModel) {
                requireBound(model);
                boundModel = model;
            }
            double loss = model.sgdStep(inputs, batch, spec.schedule.at(steps));
            steps++;
            return loss;
        }

        /** Refuses a model whose parameter and gradient buffers are not the ones this optimizer holds. */
        private void requireBound(Model model) {
            double[][] w = model.parameters();
            double[][] g = model.gradients();
            boolean same = w.length == params.length && g.length == grads.length;
            for (int p = 0; same && p < params.length; p++) {
                same = w[p] == params[p] && g[p] == grads[p];
            }
            if (!same) {
                throw new IllegalArgumentException("this optimizer is bound to other buffers than model "
                        + model.name() + "'s: bind it with OptimizerSpec.bind(model)");
            }
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
