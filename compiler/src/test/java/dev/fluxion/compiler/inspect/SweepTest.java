package dev.fluxion.compiler.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {

    @Test
    void familyHasTheAskedShapeAndDistinctOutputs() {
        Compilation c = Compilation.of(Family.program(3, 5), Options.defaults());
        assertEquals(3, c.primal().inputCount());
        assertEquals(5, c.primal().outputCount());
        // no two outputs were merged: every output is its own node
        assertEquals(5, c.primal().graph().outputs().get(0).nodes().stream().distinct().count());
        assertEquals(Family.program(3, 5), Family.program(3, 5));
    }

    @Test
    void sizesMustAscend() {
        assertThrows(IllegalArgumentException.class, () -> new Sweep(2, List.of(1, 4, 2)));
        assertEquals(List.of(1, 2, 4, 8), Sweep.powersOfTwo(10));
    }

    @Test
    void runsBothSeriesAndDrawsThemInThePicture(@TempDir Path dir) throws Exception {
        Sweep.Result r = new Sweep(2, List.of(1, 2, 4)).run(Fluxion.create(), Timing.quick(), null);
        assertEquals(3, r.byInputs().size());
        assertEquals(3, r.byOutputs().size());
        assertEquals(4, r.byInputs().get(2).m());
        assertEquals(2, r.byInputs().get(2).n());
        assertEquals(4, r.byOutputs().get(2).n());
        // forward: m passes; reverse: n passes
        assertTrue(r.byInputs().get(2).forwardOps() > r.byInputs().get(2).reverseOps());
        assertTrue(r.byOutputs().get(2).forwardOps() < r.byOutputs().get(2).reverseOps());
        Path png = dir.resolve("s.png");
        SweepChart.write(r, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(SweepChart.WIDTH, img.getWidth());
        assertEquals(SweepChart.HEIGHT, img.getHeight());
        assertTrue(hasColor(img, 0x1565c0) && hasColor(img, 0xc62828), "both series are drawn");
    }

    private static boolean hasColor(BufferedImage img, int rgb) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
