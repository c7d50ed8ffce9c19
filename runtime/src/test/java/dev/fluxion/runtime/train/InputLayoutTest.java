package dev.fluxion.runtime.train;

import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.LabelEncoding;
import dev.fluxion.runtime.testing.SoftmaxRegression;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputLayoutTest {

    private static final Dataset DATA = Dataset.of(new double[12], new int[] {0, 1, 2}, new int[] {2, 2}, 3);

    /** A model declared with labels first and one-hot targets, features as [B, 1, 2, 2]. */
    private static SoftmaxRegression labelsFirst(int[][] shapes) {
        return new SoftmaxRegression(4, 3) {
            @Override
            public String[] inputNames() {
                return new String[] {"t", "x"};
            }

            @Override
            public int[][] inputShapes() {
                return shapes;
            }
        };
    }

    @Test
    void featuresAndLabelsAreFoundByShape() {
        InputLayout plain = InputLayout.resolve(new SoftmaxRegression(4, 3), DATA, TrainingConfig.of(1, 2));
        assertEquals(new InputLayout(0, 1, LabelEncoding.INDEX, "logits"), plain);
        InputLayout swapped = InputLayout.resolve(labelsFirst(new int[][] {{-1}, {-1, 1, 2, 2}}), DATA,
                TrainingConfig.of(1, 2));
        assertEquals(new InputLayout(1, 0, LabelEncoding.INDEX, "logits"), swapped);
        InputLayout oneHot = InputLayout.resolve(labelsFirst(new int[][] {{-1, 3}, {-1, 4}}), DATA,
                TrainingConfig.of(1, 2).withInputs("x", "t"));
        assertEquals(new InputLayout(1, 0, LabelEncoding.ONE_HOT, "logits"), oneHot);
    }

    @Test
    void tooFewClassesInAOneHotInputIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputLayout.resolve(
                labelsFirst(new int[][] {{-1, 2}, {-1, 4}}), DATA, TrainingConfig.of(1, 2).withInputs("x", "t")));
        assertTrue(e.getMessage().contains("label input 't' [-1, 2] has 2 classes, the data has labels up to 2"),
                e.getMessage());
    }
}
