package dev.fluxion.runtime.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One tensor in NumPy's {@code .npy} format (NEP 1), byte for byte as {@code numpy.save}
 * of NumPy 2 writes it:
 * <pre>
 *   6 bytes   magic: \x93NUMPY
 *   2 bytes   version: 1, 0 (NumPy writes 2, 0 only for headers over 64 KiB, which
 *             arrays of at most 64 dimensions never need)
 *   2 bytes   header length H, unsigned little-endian (4 bytes from version 2)
 *   H bytes   the header dict (see {@link NpyHeader}), padded with spaces and ended by
 *             '\n' so that the data starts at a multiple of 64 bytes
 *   ...       the values, row-major, in the header's type
 * </pre>
 * Reading accepts versions 1, 2 and 3, float64, float32 and float16 in either byte order, C order
 * only (a Fortran-ordered array is refused with the NumPy call that fixes it).
 */
final class Npy {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /**
     * NumPy's limit on dimensions ({@code NPY_MAXDIMS}); with it the header stays far below
     * 64 KiB, so the writer needs version 1.0 only.
     */
    static final int MAX_RANK = 64;
    /** NumPy's {@code ARRAY_ALIGN}: the data starts at a multiple of this. */
    private static final int ALIGN = 64;

    private Npy() {
    }

    /**
     * Encodes one tensor.
     *
     * @param shape its dimensions (empty for a scalar), at most {@link #MAX_RANK}
     * @param values row-major values, as many as the shape says
     * @param type how to store them
     * @return the bytes of a {@code .npy} file
     */
    static byte[] encode(int[] shape, double[] values, ElementType type) {
        byte[] header = new NpyHeader(type.numpyDescr(), false, shape).format().getBytes(StandardCharsets.ISO_8859_1);
        int hlen = header.length + 1;
        int pad = ALIGN - (MAGIC.length + 4 + hlen) % ALIGN;
        int prefix = MAGIC.length + 4 + hlen + pad;
        ByteBuffer b = ByteBuffer.allocate(Math.addExact(prefix, Math.multiplyExact(values.length, type.bytes())))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) (hlen + pad));
        b.put(header);
        for (int i = 0; i < pad; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        for (double v : values) {
            type.put(b, v);
        }
        return b.array();
    }

    /**
     * Decodes one tensor.
     *
     * @param bytes a whole {@code .npy} file
     * @param source names the file in messages
     * @return the shape and the values widened to double
     * @throws IOException if the bytes are not a float64 or float32 C-order {@code .npy} file
     */
    static Tensor decode(byte[] bytes, String source) throws IOException {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IOException(source + ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        b.position(8);
        long hlen;
        if (major == 1) {
            hlen = Short.toUnsignedInt(b.getShort());
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IOException(source + ": the .npy file ends inside its header");
            }
            hlen = Integer.toUnsignedLong(b.getInt());
        } else {
            throw new IOException(source + ": .npy format version " + major + "." + bytes[7] + ", this reader knows 1, 2 and 3");
        }
        if (hlen > b.remaining()) {
            throw new IOException(source + ": the .npy header says " + hlen + " bytes, " + b.remaining() + " remain");
        }
        String text = new String(bytes, b.position(), (int) hlen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        b.position(b.position() + (int) hlen);
        NpyHeader h = NpyHeader.parse(text, source);
        if (h.fortranOrder()) {
            throw new IOException(source + ": the array is in Fortran order; save numpy.ascontiguousarray(a) instead");
        }
        StoredType type = switch (h.descr().substring(Math.min(1, h.descr().length()))) {
            case "f8" -> StoredType.F64;
            case "f4" -> StoredType.F32;
            case "f2" -> StoredType.F16;
            default -> null;
        };
        char order = h.descr().isEmpty() ? '?' : h.descr().charAt(0);
        if (type == null || (order != '<' && order != '>' && order != '=')) {
            throw new IOException(source + ": element type '" + h.descr()
                    + "' is not supported (float64, float32 and float16 are); save a.astype(numpy.float64)");
        }
        long m;
        try {
            m = Parameters.elementCount(h.shape());
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        if (m > Integer.MAX_VALUE - 8) {
            throw new IOException(source + ": " + m + " elements do not fit in one Java array");
        }
        long need = m * type.bytes();
        if (need != b.remaining()) {
            throw new IOException(source + ": shape " + Arrays.toString(h.shape()) + " of " + h.descr() + " needs "
                    + need + " bytes of data, the file has " + b.remaining());
        }
        b.order(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[(int) m];
        for (int i = 0; i < values.length; i++) {
            values[i] = type.get(b);
        }
        return new Tensor(h.shape(), values, type);
    }

    /**
     * A decoded tensor.
     *
     * @param shape its dimensions
     * @param values row-major values
     * @param type how the values were stored
     */
    record Tensor(int[] shape, double[] values, StoredType type) {
    }
}
