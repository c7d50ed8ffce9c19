package dev.fluxion.runtime.plot;

import dev.fluxion.runtime.train.EpochMetrics;
import dev.fluxion.runtime.train.History;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingPlotTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static History history() {
        int spe = 50;
        int epochs = 5;
        double[] steps = new double[spe * epochs];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = 2.3 * Math.exp(-i / 60.0) + 0.1 * Math.sin(i);
        }
        List<EpochMetrics> list = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            list.add(new EpochMetrics(e, (long) e * spe, 2.3 * Math.exp(-e * spe / 60.0), 0.5 / e, 0.8 + 0.03 * e,
                    0.1, 0.5, 1000));
        }
        return new History(list, steps, spe);
    }

    @Test
    void writesADecodablePngWithCurvesInTheirColours(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("curves.png");
        TrainingPlot.write(history(), "mlp", png, 1000, 400);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO decodes the file");
        assertEquals(1000, image.getWidth());
        assertEquals(400, image.getHeight());
        int green = 0;
        int orange = 0;
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                green += rgb == 0x59A14F ? 1 : 0;
                orange += rgb == 0xF28E2B ? 1 : 0;
                dark += rgb == 0x333333 ? 1 : 0;
            }
        }
        assertTrue(green > 50, "the accuracy curve is drawn (" + green + " pixels)");
        assertTrue(orange > 50, "the test loss curve is drawn (" + orange + " pixels)");
        assertTrue(dark > 1000, "axes, ticks and labels are drawn (" + dark + " pixels)");
    }

    @Test
    void niceTicks() {
        Ticks t = Ticks.covering(0.13, 2.31, 6);
        assertEquals(0.0, t.start(), 1e-12);
        assertEquals(0.5, t.step(), 1e-12);
        assertEquals(2.5, t.end(), 1e-12);
        assertEquals("1.5", t.label(3));
        Ticks pct = Ticks.covering(81, 97, 6);
        assertEquals(5.0, pct.step(), 1e-12);
        assertEquals("80", pct.label(0));
    }
}
