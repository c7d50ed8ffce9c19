package dev.fluxion.runtime.io;

import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.testing.SoftmaxRegression;
import dev.fluxion.runtime.testing.TinyMlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterFileTest {

    @Test
    void roundTripIsBitExact(@TempDir Path dir) throws IOException {
        TinyMlp a = new TinyMlp(7, 5, 3);
        Initializers.initialize(a, 1);
        a.parameters()[1][2] = -0.0;
        a.parameters()[3][0] = Double.MIN_VALUE;
        Path f = dir.resolve("sub/mlp.fxp");
        ParameterFile.save(a, f);
        TinyMlp b = new TinyMlp(7, 5, 3);
        ParameterFile.load(b, f);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(a.parameters()[i], b.parameters()[i]);
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(b.parameters()[1][2]));
        long expectedBytes = 10 + 4 + (2 + 2 + 1 + 8 + 8 * 35) + (2 + 2 + 1 + 4 + 8 * 5)
                + (2 + 2 + 1 + 8 + 8 * 15) + (2 + 2 + 1 + 4 + 8 * 3);
        assertEquals(expectedBytes, Files.size(f));
    }

    @Test
    void matchesTheDocumentedExampleBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParameterFile.write(out, new Parameters(new String[] {"b"}, new int[][] {{2}}, new double[][] {{0.5, -1}}));
        byte[] bytes = out.toByteArray();
        byte[] head = {'F', 'X', 'P', 'M', 0, 1, 0, 0, 0, 1, 0, 1, 'b', 1, 0, 0, 0, 2,
            0x3F, (byte) 0xE0, 0, 0, 0, 0, 0, 0, (byte) 0xBF, (byte) 0xF0, 0, 0, 0, 0, 0, 0};
        assertEquals(head.length + 4, bytes.length);
        assertArrayEquals(head, java.util.Arrays.copyOf(bytes, head.length));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(head);
        assertEquals(crc.getValue(), java.nio.ByteBuffer.wrap(bytes, head.length, 4).getInt() & 0xFFFFFFFFL);
    }

    @Test
    void loadingChecksNamesAndShapes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("mlp.fxp");
        ParameterFile.save(new TinyMlp(7, 5, 3), f);
        TinyMlp wider = new TinyMlp(7, 6, 3);
        double before = wider.parameters()[0][0] = 42;
        IOException e = assertThrows(IOException.class, () -> ParameterFile.load(wider, f));
        assertTrue(e.getMessage().contains("parameter 'W1' has shape [7, 5] in the file but [7, 6] in model 'tiny_mlp'"),
                e.getMessage());
        assertEquals(before, wider.parameters()[0][0], "nothing is copied when the file does not fit");
        IOException other = assertThrows(IOException.class, () -> ParameterFile.load(new SoftmaxRegression(7, 3), f));
        assertTrue(other.getMessage().contains("parameter 'W' [7, 3] is missing from the file"), other.getMessage());
        assertTrue(other.getMessage().contains("the file holds 'W1', which model 'softmax_regression' does not declare"),
                other.getMessage());
    }

    @Test
    void damagedAndTruncatedFilesAreRejected(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.fxp");
        ParameterFile.save(new TinyMlp(4, 3, 2), f);
        byte[] bytes = Files.readAllBytes(f);
        bytes[40] ^= 1;
        Files.write(f, bytes);
        IOException e = assertThrows(IOException.class, () -> ParameterFile.read(f));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        Files.write(f, java.util.Arrays.copyOf(bytes, 30));
        assertThrows(IOException.class, () -> ParameterFile.read(f));
        Files.writeString(f, "not a parameter file at all");
        IOException magic = assertThrows(IOException.class, () -> ParameterFile.read(f));
        assertTrue(magic.getMessage().contains("not a Fluxion parameter file"), magic.getMessage());
    }
}
