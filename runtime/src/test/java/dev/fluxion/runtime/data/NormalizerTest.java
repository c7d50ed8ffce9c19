package dev.fluxion.runtime.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NormalizerTest {

    private static final Dataset DATA = Dataset.of(new double[] {1, 5, 3, 5, 5, 5, 100, 0}, new int[] {0, 1, 0, 1},
            new int[] {2}, 2);

    @Test
    void perFeatureStatisticsComeFromTheTrainingSplitOnly() {
        Dataset.Split split = DATA.split(3);
        Normalizer n = Normalizer.standardizePerFeature(split.train());
        assertArrayEquals(new double[] {3, 5}, n.shift(), 1e-15);
        double std = Math.sqrt(8.0 / 3);
        assertArrayEquals(new double[] {1 / std, 1.0}, n.scaleFactors(), 1e-15, "a constant feature keeps scale 1");
        Dataset test = n.apply(split.test());
        assertArrayEquals(new double[] {97 / std, -5}, test.features(), 1e-12);
        assertArrayEquals(new int[] {1}, test.labels());
    }

    @Test
    void scaleAndGlobalStandardization() {
        assertArrayEquals(new double[] {0.5, 2.5, 1.5, 2.5}, Normalizer.scale(0.5).apply(DATA.head(2)).features(), 0);
        Normalizer g = Normalizer.standardizeGlobal(DATA.head(2));
        assertEquals(3.5, g.shift()[0], 1e-15);
        Dataset out = g.apply(DATA.head(2));
        double sum = 0;
        double sq = 0;
        for (double v : out.features()) {
            sum += v;
            sq += v * v;
        }
        assertEquals(0, sum, 1e-12);
        assertEquals(4, sq, 1e-12);
    }
}
