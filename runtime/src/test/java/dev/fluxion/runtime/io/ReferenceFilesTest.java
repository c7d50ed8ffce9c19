package dev.fluxion.runtime.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fluxion against files written by the reference implementations (NumPy 2.4's
 * {@code numpy.save}/{@code numpy.savez}; the safetensors crate's {@code serialize}), see
 * {@code golden/README.md}: what Fluxion writes is the same, byte for byte, and what they
 * wrote reads back as the values they were given.
 */
class ReferenceFilesTest {

    /** The reference tensors, in the order the reference files were given them. */
    static final Parameters GOLDEN = new Parameters(
            new String[] {"b", "W", "s"},
            new int[][] {{3}, {2, 3}, {}},
            new double[][] {{0.5, -1.25, 3.0}, {1.0, -2.0, 0.25, 1e-3, -0.0, 6.5e10}, {0.125}});

    /** The edge cases of {@code edge_f64.*}: a non-ASCII name, a quote and a backslash, an empty tensor, NaN and ±∞. */
    static final Parameters EDGE = new Parameters(
            new String[] {"\u03b1/weights", "empty", "q\"\\", "big"},
            new int[][] {{2, 2}, {0, 3}, {}, {3, 1, 1, 2}},
            new double[][] {{1, 2, 3, 4}, {}, {-0.5},
                {1e300, -1e-300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 6}});

    static byte[] golden(String name) throws IOException {
        try (InputStream in = ReferenceFilesTest.class.getResourceAsStream("golden/" + name)) {
            if (in == null) {
                throw new IOException("missing golden file " + name);
            }
            return in.readAllBytes();
        }
    }

    private static String suffix(ElementType type) {
        return type == ElementType.FLOAT64 ? "f64" : "f32";
    }

    /** The value the reference stored: float32 files hold each value rounded to float. */
    private static double stored(double v, ElementType type) {
        return type == ElementType.FLOAT64 ? v : (float) v;
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void npyIsWhatNumpySaveWrites(ElementType type) throws IOException {
        for (int i = 0; i < GOLDEN.count(); i++) {
            String file = GOLDEN.name(i) + "_" + suffix(type) + ".npy";
            assertArrayEquals(golden(file), Npy.encode(GOLDEN.shapeView(i), GOLDEN.valuesView(i), type), file);
        }
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void npyWrittenByNumpyReadsBack(ElementType type) throws IOException {
        for (int i = 0; i < GOLDEN.count(); i++) {
            String file = GOLDEN.name(i) + "_" + suffix(type) + ".npy";
            Npy.Tensor t = Npy.decode(golden(file), file);
            assertArrayEquals(GOLDEN.shapeView(i), t.shape(), file);
            assertBitsEqual(GOLDEN.valuesView(i), t.values(), type, file);
        }
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void npzIsWhatNumpySavezWrites(ElementType type) throws IOException {
        assertArrayEquals(golden("golden_" + suffix(type) + ".npz"), Npz.encode(GOLDEN, type));
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void safetensorsIsWhatTheReferenceSerializerWrites(ElementType type) throws IOException {
        assertArrayEquals(golden("golden_" + suffix(type) + ".safetensors"), Safetensors.encode(GOLDEN, type));
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void archivesWrittenByTheReferencesReadBack(ElementType type) throws IOException {
        Parameters npz = Npz.decode(golden("golden_" + suffix(type) + ".npz"), "npz");
        assertEquals(List.of("b", "W", "s"), npz.names(), "numpy.savez keeps the keyword order");
        assertSameTensors(npz, type);
        Parameters st = Safetensors.decode(golden("golden_" + suffix(type) + ".safetensors"), "st");
        assertEquals(List.of("W", "b", "s"), st.names(), "safetensors orders by name (bytewise: 'W' < 'b')");
        assertSameTensors(st, type);
    }

    @Test
    void edgeCasesAreWrittenAsTheReferencesWriteThem() throws IOException {
        assertArrayEquals(golden("edge_f64.npz"), Npz.encode(EDGE, ElementType.FLOAT64));
        assertArrayEquals(golden("edge_f64.safetensors"), Safetensors.encode(EDGE, ElementType.FLOAT64));
        Parameters npz = Npz.decode(golden("edge_f64.npz"), "npz");
        assertEquals(EDGE.names(), npz.names());
        Parameters st = Safetensors.decode(golden("edge_f64.safetensors"), "st");
        assertEquals(List.of("big", "empty", "q\"\\", "\u03b1/weights"), st.names(), "bytewise UTF-8 order: α (CE B1) last");
        for (Parameters read : List.of(npz, st)) {
            for (int i = 0; i < EDGE.count(); i++) {
                int j = read.indexOf(EDGE.name(i));
                assertArrayEquals(EDGE.shapeView(i), read.shapeView(j), EDGE.name(i));
                assertBitsEqual(EDGE.valuesView(i), read.valuesView(j), ElementType.FLOAT64, EDGE.name(i));
            }
        }
    }

    @Test
    void halfPrecisionFilesReadExactly() throws IOException {
        double[] f16 = {1, -2, 0.25, 0x1p-14, 0x1p-24, 65504, Double.POSITIVE_INFINITY, -0.0};
        double[] bf16 = {1, -2, 0.25, 0x1p-126, 0x1p-133, 0x1.fep127, Double.POSITIVE_INFINITY, -0.0};
        Npy.Tensor numpy = Npy.decode(golden("half_f16.npy"), "half_f16.npy");
        assertBitsEqual(f16, numpy.values(), ElementType.FLOAT64, "numpy float16");
        Parameters st = Safetensors.decode(golden("half.safetensors"), "half.safetensors");
        assertEquals(List.of("bf", "h"), st.names(), "BF16 sorts before F16 (larger in the reference's dtype order)");
        assertEquals(List.of("bfloat16", "float16"), List.of(st.elementType(0), st.elementType(1)));
        assertEquals(StoredType.F16, numpy.type());
        assertArrayEquals(new int[] {2, 4}, st.shapeView(0));
        assertBitsEqual(bf16, st.valuesView(0), ElementType.FLOAT64, "BF16");
        assertBitsEqual(f16, st.valuesView(1), ElementType.FLOAT64, "F16");
        for (int h = 0; h < 0x10000; h++) {             // every binary16 against the float it names
            float v = StoredType.halfToFloat(h);
            int e = (h >>> 10) & 0x1f;
            int m = h & 0x3ff;
            double expected = e == 31 ? (m == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                    : e == 0 ? m * 0x1p-24 : (1 + m / 1024.0) * Math.pow(2, e - 15);
            assertEquals((h & 0x8000) != 0 ? -expected : expected, (double) v, "0x" + Integer.toHexString(h));
        }
    }

    @Test
    void otherNumpyWritersRead() throws IOException {
        assertSameTensors(Npz.decode(golden("compressed_f64.npz"), "compressed"), ElementType.FLOAT64);
        Npy.Tensor big = Npy.decode(golden("W_big_endian.npy"), "big");
        assertBitsEqual(GOLDEN.valuesView(1), big.values(), ElementType.FLOAT64, "big-endian");
    }

    @Test
    void unsupportedNumpyFilesAreRefusedWithTheFix() {
        IOException fortran = assertThrows(IOException.class, () -> Npy.decode(golden("W_fortran.npy"), "W_fortran.npy"));
        assertTrue(fortran.getMessage().contains("Fortran order") && fortran.getMessage().contains("ascontiguousarray"),
                fortran.getMessage());
        IOException ints = assertThrows(IOException.class, () -> Npy.decode(golden("ints.npy"), "ints.npy"));
        assertTrue(ints.getMessage().contains("'<i8' is not supported"), ints.getMessage());
    }

    @Test
    void theFilesThroughParameterFormat(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path w = dir.resolve("W.npy");
        Files.write(w, golden("W_f64.npy"));
        Parameters p = ParameterFormat.read(w);
        assertEquals(List.of("W"), p.names(), "a single .npy tensor is named after its file");
        Path st = dir.resolve("model.SafeTensors");
        Files.write(st, golden("golden_f32.safetensors"));
        assertSameTensors(ParameterFormat.read(st), ElementType.FLOAT32);
    }

    private static void assertSameTensors(Parameters read, ElementType type) {
        assertEquals(GOLDEN.count(), read.count());
        for (int i = 0; i < read.count(); i++) {
            assertEquals(type == ElementType.FLOAT64 ? "float64" : "float32", read.elementType(i), read.name(i));
        }
        for (int i = 0; i < GOLDEN.count(); i++) {
            int j = read.indexOf(GOLDEN.name(i));
            assertTrue(j >= 0, GOLDEN.name(i));
            assertArrayEquals(GOLDEN.shapeView(i), read.shapeView(j), GOLDEN.name(i));
            assertBitsEqual(GOLDEN.valuesView(i), read.valuesView(j), type, GOLDEN.name(i));
        }
    }

    private static void assertBitsEqual(double[] expected, double[] actual, ElementType type, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Double.doubleToRawLongBits(stored(expected[k], type)), Double.doubleToRawLongBits(actual[k]),
                    what + "[" + k + "]");
        }
    }
}
