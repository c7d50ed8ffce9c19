package dev.fluxion.spark;

import breeze.linalg.DenseVector;
import breeze.math.MutableInnerProductModule;
import breeze.optimize.DiffFunction;
import breeze.optimize.FirstOrderMinimizer;
import breeze.optimize.LBFGS;
import java.util.ArrayList;
import java.util.function.Function;
import java.util.List;
import scala.Tuple2;

/**
 * Full-batch minimization of an {@link Objective} with Breeze's L-BFGS ({@code breeze.optimize.LBFGS},
 * the one Spark ships and MLlib's own {@code LBFGS} runs), on the driver. Every evaluation of the
 * objective is whatever the objective does: for a {@link DistributedObjective}, one Spark job.
 *
 * @param maxIterations iterations at most (Breeze's {@code maxIter}), at least 1
 * @param memory corrections kept (Breeze's {@code m}), at least 1
 * @param tolerance Breeze's convergence tolerance on the relative change of the objective and the gradient norm
 */
public record Lbfgs(int maxIterations, int memory, double tolerance) {

    /**
     * Checks the settings.
     *
     * @param maxIterations at least 1
     * @param memory at least 1
     * @param tolerance positive
     * @throws IllegalArgumentException if one is out of range
     */
    public Lbfgs {
        if (maxIterations < 1 || memory < 1 || !(tolerance > 0)) {
            throw new IllegalArgumentException("need maxIterations >= 1, memory >= 1 and tolerance > 0, got "
                    + maxIterations + ", " + memory + ", " + tolerance);
        }
    }

    /**
     * MLlib's defaults: 100 iterations, 10 corrections, tolerance 1e-6.
     *
     * @return the settings
     */
    public static Lbfgs defaults() {
        return new Lbfgs(100, 10, 1e-6);
    }

    /**
     * Minimizes {@code f} from {@code start}.
     *
     * @param f the objective
     * @param start the first point, of {@code f.dimension()} values (not modified)
     * @return the last point, its value, and the value after every iteration
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public FitResult minimize(Objective f, double[] start) {
        if (start.length != f.dimension()) {
            throw new IllegalArgumentException("start has " + start.length + " values, the objective "
                    + f.dimension());
        }
        MutableInnerProductModule<DenseVector<Object>, Object> space =
                (MutableInnerProductModule) DenseVector.space_Double();
        LBFGS<DenseVector<Object>> lbfgs = new LBFGS<>(maxIterations, memory, tolerance, space);
        DiffFunction<DenseVector<Object>> function = diffFunction(f);
        scala.collection.Iterator<FirstOrderMinimizer.State<DenseVector<Object>, Object, Object>> states =
                (scala.collection.Iterator) lbfgs.iterations(function, new DenseVector<Object>(start.clone()));
        List<Double> values = new ArrayList<>();
        FirstOrderMinimizer.State<DenseVector<Object>, Object, Object> last = null;
        while (states.hasNext()) {
            last = states.next();
            values.add(last.value());
        }
        Object reason = lbfgs.convergenceCheck().apply((FirstOrderMinimizer.State) last, last.convergenceInfo())
                .map(r -> ((FirstOrderMinimizer.ConvergenceReason) r).reason()).getOrElse(() -> "stopped");
        double[] trace = values.stream().mapToDouble(Double::doubleValue).toArray();
        return new FitResult(toArray(last.x()), last.value(), last.iter(), trace, String.valueOf(reason));
    }

    static double[] toArray(DenseVector<Object> v) {
        int n = v.length();
        if (v.offset() == 0 && v.stride() == 1 && v.data() instanceof double[] d && d.length == n) {
            return d.clone(); // the usual dense layout: one copy, no boxing
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = (Double) v.apply(i);
        }
        return out;
    }

    /**
     * The objective as Breeze's {@code DiffFunction} of a dense vector. Neither javac nor Janino
     * compiles a class that implements that Scala trait or extends a Scala class that does: its
     * {@code apply} is both {@code Function1}'s, returning an object, and
     * {@code StochasticDiffFunction}'s, returning a double, which the JVM allows and Java does not
     * (dynamic proxies refuse the pair too). So the adapter is written as bytecode
     * ({@link BreezeAdapter}): a subclass of Breeze's concrete {@code CachedDiffFunction} that
     * answers {@code calculate}, {@code valueAt} and {@code gradientAt} through a Java function
     * and caches nothing.
     */
    @SuppressWarnings("unchecked")
    static DiffFunction<DenseVector<Object>> diffFunction(Objective f) {
        Function<DenseVector<Object>, Tuple2<Object, DenseVector<Object>>> calculate = x -> {
            double[] g = new double[f.dimension()];
            double value = f.valueAndGradient(toArray(x), g);
            return new Tuple2<>(value, new DenseVector<Object>(g));
        };
        return (DiffFunction<DenseVector<Object>>) BreezeAdapter.wrap(calculate);
    }
}
