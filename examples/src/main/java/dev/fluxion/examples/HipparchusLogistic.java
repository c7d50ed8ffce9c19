package dev.fluxion.examples;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.runtime.io.ParameterFormat;
import dev.fluxion.runtime.model.FlatModel;
import dev.fluxion.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * Logistic regression ({@code fluxion/logistic.flx}) fitted by Hipparchus's nonlinear
 * conjugate gradient optimizer with Fluxion's gradient. The model's inputs are the data and
 * its parameters {@code w[2]}, {@code b[1]} are what is differentiated; {@link FlatModel}
 * turns it into a function of one vector θ = (w1, w2, b), which is what Hipparchus wants:
 * <pre>{@code
 * ObjectiveFunction value = new ObjectiveFunction(f::valueAt);
 * ObjectiveFunctionGradient gradient = new ObjectiveFunctionGradient(t -> f.gradientAt(t, new double[t.length]));
 * }</pre>
 * The data ({@code examples/data/fits/logistic.csv}, 200 points) and the reference optimum
 * (Newton's method in NumPy) come from {@code examples/tools/hipparchus_reference.py}.
 */
public final class HipparchusLogistic {

    /**
     * What a fit found.
     *
     * @param theta the optimum (w1, w2, b)
     * @param loss the loss there
     * @param values how many values Hipparchus asked for
     * @param gradients how many gradients Hipparchus asked for
     * @param passes how many forward and backward passes the model ran for them (fewer than
     *               values + gradients: a value and a gradient at one point share a pass)
     */
    public record Fit(double[] theta, double loss, int values, int gradients, long passes) {
    }

    private HipparchusLogistic() {
    }

    /**
     * Fits the model to the data in {@code dataDir}/fits/logistic.csv, starting at θ = 0.
     *
     * @param dataDir the examples' data directory
     * @param saveTo where to save the fitted parameters (any format {@link ParameterFormat} knows), or null
     * @return the optimum
     * @throws IOException if the data cannot be read or the parameters written
     */
    public static Fit fit(Path dataDir, Path saveTo) throws IOException {
        double[][] columns = FitData.columns(dataDir.resolve("fits/logistic.csv"));
        int n = columns[0].length;
        double[] x = new double[2 * n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = columns[0][i];
            x[2 * i + 1] = columns[1][i];
        }
        Model model = Fluxion.create().compileModel(Programs.read("logistic.flx")).newModel();
        FlatModel f = FlatModel.of(model, new double[][] {x, columns[2]}, n);

        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-15, 1e-15),
                1e-12, 1e-12, 1e-2);    // the line search's tolerances and initial bracket (defaults 1e-8, 1e-8, 1e-8)
        int[] gradients = {0};
        PointValuePair best = optimizer.optimize(
                new ObjectiveFunction(f::valueAt),
                new ObjectiveFunctionGradient(t -> {
                    gradients[0]++;
                    return f.gradientAt(t, new double[t.length]);
                }),
                GoalType.MINIMIZE, new InitialGuess(f.get()), new MaxEval(10_000), new MaxIter(10_000));

        f.set(best.getPoint());
        if (saveTo != null) {
            ParameterFormat.save(model, saveTo);
        }
        return new Fit(best.getPoint(), best.getValue(), optimizer.getEvaluations(), gradients[0], f.passes());
    }

    /** Fits and prints the optimum; {@code --data DIR} and {@code --out DIR} as for the other examples. */
    public static void main(String[] args) throws IOException {
        Options options = Options.parseOrExit("hipparchus-logistic", args);
        Files.createDirectories(options.out());
        Path saved = options.out().resolve("logistic.safetensors");
        Fit fit = fit(options.data(), saved);
        System.out.printf("logistic regression, Hipparchus NonLinearConjugateGradientOptimizer (Polak-Ribiere)%n");
        System.out.printf("  w = (%.10f, %.10f), b = %.10f, loss %.12f%n", fit.theta()[0], fit.theta()[1], fit.theta()[2],
                fit.loss());
        System.out.printf("  %d values and %d gradients asked for, %d forward+backward passes run%n", fit.values(),
                fit.gradients(), fit.passes());
        System.out.println("  wrote " + saved);
    }
}
