package dev.fluxion.examples.lockstep;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes arrays in NumPy's {@code .npy} format (version 1.0, little-endian, C order), so a
 * Python script can read Fluxion's parameters and minibatch order with {@code numpy.load}
 * bit for bit. Only the two element types the lockstep comparison needs: float64 and int64.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private Npy() {
    }

    /** Writes {@code values} as a float64 array of {@code shape} (row-major, as Fluxion stores tensors). */
    public static void write(Path file, double[] values, int... shape) throws IOException {
        ByteBuffer data = elements(values.length, shape);
        data.asDoubleBuffer().put(values);
        write(file, "<f8", shape, data.array());
    }

    /** Writes {@code values} as an int64 array of {@code shape}. */
    public static void write(Path file, long[] values, int... shape) throws IOException {
        ByteBuffer data = elements(values.length, shape);
        data.asLongBuffer().put(values);
        write(file, "<i8", shape, data.array());
    }

    private static void write(Path file, String descr, int[] shape, byte[] data) throws IOException {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims
                + (shape.length == 1 ? "," : "") + "), }";
        // The header, with its newline, pads the preamble (magic, version, length) to a multiple of 64 bytes.
        int unpadded = MAGIC.length + 2 + header.length() + 1;
        String padded = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] h = padded.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) h.length).put(h).put(data);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, out.array());
    }

    /** A little-endian buffer for {@code length} 8-byte elements, which must fill {@code shape}. */
    private static ByteBuffer elements(int length, int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException(length + " values do not fill shape " + Arrays.toString(shape));
        }
        return ByteBuffer.allocate(length * 8).order(ByteOrder.LITTLE_ENDIAN);
    }
}
