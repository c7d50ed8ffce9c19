package dev.fluxion.bench.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The peer scripts' output, as they print it, parses into the figures the tables need. */
class PeerResultsTest {

    static final String MNIST_LOG = """
            torch mlp 784-128-10 sgd0.1 b32 10ep: test_acc=0.9370 train_s=21.05
            torch cnn c8k5-pool-c16k5-pool-fc sgd0.05 b32 5ep: test_acc=0.9690 train_s=80.12
            mlp train step batch=1: torch_us=434.0 jax_jit_us=187.0
            mlp train step batch=32: torch_us=902.3 jax_jit_us=394.1
            mlp train step batch=256: torch_us=2605.0 jax_jit_us=1360.0
            """;

    static final String GMM_LOG = """
            /w/shared/adbench/data/gmm/1k/gmm_d2_K5.txt: d=2 K=5 n=1000 objective jax=-5240.5905625497 torch=-5240.5905625497 max|gj-gt|=1.14e-13
              jax_jit  f=     153.0us  grad=     491.0us  ratio= 3.21
              torch    f=     466.0us  grad=    1242.0us  ratio= 2.67
            /w/shared/adbench/data/gmm/10k/gmm_d2_K5.txt: d=2 K=5 n=10000 objective jax=-52512.3060545236 torch=-52512.3060545236 max|gj-gt|=2.0e-12
              jax_jit  f=    1009.0us  grad=    3679.0us  ratio= 3.65
              torch    f=    2724.0us  grad=    5467.0us  ratio= 2.01
            """;

    @Test
    void mlpStepTimesByBatch() {
        Map<Integer, PeerResults.MlpStep> m = PeerResults.mlp(MNIST_LOG);
        assertEquals(List.of(1, 32, 256), List.copyOf(m.keySet()));
        assertEquals(902.3, m.get(32).torchMicros());
        assertEquals(394.1, m.get(32).jaxMicros());
    }

    @Test
    void gmmFiguresPerFile() {
        List<PeerResults.Gmm> g = PeerResults.gmm(GMM_LOG);
        assertEquals(2, g.size());
        PeerResults.Gmm big = g.get(1);
        assertTrue(big.isFile("10k/gmm_d2_K5.txt"));
        assertTrue(!big.isFile("1k/gmm_d2_K5.txt"));
        assertEquals(10000, big.n());
        assertEquals(-52512.3060545236, big.jaxObjective());
        assertEquals(1009.0, big.jaxObjectiveMicros());
        assertEquals(3679.0, big.jaxGradientMicros());
        assertEquals(2724.0, big.torchObjectiveMicros());
        assertEquals(5467.0, big.torchGradientMicros());
    }

    @Test
    void aLogWithoutFiguresIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> PeerResults.mlp("Traceback (most recent call last):\n"));
        assertThrows(IllegalArgumentException.class, () -> PeerResults.gmm("ModuleNotFoundError: No module named 'jax'"));
        assertThrows(IllegalArgumentException.class,
                () -> PeerResults.gmm("/x/1k/gmm_d2_K5.txt: d=2 K=5 n=1000 objective jax=1 torch=1 max|gj-gt|=0\n"));
    }
}
