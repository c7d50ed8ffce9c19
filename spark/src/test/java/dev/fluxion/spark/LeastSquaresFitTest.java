package dev.fluxion.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.runtime.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A least-squares fit from a DataFrame: {@code least_squares.flx} (the mean squared residual of
 * y ≈ x·w + b) over 2,000 rows with an array column x and a numeric column y, in 5 partitions,
 * fitted by L-BFGS on the distributed objective, reaches the solution of the normal equations.
 */
class LeastSquaresFitTest {

    @Test
    void lbfgsOnADataFrameReachesTheNormalEquationsSolution() {
        Random random = new Random(11);
        int n = 2000;
        double[] wTrue = {1.5, -2.0, 0.25};
        double bTrue = 0.7;
        List<Row> rows = new ArrayList<>();
        double[][] design = new double[n][];
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double y = x[0] * wTrue[0] + x[1] * wTrue[1] + x[2] * wTrue[2] + bTrue + 0.1 * random.nextGaussian();
            design[i] = new double[] {x[0], x[1], x[2], 1};
            targets[i] = y;
            rows.add(RowFactory.create(Arrays.stream(x).boxed().toArray(Double[]::new), y));
        }
        SparkSession spark = LocalSpark.session();
        StructType schema = new StructType()
                .add("x", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("y", DataTypes.DoubleType);
        Dataset<Row> frame = spark.createDataFrame(rows, schema).repartition(5);
        ExampleData data = ExampleData.fromRows(frame, "x", "y");
        assertEquals(n, data.size());
        Fixtures.Program ls = Fixtures.compileResource("least_squares.flx");
        try (DistributedObjective f = DistributedObjective.of(LocalSpark.context(), Fixtures.code(ls), data,
                Reduction.MEAN, Map.of(), 128)) {
            FitResult result = new Lbfgs(40, 10, 1e-12).minimize(f, new double[4]);
            double[] exact = normalEquations(design, targets);
            for (int j = 0; j < 4; j++) {
                assertEquals(exact[j], result.x()[j], 1e-6, "coefficient " + j + " (" + result.reason() + ")");
            }
            // The objective is the mean over all rows: the model's own loss over them at once.
            Model one = ls.newModel();
            Flat.unflatten(result.x(), one.parameters());
            double[] xs = new double[3 * n];
            double[] ys = new double[n];
            List<Row> local = frame.collectAsList();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 3; j++) {
                    xs[3 * i + j] = local.get(i).<Double>getList(0).get(j);
                }
                ys[i] = local.get(i).getDouble(1);
            }
            assertEquals(one.loss(new double[][] {xs, ys}, n), result.value(), 1e-12 * result.value());
            assertTrue(result.value() < 0.02, "residual variance near the noise's 0.01: " + result.value());
        }
        data.unpersist();
    }

    /** (AᵀA)⁻¹Aᵀy by Gaussian elimination with partial pivoting. */
    static double[] normalEquations(double[][] a, double[] y) {
        int m = a[0].length;
        double[][] s = new double[m][m + 1];
        for (double[] row : a) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    s[i][j] += row[i] * row[j];
                }
            }
        }
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < m; i++) {
                s[i][m] += a[k][i] * y[k];
            }
        }
        for (int c = 0; c < m; c++) {
            int pivot = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(s[r][c]) > Math.abs(s[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = s[c];
            s[c] = s[pivot];
            s[pivot] = t;
            for (int r = 0; r < m; r++) {
                if (r != c) {
                    double f = s[r][c] / s[c][c];
                    for (int j = c; j <= m; j++) {
                        s[r][j] -= f * s[c][j];
                    }
                }
            }
        }
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = s[i][m] / s[i][i];
        }
        return x;
    }
}
