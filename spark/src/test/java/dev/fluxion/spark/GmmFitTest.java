package dev.fluxion.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Full-batch fitting of the ADBench GMM program of the examples ({@code gmm/gmm_d2.flx}: d = 2,
 * K = 3, a log-likelihood summed over the points plus a Wishart prior) to the 10,000 points of
 * {@code data/gmm/10k/gmm_d2_K5.txt}, starting from the file's first three components: the
 * distributed objective equals the model's loss over all points on one machine, prior counted
 * once, and Breeze's L-BFGS over it takes the same path as over the single-machine objective.
 */
class GmmFitTest {

    static Fixtures.Program gmm;
    /** The same with the data term's sign turned: a negative log posterior, which L-BFGS can minimize. */
    static Fixtures.Program fit;
    static DistributedObjective distributedFit;
    static double[] points;
    static double[] start;
    static ExampleData data;
    static DistributedObjective distributed;

    @BeforeAll
    static void load() throws IOException {
        gmm = Fixtures.compile("gmm/gmm_d2.flx");
        fit = Fixtures.compileResource("gmm_fit.flx");
        double[] v = Arrays.stream(Files.readString(Fixtures.EXAMPLES.resolve("data/gmm/10k/gmm_d2_K5.txt")).trim()
                .split("\\s+")).mapToDouble(Double::parseDouble).toArray();
        int k = (int) v[1];
        int n = (int) v[2];
        int at = 3;
        double[] alpha = Arrays.copyOfRange(v, at, at + 3);
        at += k;
        double[] mu = Arrays.copyOfRange(v, at, at + 3 * 2);
        at += k * 2;
        double[] icf = Arrays.copyOfRange(v, at, at + 3 * 3);
        at += k * 3;
        points = Arrays.copyOfRange(v, at, at + n * 2);
        start = Flat.flatten(new double[][] {alpha, mu, icf});
        List<double[][]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new double[][] {{points[2 * i], points[2 * i + 1]}});
        }
        JavaSparkContext sc = LocalSpark.context();
        data = ExampleData.of(sc.parallelize(rows, 4), "x");
        distributed = DistributedObjective.of(sc, Fixtures.code(gmm), data, Reduction.SUM, Map.of(), 1000);
        distributedFit = DistributedObjective.of(sc, Fixtures.code(fit), data, Reduction.SUM, Map.of(), 1000);
    }

    @AfterAll
    static void release() {
        distributed.close();
        distributedFit.close();
        data.unpersist();
    }

    /** The model's loss over every point at once, on this JVM: what the distributed objective must equal. */
    static Objective singleMachine(Fixtures.Program program) {
        Model model = program.newModel();
        int n = points.length / 2;
        return new Objective() {
            @Override
            public int dimension() {
                return start.length;
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradient) {
                Flat.unflatten(x, model.parameters());
                double loss = model.lossAndGradient(new double[][] {points}, n);
                Flat.flatten(model.gradients(), gradient);
                return loss;
            }
        };
    }

    @Test
    void objectiveAndGradientEqualTheSingleMachineOnesWithThePriorCountedOnce() {
        double[] g1 = new double[start.length];
        double[] g2 = new double[start.length];
        double v1 = singleMachine(gmm).valueAndGradient(start, g1);
        double v2 = distributed.valueAndGradient(start, g2);
        assertEquals(v1, v2, 1e-12 * Math.abs(v1), "objective");
        double scale = Arrays.stream(g1).map(Math::abs).max().orElseThrow();
        for (int i = 0; i < g1.length; i++) {
            assertEquals(g1[i], g2[i], 1e-12 * scale, "gradient entry " + i);
        }
        // 4 partitions of 2,500 points in chunks of 1,000: 12 model calls, so 11 extra copies of the
        // prior and constant were removed; they are far from negligible here.
        Model one = gmm.newModel();
        Flat.unflatten(start, one.parameters());
        double r = 2 * one.loss(new double[][] {{points[0], points[1]}}, 1)
                - one.loss(new double[][] {{points[0], points[1], points[0], points[1]}}, 2);
        assertTrue(11 * Math.abs(r) > 1e-6 * Math.abs(v1), "the parameter-only term " + r + " matters");
    }

    /**
     * The general ADBench program ({@code gmm/gmm.flx.template} at d = 2, K = 3) takes two constant
     * selector tensors besides the points: they travel as fixed inputs, and the distributed
     * objective still equals the model's loss over all points at once.
     */
    @Test
    void fixedInputsTravelWithTheJob() {
        // {C} is the prior's constant: any value serves a comparison of the two objectives.
        Fixtures.Program general = Fixtures.compileText(Fixtures.program("gmm/gmm.flx.template").replace("{D}", "2")
                .replace("{K}", "3").replace("{P}", "1").replace("{T}", "3").replace("{C}", "0.5"));
        double[] diag = new double[8];
        diag[0] = 1; // diag[j, a, b] = [j = a = b]
        diag[7] = 1;
        double[] lower = {0, 0, 1, 0}; // l fills Q[1, 0]
        Map<String, double[]> fixed = Map.of("diag", diag, "lower", lower);
        Model one = general.newModel();
        Flat.unflatten(start, one.parameters());
        double expected = one.lossAndGradient(new double[][] {points, diag, lower}, points.length / 2);
        double[] g1 = Flat.flatten(one.gradients());
        try (DistributedObjective f = DistributedObjective.of(LocalSpark.context(), general.code(), data, Reduction.SUM,
                fixed, 700)) {
            double[] g2 = new double[start.length];
            double actual = f.valueAndGradient(start, g2);
            assertEquals(expected, actual, 1e-12 * Math.abs(expected));
            double scale = Arrays.stream(g1).map(Math::abs).max().orElseThrow();
            for (int i = 0; i < g1.length; i++) {
                assertEquals(g1[i], g2[i], 1e-12 * scale, "gradient entry " + i);
            }
        }
        // The spelled-out d = 2 program is the same objective but for its constant, +3(2 ln 2 + ln pi)
        // against -K·C = -1.5 here: so the selectors reached the model as they should.
        double spelled = singleMachine(gmm).valueAndGradient(start, new double[start.length]);
        double constants = 3 * (2 * Math.log(2) + Math.log(Math.PI)) + 1.5;
        assertEquals(constants, spelled - expected, 1e-9 * Math.abs(expected));
    }

    @Test
    void lbfgsFollowsTheSingleMachinePath() {
        Lbfgs lbfgs = new Lbfgs(8, 5, 1e-9);
        FitResult one = lbfgs.minimize(singleMachine(fit), start);
        FitResult spark = lbfgs.minimize(distributedFit, start);
        assertEquals(one.iterations(), spark.iterations());
        assertTrue(one.value() < 0.9 * one.values()[0], "the fit lowers the objective: " + one.value() + " from "
                + one.values()[0] + " (" + one.reason() + ")");
        double scale = Arrays.stream(one.x()).map(Math::abs).max().orElseThrow();
        for (int i = 0; i < start.length; i++) {
            assertEquals(one.x()[i], spark.x()[i], 1e-12 * scale, "parameter " + i);
        }
        assertEquals(one.value(), spark.value(), 1e-12 * Math.abs(one.value()));
    }
}
