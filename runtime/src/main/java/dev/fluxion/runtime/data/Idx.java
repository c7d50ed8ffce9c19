package dev.fluxion.runtime.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads IDX files, the format MNIST is distributed in, plain or gzip-compressed.
 *
 * <p>The format (LeCun's): a 4-byte magic number — two zero bytes, an element type code
 * ({@link IdxType}) and the number of dimensions n — then n big-endian 32-bit sizes,
 * then the elements row-major, big-endian. MNIST images are {@code 00 00 08 03}
 * (2051: unsigned bytes, [count, rows, cols]); labels {@code 00 00 08 01} (2049).
 *
 * <p>Reading is strict: a wrong magic number, a truncated body or bytes after the body
 * are errors naming the file, because each of those means the wrong file was given.
 */
public final class Idx {

    private Idx() {
    }

    /**
     * Reads one IDX file.
     *
     * @param file an IDX file, plain or gzip-compressed
     * @return the tensor
     * @throws IOException if the file cannot be read or is not valid IDX (the message names it)
     */
    public static IdxTensor read(Path file) throws IOException {
        try (InputStream in = Compressed.open(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads one IDX tensor from {@code in}; {@code source} names it in error messages.
     *
     * @param in the stream, not closed
     * @param source names the stream in error messages
     * @return the tensor
     * @throws IOException if reading fails or the bytes are not valid IDX
     */
    public static IdxTensor read(InputStream in, String source) throws IOException {
        byte[] magic = readFully(in, 4, source, "the magic number");
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IOException(source + ": not an IDX file (the first two bytes must be 0, got "
                    + String.format("%02X %02X", magic[0] & 0xff, magic[1] & 0xff) + ")");
        }
        IdxType type;
        try {
            type = IdxType.ofCode(magic[2] & 0xff);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        int rank = magic[3] & 0xff;
        if (rank == 0) {
            throw new IOException(source + ": IDX header declares 0 dimensions");
        }
        ByteBuffer dims = ByteBuffer.wrap(readFully(in, 4 * rank, source, "the dimensions")).order(ByteOrder.BIG_ENDIAN);
        int[] shape = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = dims.getInt();
            if (shape[i] < 0) {
                throw new IOException(source + ": dimension " + i + " is negative (" + shape[i] + ")");
            }
            count *= shape[i];
            if (count > Integer.MAX_VALUE - 8) {
                throw new IOException(source + ": shape " + Arrays.toString(Arrays.copyOf(shape, i + 1))
                        + " is too large for one array");
            }
        }
        int n = (int) count;
        long bytes = (long) n * type.bytes();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IOException(source + ": " + bytes + " bytes of data are too many for one array");
        }
        byte[] body = readFully(in, (int) bytes, source, n + " values of shape " + Arrays.toString(shape));
        if (in.read() != -1) {
            throw new IOException(source + ": unexpected bytes after the " + n + " values of shape "
                    + Arrays.toString(shape));
        }
        return new IdxTensor(shape, decode(body, n, type), type);
    }

    /**
     * An image data set from an images file ([count, rows, cols] or [count, ...]) and a
     * labels file ([count]); the class count is the largest label + 1.
     *
     * @param images the images file
     * @param labels the labels file
     * @return the data set
     * @throws IOException if a file cannot be read, is not valid IDX, or the counts differ
     */
    public static Dataset dataset(Path images, Path labels) throws IOException {
        IdxTensor x = read(images);
        IdxTensor y = read(labels);
        int[] xs = x.shape();
        int[] ys = y.shape();
        if (xs.length < 2) {
            throw new IOException(images + ": images need at least 2 dimensions [count, ...], got " + Arrays.toString(xs));
        }
        if (ys.length != 1) {
            throw new IOException(labels + ": labels need 1 dimension [count], got " + Arrays.toString(ys));
        }
        if (xs[0] != ys[0]) {
            throw new IOException(images + " holds " + xs[0] + " images but " + labels + " holds " + ys[0] + " labels");
        }
        double[] lv = y.backing();
        int[] l = new int[lv.length];
        int max = 0;
        for (int i = 0; i < l.length; i++) {
            double v = lv[i];
            if (v < 0 || v != Math.rint(v)) {
                throw new IOException(labels + ": label " + i + " is " + v + ", not a class index");
            }
            l[i] = (int) v;
            max = Math.max(max, l[i]);
        }
        return Dataset.wrap(x.backing(), l, Arrays.copyOfRange(xs, 1, xs.length), max + 1);
    }

    private static double[] decode(byte[] body, int n, IdxType type) {
        double[] out = new double[n];
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.BIG_ENDIAN);
        switch (type) {
            case UNSIGNED_BYTE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = body[i] & 0xff;
                }
            }
            case SIGNED_BYTE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = body[i];
                }
            }
            case SHORT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort();
                }
            }
            case INT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt();
                }
            }
            case FLOAT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getFloat();
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getDouble();
                }
            }
        }
        return out;
    }

    private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
        byte[] buf = in.readNBytes(n);
        if (buf.length < n) {
            throw new EOFException(source + ": file ends after " + buf.length + " of the " + n + " bytes of " + what);
        }
        return buf;
    }
}
