package dev.fluxion.runtime.io;

import dev.fluxion.runtime.model.Model;

import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Saves and loads a model's parameters in the Fluxion parameter format, version 1
 * (also in {@code docs/parameter-format.md}). All integers and doubles are big-endian:
 * <pre>
 *   offset  size  field
 *   0       4     magic: the ASCII bytes "FXPM"
 *   4       2     format version, unsigned: 1
 *   6       4     tensor count n, signed 32-bit, &gt;= 0
 *   then n tensor records, each:
 *           2     name length L in bytes, unsigned, 1..65535
 *           L     name, UTF-8
 *           1     rank r, unsigned, 0..255
 *           4·r   dimensions, signed 32-bit, each &gt;= 0
 *           8·m   values, IEEE 754 binary64, row-major, m = product of the dimensions
 *   last    4     CRC-32 (the ZIP/PNG polynomial, java.util.zip.CRC32) of every byte
 *                 before it, unsigned 32-bit
 * </pre>
 * Nothing may follow the checksum. Doubles are stored bit for bit (NaN payloads
 * included), so a round trip is exact.
 *
 * <p>Why this shape: the names and shapes make a file self-describing, so loading into a
 * model can check that every parameter is present with the right shape and report which
 * is not (a file from another architecture fails loudly instead of filling buffers with
 * the wrong numbers); the checksum catches truncated or damaged files. Big-endian and
 * binary64 match {@link java.io.DataOutputStream}, so the format is readable from any
 * language with a few lines of code.
 *
 * <p>Writing goes to a temporary file beside the target and is then moved over it, so
 * an interrupted save leaves the previous file intact.
 */
public final class ParameterFile {

    /** The four magic bytes, "FXPM". */
    public static final byte[] MAGIC = {'F', 'X', 'P', 'M'};
    /** The version this class writes and the only one it reads. */
    public static final int VERSION = 1;

    private ParameterFile() {
    }

    /**
     * Writes the model's current parameters to {@code file}.
     *
     * @param model the model
     * @param file where to write; replaced if it exists
     * @throws IOException if the file cannot be written
     */
    public static void save(Model model, Path file) throws IOException {
        write(file, new Parameters(model.parameterNames(), model.parameterShapes(), model.parameters()));
    }

    /**
     * Reads {@code file} and copies its values into the model's live parameter buffers.
     * The file must hold exactly the model's parameters (any order) with the same shapes;
     * otherwise nothing is copied and the message lists every difference.
     *
     * @param model the model whose buffers receive the values
     * @param file a file written by {@link #save} or {@link #write(Path, Parameters)}
     * @throws IOException if the file cannot be read, is not a valid parameter file, or does
     *         not fit the model
     */
    public static void load(Model model, Path file) throws IOException {
        read(file).copyInto(model, file.toString());
    }

    /**
     * Writes {@code parameters} to {@code file}, through a temporary file moved into place
     * (atomically where the file system allows), so a crash never leaves half a file.
     *
     * @param file where to write; replaced if it exists
     * @param parameters names, shapes and values
     * @throws IOException if the file cannot be written, or a name or rank does not fit the format
     */
    public static void write(Path file, Parameters parameters) throws IOException {
        AtomicWrite.write(file, out -> write(out, parameters));
    }

    /**
     * Writes the format to {@code out} (not closed).
     *
     * @param out the stream
     * @param parameters names, shapes and values
     * @throws IOException if writing fails, or a name or rank does not fit the format
     */
    public static void write(OutputStream out, Parameters parameters) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream data = new DataOutputStream(new java.util.zip.CheckedOutputStream(nonClosing(out), crc));
        data.write(MAGIC);
        data.writeShort(VERSION);
        data.writeInt(parameters.count());
        for (int i = 0; i < parameters.count(); i++) {
            byte[] name = parameters.name(i).getBytes(StandardCharsets.UTF_8);
            if (name.length > 0xFFFF) {
                throw new IOException("parameter name longer than 65535 bytes: " + parameters.name(i).substring(0, 40) + "...");
            }
            int[] shape = parameters.shapeView(i);
            if (shape.length > 255) {
                throw new IOException("parameter '" + parameters.name(i) + "' has rank " + shape.length + " > 255");
            }
            data.writeShort(name.length);
            data.write(name);
            data.writeByte(shape.length);
            for (int d : shape) {
                data.writeInt(d);
            }
            double[] v = parameters.valuesView(i);
            ByteBuffer chunk = ByteBuffer.allocate(8 * 1024).order(ByteOrder.BIG_ENDIAN);
            for (int k = 0; k < v.length; k++) {
                if (!chunk.hasRemaining()) {
                    data.write(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                chunk.putDouble(v[k]);
            }
            data.write(chunk.array(), 0, chunk.position());
        }
        data.flush();
        new DataOutputStream(nonClosing(out)).writeInt((int) crc.getValue());
        out.flush();
    }

    /**
     * Reads a parameter file, checking its magic, version, structure and checksum.
     *
     * @param file the file
     * @return the names, shapes and values
     * @throws IOException if the file cannot be read or is not a valid parameter file (the message says why)
     */
    public static Parameters read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads the format from {@code in} to its end.
     *
     * @param in the stream, read to its end and not closed
     * @param source names the stream in messages
     * @return the names, shapes and values
     * @throws IOException if reading fails or the bytes are not a valid parameter file
     */
    public static Parameters read(InputStream in, String source) throws IOException {
        byte[] all = in.readAllBytes();
        if (all.length < 14) {
            throw new IOException(source + ": too short for a parameter file (" + all.length + " bytes)");
        }
        if (!Arrays.equals(Arrays.copyOf(all, 4), MAGIC)) {
            throw new IOException(source + ": not a Fluxion parameter file (magic bytes are not \"FXPM\")");
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.BIG_ENDIAN);
        int body = all.length - 4;
        CRC32 crc = new CRC32();
        crc.update(all, 0, body);
        long stored = Integer.toUnsignedLong(b.getInt(body));
        if (stored != crc.getValue()) {
            throw new IOException(source + ": checksum mismatch (stored " + Long.toHexString(stored) + ", computed "
                    + Long.toHexString(crc.getValue()) + "): the file is damaged or truncated");
        }
        b.limit(body);
        b.position(4);
        int version = Short.toUnsignedInt(b.getShort());
        if (version != VERSION) {
            throw new IOException(source + ": parameter format version " + version + ", this reader knows " + VERSION);
        }
        try {
            int n = b.getInt();
            if (n < 0) {
                throw new IOException(source + ": negative tensor count " + n);
            }
            String[] names = new String[n];
            int[][] shapes = new int[n][];
            double[][] values = new double[n][];
            for (int i = 0; i < n; i++) {
                int len = Short.toUnsignedInt(b.getShort());
                byte[] name = new byte[len];
                b.get(name);
                names[i] = new String(name, StandardCharsets.UTF_8);
                int rank = Byte.toUnsignedInt(b.get());
                shapes[i] = new int[rank];
                for (int r = 0; r < rank; r++) {
                    shapes[i][r] = b.getInt();
                }
                long m = Parameters.elementCount(shapes[i]);
                if (m * 8 > b.remaining()) {
                    throw new IOException(source + ": tensor '" + names[i] + "' of shape " + Arrays.toString(shapes[i])
                            + " needs " + m * 8 + " bytes, " + b.remaining() + " remain");
                }
                values[i] = new double[(int) m];
                b.asDoubleBuffer().get(values[i]);
                b.position(b.position() + 8 * (int) m);
            }
            if (b.hasRemaining()) {
                throw new IOException(source + ": " + b.remaining() + " unexpected bytes before the checksum");
            }
            return new Parameters(names, shapes, values);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException(source + ": the file ends inside a tensor record", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
