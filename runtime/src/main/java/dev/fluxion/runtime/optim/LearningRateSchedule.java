package dev.fluxion.runtime.optim;

/**
 * The learning rate as a function of the optimizer step (0 for the first update).
 *
 * <p>Schedules count optimizer steps, not epochs, so they need no knowledge of the data
 * set; to decay every k epochs use a period of k × steps per epoch. Values are computed
 * with {@link StrictMath}, so a schedule gives the same rates on every platform.
 */
public sealed interface LearningRateSchedule
        permits LearningRateSchedule.Constant, LearningRateSchedule.StepDecay,
                LearningRateSchedule.Cosine, LearningRateSchedule.Warmup {

    /**
     * The learning rate for one optimizer step.
     *
     * @param step the step, 0-based (negative steps are treated as 0)
     * @return a positive rate
     */
    double at(long step);

    /**
     * A one-line description for logs.
     *
     * @return e.g. {@code cosine 0.1 -> 0.0 over 2500 steps}
     */
    String describe();

    /**
     * The same rate at every step: plain SGD as most tutorials run it.
     *
     * @param rate a positive, finite rate
     * @return the schedule
     */
    static LearningRateSchedule constant(double rate) {
        return new Constant(rate);
    }

    /**
     * The same rate at every step.
     *
     * @param rate a positive, finite rate
     */
    record Constant(double rate) implements LearningRateSchedule {
        /**
         * Checks the rate.
         *
         * @param rate a positive, finite rate
         */
        public Constant {
            requireRate(rate, "rate");
        }

        @Override
        public double at(long step) {
            return rate;
        }

        @Override
        public String describe() {
            return "constant " + rate;
        }
    }

    /**
     * {@code initial · factor^⌊step / period⌋}: the rate is multiplied by {@code factor}
     * every {@code period} steps (PyTorch's {@code StepLR}, counted in steps).
     *
     * @param initial the rate of the first period
     * @param factor  the multiplier per period, in (0, 1]
     * @param period  the steps per period, positive
     */
    record StepDecay(double initial, double factor, long period) implements LearningRateSchedule {
        /**
         * Checks 0 &lt; factor &lt;= 1 and period &gt; 0.
         *
         * @param initial the rate of the first period
         * @param factor the multiplier per period
         * @param period the steps per period
         */
        public StepDecay {
            requireRate(initial, "initial rate");
            if (!(factor > 0 && factor <= 1)) {
                throw new IllegalArgumentException("step decay factor must be in (0, 1], got " + factor);
            }
            if (period <= 0) {
                throw new IllegalArgumentException("step decay period must be positive, got " + period);
            }
        }

        @Override
        public double at(long step) {
            return initial * StrictMath.pow(factor, (double) (Math.max(step, 0) / period));
        }

        @Override
        public String describe() {
            return "step " + initial + " x" + factor + " every " + period + " steps";
        }
    }

    /**
     * Cosine annealing from {@code initial} to {@code floor} over {@code total} steps,
     * then {@code floor}: {@code floor + (initial − floor)(1 + cos(π·t/total))/2}
     * (Loshchilov and Hutter's SGDR without restarts; PyTorch's {@code CosineAnnealingLR}).
     *
     * @param initial the rate at step 0
     * @param floor   the rate at and after step {@code total}, in [0, initial]
     * @param total   the length of the annealing, in steps
     */
    record Cosine(double initial, double floor, long total) implements LearningRateSchedule {
        /**
         * Checks 0 &lt;= floor &lt;= initial and total &gt; 0.
         *
         * @param initial the rate at step 0
         * @param floor the final rate
         * @param total the length of the annealing, in steps
         */
        public Cosine {
            requireRate(initial, "initial rate");
            if (!(floor >= 0 && floor <= initial)) {
                throw new IllegalArgumentException("cosine floor must be in [0, initial], got " + floor);
            }
            if (total <= 0) {
                throw new IllegalArgumentException("cosine schedule needs a positive number of steps, got " + total);
            }
        }

        @Override
        public double at(long step) {
            double t = Math.min(Math.max(step, 0), total);
            return floor + (initial - floor) * 0.5 * (1.0 + StrictMath.cos(StrictMath.PI * t / total));
        }

        @Override
        public String describe() {
            return "cosine " + initial + " -> " + floor + " over " + total + " steps";
        }
    }

    /**
     * A linear ramp over the first {@code steps} steps, from {@code then.at(0)/steps} up
     * to the rate of {@code then}, which takes over afterwards (counting from 0 again).
     * Large batches and Adam often need it for the first few hundred steps.
     *
     * @param steps the length of the ramp, positive
     * @param then  the schedule after the ramp
     */
    record Warmup(long steps, LearningRateSchedule then) implements LearningRateSchedule {
        /**
         * Checks steps &gt; 0.
         *
         * @param steps the length of the ramp
         * @param then the schedule after the ramp
         */
        public Warmup {
            if (steps <= 0) {
                throw new IllegalArgumentException("warm-up needs a positive number of steps, got " + steps);
            }
            java.util.Objects.requireNonNull(then, "then");
        }

        @Override
        public double at(long step) {
            if (step < steps) {
                return then.at(0) * (Math.max(step, 0) + 1) / steps;
            }
            return then.at(step - steps);
        }

        @Override
        public String describe() {
            return "warm-up " + steps + " steps, then " + then.describe();
        }
    }

    private static void requireRate(double rate, String what) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + rate);
        }
    }
}
