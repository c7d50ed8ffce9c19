package dev.fluxion.runtime.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Named tensors in NumPy's {@code .npz} format: a ZIP archive with one {@code NAME.npy}
 * member per tensor ({@link Npy}), in the order given.
 *
 * <p>Writing produces the bytes {@code numpy.savez(file, **tensors)} of NumPy 2 produces
 * through Python's {@code zipfile}: members stored (not compressed), each opened with
 * {@code force_zip64=True}, so each local header carries sizes 0xFFFFFFFF and a 20-byte
 * ZIP64 extra field with the real sizes; the date 1980-01-01 00:00 (Python's default for a
 * member opened by name, so the output does not depend on the clock); version 4.5 needed,
 * made by Unix 4.5; external attributes {@code 0o600 << 16}; the UTF-8 flag (bit 11) on
 * names that are not ASCII; no data descriptors; a plain end-of-central-directory record.
 * Archives from 2 GiB on would need ZIP64 central records and are refused (use
 * safetensors).
 *
 * <p>Reading accepts any archive {@code numpy.load} accepts that holds float64 or float32
 * arrays, stored or deflated ({@code numpy.savez_compressed}).
 */
final class Npz {

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int VERSION_45 = 45;
    private static final int MADE_BY_UNIX = 3 << 8;
    private static final int DOS_DATE_1980_01_01 = (1 << 5) | 1;
    private static final int UTF8_NAMES = 0x800;
    private static final int EXTERNAL_0600 = 0600 << 16;
    /** Python's {@code zipfile.ZIP64_LIMIT}: offsets and sizes beyond it need ZIP64 central records. */
    private static final long ZIP64_LIMIT = (1L << 31) - 1;

    private Npz() {
    }

    /**
     * Encodes named tensors as an {@code .npz} archive.
     *
     * @param parameters the tensors, in archive order
     * @param type how to store the values
     * @return the archive's bytes
     * @throws IOException if the archive would reach 2 GiB
     */
    static byte[] encode(Parameters parameters, ElementType type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (int i = 0; i < parameters.count(); i++) {
            String member = parameters.name(i) + ".npy";
            byte[] name = member.getBytes(StandardCharsets.UTF_8);
            int flags = isAscii(member) ? 0 : UTF8_NAMES;
            byte[] data = Npy.encode(parameters.shapeView(i), parameters.valuesView(i), type);
            CRC32 crc = new CRC32();
            crc.update(data);
            long offset = out.size();
            if (offset + 50L + name.length + data.length > ZIP64_LIMIT) {
                throw new IOException("an .npz archive of 2 GiB or more is not supported; write .safetensors instead");
            }
            ByteBuffer local = le(30 + name.length + 20);
            local.putInt(LOCAL).putShort((short) VERSION_45).putShort((short) flags).putShort((short) 0)
                    .putShort((short) 0).putShort((short) DOS_DATE_1980_01_01).putInt((int) crc.getValue())
                    .putInt(-1).putInt(-1).putShort((short) name.length).putShort((short) 20).put(name)
                    .putShort((short) 1).putShort((short) 16).putLong(data.length).putLong(data.length);
            out.write(local.array());
            out.write(data);
            ByteBuffer entry = le(46 + name.length);
            entry.putInt(CENTRAL).putShort((short) (MADE_BY_UNIX | VERSION_45)).putShort((short) VERSION_45)
                    .putShort((short) flags).putShort((short) 0).putShort((short) 0)
                    .putShort((short) DOS_DATE_1980_01_01).putInt((int) crc.getValue()).putInt(data.length)
                    .putInt(data.length).putShort((short) name.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(EXTERNAL_0600).putInt((int) offset).put(name);
            central.write(entry.array());
        }
        if (parameters.count() > 0xFFFF || (long) out.size() + central.size() + 22 > ZIP64_LIMIT) {
            throw new IOException("an .npz archive of 2 GiB or 65536 members is not supported; write .safetensors instead");
        }
        ByteBuffer end = le(22);
        end.putInt(END).putShort((short) 0).putShort((short) 0).putShort((short) parameters.count())
                .putShort((short) parameters.count()).putInt(central.size()).putInt(out.size()).putShort((short) 0);
        central.writeTo(out);
        out.write(end.array());
        return out.toByteArray();
    }

    /**
     * Decodes an {@code .npz} archive.
     *
     * @param bytes the archive
     * @param source names the file in messages
     * @return one tensor per member, named without {@code .npy}, in archive order
     * @throws IOException if the bytes are not an archive of float64/float32 {@code .npy} members
     */
    static Parameters decode(byte[] bytes, String source) throws IOException {
        int magic = bytes.length >= 4 ? ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0) : 0;
        if (magic != LOCAL && magic != END) {
            throw new IOException(source + ": not a NumPy .npz file (not a ZIP archive)");
        }
        int declared = declaredEntries(bytes, source);
        List<String> names = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String member = e.getName();
                if (!member.endsWith(".npy")) {
                    throw new IOException(source + ": member '" + member + "' is not an .npy array");
                }
                Npy.Tensor t = Npy.decode(zip.readAllBytes(), source + "!" + member);
                names.add(member.substring(0, member.length() - 4));
                shapes.add(t.shape());
                values.add(t.values());
                types.add(t.type().label());
            }
        } catch (ZipException e) {
            throw new IOException(source + ": damaged .npz archive: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new IOException(source + ": the .npz archive is truncated", e);
        }
        if (declared != 0xFFFF && declared != names.size()) {
            throw new IOException(source + ": the .npz directory lists " + declared + " arrays, the archive holds "
                    + names.size() + ": damaged");
        }
        try {
            return Parameters.adopt(names.toArray(new String[0]), shapes.toArray(new int[0][]),
                    values.toArray(new double[0][]), types.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The entry count of the end-of-central-directory record, which every complete archive
     * ends with (followed by a comment of at most 65535 bytes): a file cut short has none.
     */
    private static int declaredEntries(byte[] bytes, String source) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xFFFF); at--) {
            if (b.getInt(at) == END && at + 22 + Short.toUnsignedInt(b.getShort(at + 20)) == bytes.length) {
                return Short.toUnsignedInt(b.getShort(at + 10));
            }
        }
        throw new IOException(source + ": the .npz archive is truncated (it has no end-of-central-directory record)");
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }
}
