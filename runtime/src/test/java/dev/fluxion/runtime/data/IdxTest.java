package dev.fluxion.runtime.data;

import dev.fluxion.runtime.testing.DataFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxTest {

    @Test
    void readsTheMnistFiles() throws IOException {
        Dataset mnist = Idx.dataset(DataFiles.get("mnist10k-images-idx3-ubyte.gz"),
                DataFiles.get("mnist10k-labels-idx1-ubyte.gz"));
        assertEquals(10_000, mnist.size());
        assertArrayEquals(new int[] {28, 28}, mnist.featureShape());
        assertEquals(10, mnist.classCount());
        double min = Double.MAX_VALUE;
        double max = -1;
        for (int j = 0; j < 784; j++) {
            min = Math.min(min, mnist.feature(0, j));
            max = Math.max(max, mnist.feature(0, j));
        }
        assertEquals(0, min);
        assertTrue(max > 200 && max <= 255, "grey levels 0..255, got max " + max);
        for (int c : mnist.classCounts()) {
            assertTrue(c > 800 && c < 1200, "each digit about a tenth of the set, got " + c);
        }
        Dataset.Split split = mnist.split(8000);
        assertEquals(8000, split.train().size());
        assertEquals(2000, split.test().size());
        assertEquals(mnist.label(8000), split.test().label(0));
    }

    @Test
    void readsPlainFilesAndOtherTypes(@TempDir Path dir) throws IOException {
        // A 2 x 3 tensor of big-endian 16-bit shorts (type 0x0B), uncompressed.
        byte[] bytes = {0, 0, 0x0B, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 1, 0, 2, (byte) 0xFF, (byte) 0xFF, 0, 4, 1, 0, 0, 6};
        Path f = dir.resolve("t.idx");
        Files.write(f, bytes);
        IdxTensor t = Idx.read(f);
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertArrayEquals(new double[] {1, 2, -1, 4, 256, 6}, t.values());
    }

    @Test
    void reportsWrongAndTruncatedFiles() {
        IOException bad = assertThrows(IOException.class,
                () -> Idx.read(new ByteArrayInputStream(new byte[] {1, 2, 8, 1}), "x.idx"));
        assertTrue(bad.getMessage().startsWith("x.idx: not an IDX file"), bad.getMessage());
        IOException cut = assertThrows(IOException.class,
                () -> Idx.read(new ByteArrayInputStream(new byte[] {0, 0, 8, 1, 0, 0, 0, 5, 1, 2}), "y.idx"));
        assertTrue(cut.getMessage().contains("file ends after 2 of the 5 bytes"), cut.getMessage());
        IOException extra = assertThrows(IOException.class,
                () -> Idx.read(new ByteArrayInputStream(new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 1, 2}), "z.idx"));
        assertTrue(extra.getMessage().contains("unexpected bytes"), extra.getMessage());
    }
}
