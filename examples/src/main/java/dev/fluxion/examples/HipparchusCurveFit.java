package dev.fluxion.examples;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * A curve fit, y ≈ a·e^(−k·t) + c on 25 noisy samples ({@code examples/data/fits/decay.csv}),
 * by Hipparchus's Levenberg–Marquardt optimizer fed the Jacobian Fluxion generates.
 *
 * <p>How the data gets in: a {@code fn} cannot take data arrays as inputs yet, so the program
 * is written from the data, one output per sample, the sample times as constants:
 * {@code fn decay(a, k, c) { return (a*exp(-k*0) + c, a*exp(-k*0.1667) + c, …) }}. Its inputs
 * are the three parameters, its 25 outputs the model's predictions; the observations are
 * Hipparchus's target, so Hipparchus's residuals are observations − predictions and its
 * Jacobian is the fn's (25 rows of 3, forward mode: three tangent passes). The generated
 * class is compiled once per data set; for data that changes at run time a model with the
 * data as inputs (as in {@link HipparchusLogistic}) avoids the recompilation.
 *
 * <p>The reference optimum is Gauss–Newton in NumPy with the hand-written Jacobian
 * ({@code examples/tools/hipparchus_reference.py}).
 */
public final class HipparchusCurveFit {

    /**
     * What a fit found.
     *
     * @param theta the optimum (a, k, c)
     * @param sumOfSquares Σ (prediction − observation)² there
     * @param evaluations how many times Hipparchus evaluated the model and its Jacobian
     * @param source the generated program's text
     */
    public record Fit(double[] theta, double sumOfSquares, int evaluations, String source) {
    }

    private HipparchusCurveFit() {
    }

    /**
     * The program of the predictions at the sample times {@code t}.
     *
     * @param t the sample times
     * @return {@code fn decay(a, k, c) { return (…, a*exp(-k*t_i) + c, …) }}
     */
    public static String program(double[] t) {
        StringBuilder s = new StringBuilder("fn decay(a, k, c) {\n  return (");
        for (int i = 0; i < t.length; i++) {
            s.append(i == 0 ? "" : ",\n          ").append("a*exp(-k*").append(Double.toString(t[i])).append(") + c");
        }
        return s.append(")\n}\n").toString();
    }

    /**
     * Fits a, k, c to {@code dataDir}/fits/decay.csv from (1, 1, 0).
     *
     * @param dataDir the examples' data directory
     * @return the optimum
     * @throws IOException if the data cannot be read
     */
    public static Fit fit(Path dataDir) throws IOException {
        double[][] columns = FitData.columns(dataDir.resolve("fits/decay.csv"));
        double[] t = columns[0];
        double[] observed = columns[1];
        int n = t.length;
        String source = program(t);
        DifferentiableFunction f = Fluxion.create().compile(source,
                Options.defaults().withCapabilities(EnumSet.of(Capability.VALUE, Capability.JVP, Capability.JACOBIAN)))
                .generated();

        MultivariateJacobianFunction model = point -> {
            double[] y = new double[n];
            double[] jacobian = new double[n * 3];
            f.jacobian(point.toArray(), y, jacobian);       // n rows of 3: ∂prediction_i/∂(a, k, c)
            RealMatrix j = new Array2DRowRealMatrix(n, 3);
            for (int i = 0; i < n; i++) {
                j.setRow(i, new double[] {jacobian[3 * i], jacobian[3 * i + 1], jacobian[3 * i + 2]});
            }
            return new Pair<RealVector, RealMatrix>(new ArrayRealVector(y, false), j);
        };
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(1e-15).withParameterRelativeTolerance(1e-15)
                .optimize(new LeastSquaresBuilder()
                        .start(new double[] {1, 1, 0})
                        .model(model)
                        .target(observed)
                        .maxEvaluations(1_000).maxIterations(1_000)
                        .build());
        double[] theta = optimum.getPoint().toArray();
        double[] residuals = optimum.getResiduals().toArray();
        double sum = 0;
        for (double r : residuals) {
            sum += r * r;
        }
        return new Fit(theta, sum, optimum.getEvaluations(), source);
    }

    /** Fits and prints the optimum; {@code --data DIR} as for the other examples. */
    public static void main(String[] args) throws IOException {
        dev.fluxion.examples.Options options = dev.fluxion.examples.Options.parseOrExit("hipparchus-curve-fit", args);
        Fit fit = fit(options.data());
        System.out.println("curve fit y = a*exp(-k*t) + c, Hipparchus LevenbergMarquardtOptimizer with Fluxion's Jacobian");
        System.out.println(String.format(Locale.ROOT, "  a = %.10f, k = %.10f, c = %.10f, sum of squares %.12f, %d evaluations",
                fit.theta()[0], fit.theta()[1], fit.theta()[2], fit.sumOfSquares(), fit.evaluations()));
    }
}
