package dev.fluxion.runtime.check;

import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.testing.SoftmaxRegression;
import dev.fluxion.runtime.testing.TinyMlp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelContractTest {

    @Test
    void theHandWrittenModelsKeepTheContract() {
        assertEquals(List.of(), ModelContract.problems(new TinyMlp(5, 4, 3)));
        ModelContract.require(new SoftmaxRegression(5, 3));
    }

    @Test
    void copiedBuffersAndWrongLengthsAreReported() {
        Model bad = new SoftmaxRegression(5, 3) {
            @Override
            public double[][] gradients() {
                return new double[][] {new double[15], new double[2]};
            }

            @Override
            public int[][] inputShapes() {
                return new int[][] {{5, -1}, {-1}};
            }
        };
        List<String> p = ModelContract.problems(bad);
        assertTrue(p.contains("gradient of 'b' holds 2 values, the parameter 3"), p.toString());
        assertTrue(p.contains("gradients() returns a new array for 'W' on each call; it must return the live buffer"),
                p.toString());
        assertTrue(p.contains("input 'x' has shape [5, -1]; expected the batch dimension -1 first, then positive dimensions"),
                p.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModelContract.require(bad));
        assertTrue(e.getMessage().startsWith("model 'softmax_regression' breaks the Model contract:"), e.getMessage());
    }
}
