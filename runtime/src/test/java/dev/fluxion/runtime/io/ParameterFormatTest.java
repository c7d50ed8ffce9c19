package dev.fluxion.runtime.io;

import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.testing.TinyMlp;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round trips through every format, the choice by extension, and the messages for bad files. */
class ParameterFormatTest {

    @ParameterizedTest
    @EnumSource(value = ParameterFormat.class, names = {"FLUXION", "NPZ", "SAFETENSORS"})
    void aModelRoundTripsBitExactly(ParameterFormat format, @TempDir Path dir) throws IOException {
        TinyMlp a = new TinyMlp(7, 5, 3);
        Initializers.initialize(a, 3);
        a.parameters()[1][2] = -0.0;
        a.parameters()[3][0] = Double.longBitsToDouble(0x7ff8000000000123L);
        Path f = dir.resolve("mlp" + format.extension());
        ParameterFormat.save(a, f);
        assertEquals(format, ParameterFormat.of(f));
        TinyMlp b = new TinyMlp(7, 5, 3);
        ParameterFormat.load(b, f);
        for (int i = 0; i < a.parameters().length; i++) {
            for (int k = 0; k < a.parameters()[i].length; k++) {
                assertEquals(Double.doubleToRawLongBits(a.parameters()[i][k]), Double.doubleToRawLongBits(b.parameters()[i][k]));
            }
        }
    }

    @Test
    void float32RoundsEachValueToNearest(@TempDir Path dir) throws IOException {
        Parameters p = new Parameters(new String[] {"w"}, new int[][] {{3}}, new double[][] {{0.1, 1e-50, 3.4e39}});
        for (String ext : List.of(".npy", ".npz", ".safetensors")) {
            Path f = dir.resolve("w" + ext);
            ParameterFormat.write(f, p, ElementType.FLOAT32);
            assertArrayEquals(new double[] {(float) 0.1, 0.0, Double.POSITIVE_INFINITY}, ParameterFormat.read(f).values(0), ext);
        }
        IOException e = assertThrows(IOException.class, () -> ParameterFormat.write(dir.resolve("w.fxp"), p, ElementType.FLOAT32));
        assertTrue(e.getMessage().contains("float64 only"), e.getMessage());
    }

    @Property(tries = 150)
    void everyFormatRoundTripsExactly(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 6) Integer> dims,
                                      @ForAll @Size(max = 20) List<Double> pool) throws IOException {
        Parameters p = ParameterFilePropertyTest.build(dims, pool);
        assertSame(p, Npz.decode(Npz.encode(p, ElementType.FLOAT64), "mem"));
        assertSame(p, Safetensors.decode(Safetensors.encode(p, ElementType.FLOAT64), "mem"));
        Npy.Tensor t = Npy.decode(Npy.encode(p.shapeView(0), p.valuesView(0), ElementType.FLOAT64), "mem");
        assertArrayEquals(p.shapeView(0), t.shape());
        assertArrayEquals(p.valuesView(0), t.values());
    }

    private static void assertSame(Parameters expected, Parameters actual) {
        assertEquals(expected.count(), actual.count());
        for (int i = 0; i < expected.count(); i++) {
            int j = actual.indexOf(expected.name(i));
            assertArrayEquals(expected.shapeView(i), actual.shapeView(j), expected.name(i));
            assertEquals(Arrays.toString(rawBits(expected.valuesView(i))), Arrays.toString(rawBits(actual.valuesView(j))));
        }
    }

    private static long[] rawBits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void theExtensionChoosesAndUnknownOnesAreNamed(@TempDir Path dir) throws IOException {
        assertEquals(ParameterFormat.SAFETENSORS, ParameterFormat.of(Path.of("a/B.SAFETENSORS")));
        assertEquals(ParameterFormat.NPY, ParameterFormat.of(Path.of("w.npy")));
        IOException e = assertThrows(IOException.class, () -> ParameterFormat.of(Path.of("w.pt")));
        assertEquals("w.pt: unknown parameter file extension (expected one of .fxp .npy .npz .safetensors)", e.getMessage());
        Parameters two = new Parameters(new String[] {"a", "b"}, new int[][] {{}, {}}, new double[][] {{1}, {2}});
        IOException npy = assertThrows(IOException.class, () -> ParameterFormat.write(dir.resolve("x.npy"), two));
        assertTrue(npy.getMessage().endsWith("an .npy file holds one tensor, these are 2 (a, b); write .npz or .safetensors"),
                npy.getMessage());
        assertTrue(Files.notExists(dir.resolve("x.npy")));
        Parameters deep = new Parameters(new String[] {"d"}, new int[][] {new int[65]}, new double[][] {{}});
        IOException rank = assertThrows(IOException.class, () -> ParameterFormat.write(dir.resolve("d.npz"), deep));
        assertTrue(rank.getMessage().endsWith("tensor 'd' has 65 dimensions; NumPy arrays have at most 64"), rank.getMessage());
    }

    @Test
    void damagedFilesAreRefusedWithAReason() throws IOException {
        byte[] st = ReferenceFilesTest.golden("golden_f64.safetensors");
        assertMessage(Arrays.copyOf(st, st.length - 1), ParameterFormat.SAFETENSORS, "truncated");
        assertMessage(Arrays.copyOf(st, st.length + 8), ParameterFormat.SAFETENSORS, "8 bytes after the last tensor");
        assertMessage(new byte[] {1, 2, 3}, ParameterFormat.SAFETENSORS, "too short for a safetensors file");
        assertMessage("PK\3\4 not really".getBytes(), ParameterFormat.SAFETENSORS, "100 MB limit");
        byte[] shifted = st.clone();
        String header = new String(shifted, 8, 168, java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = header.replace("[48,72]", "[40,72]").getBytes();
        System.arraycopy(bad, 0, shifted, 8, bad.length);
        assertMessage(shifted, ParameterFormat.SAFETENSORS, "tensors must tile the buffer");
        byte[] i64 = header.replace("\"dtype\":\"F64\",\"shape\":[3]", "\"dtype\":\"I64\",\"shape\":[3]").getBytes();
        byte[] ints = st.clone();
        System.arraycopy(i64, 0, ints, 8, i64.length);
        assertMessage(ints, ParameterFormat.SAFETENSORS, "has dtype I64, which Fluxion does not read");

        byte[] npz = ReferenceFilesTest.golden("golden_f64.npz");
        assertMessage(Arrays.copyOf(npz, 100), ParameterFormat.NPZ, "truncated");
        assertMessage(st, ParameterFormat.NPZ, "not a NumPy .npz file");
        byte[] npy = ReferenceFilesTest.golden("W_f64.npy");
        assertMessage(Arrays.copyOf(npy, npy.length - 8), ParameterFormat.NPY, "needs 48 bytes of data, the file has 40");
        assertMessage(npz, ParameterFormat.NPY, "not a NumPy .npy file");
    }

    private static void assertMessage(byte[] bytes, ParameterFormat format, String expected) throws IOException {
        Path f = Files.createTempFile("bad", format.extension());
        try {
            Files.write(f, bytes);
            IOException e = assertThrows(IOException.class, () -> ParameterFormat.read(f));
            assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains(expected), e.getMessage());
        } finally {
            Files.delete(f);
        }
    }
}
