package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gradient of a 4096→4096 layer at batch 16 runs in a JVM whose heap holds little
 * more than W and its gradient (128 MB each): the VJPs are matrix products, never a
 * Jacobian (which would be 16 GB).
 */
class MemoryTest {

    static final String HEAP = "-Xmx320m";

    @Test
    void wideLayerGradientRunsUnderASmallHeap() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, HEAP, "-cp", System.getProperty("java.class.path"),
                MemoryProbe.class.getName(), "4096", "16")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        assertEquals(0, code, "forked JVM failed with " + HEAP + ":\n" + out);
        assertTrue(out.contains("loss="), out);
        double loss = Double.parseDouble(out.replaceAll("(?s).*loss=([^ ]+).*", "$1"));
        assertTrue(Double.isFinite(loss) && loss > 0, out);
    }
}
