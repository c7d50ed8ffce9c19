package dev.fluxion.runtime.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Named tensors in the safetensors format (huggingface/safetensors):
 * <pre>
 *   8 bytes   N, the header length, unsigned 64-bit little-endian
 *   N bytes   a JSON object, UTF-8, padded with spaces to a multiple of 8:
 *             {"NAME":{"dtype":"F64","shape":[2,3],"data_offsets":[BEGIN,END]},...}
 *             (optionally "__metadata__": {string: string})
 *   ...       the byte buffer; a tensor's little-endian row-major values lie in
 *             [BEGIN, END) of it
 * </pre>
 * Writing produces the bytes of the reference implementation's {@code serialize} (the
 * Rust crate behind {@code safetensors.torch.save_file}): tensors ordered by dtype
 * alignment, largest first, then by name (bytewise UTF-8); compact JSON with the keys
 * {@code dtype}, {@code shape}, {@code data_offsets} in that order; no {@code __metadata__};
 * data contiguous from offset 0 in the same order.
 *
 * <p>Reading applies the reference's checks: the header is a JSON object, at most 100 MB;
 * the tensors' offsets, in increasing order, tile the buffer exactly from 0 to its end, and
 * each range holds exactly its shape's elements. Tensors come back in offset order.
 * {@code __metadata__} is accepted and ignored. F64, F32, F16 and BF16 are read (widened
 * exactly); other dtypes are refused by name.
 */
final class Safetensors {

    /** The reference implementation's {@code MAX_HEADER_SIZE}. */
    private static final long MAX_HEADER = 100_000_000;

    private Safetensors() {
    }

    /**
     * Encodes named tensors.
     *
     * @param parameters the tensors (any order: the format orders them)
     * @param type the dtype of every tensor
     * @return the file's bytes
     * @throws IOException if the data would not fit in one Java array
     */
    static byte[] encode(Parameters parameters, ElementType type) throws IOException {
        Integer[] order = new Integer[parameters.count()];
        byte[][] utf8 = new byte[order.length][];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            utf8[i] = parameters.name(i).getBytes(StandardCharsets.UTF_8);
        }
        Arrays.sort(order, Comparator.comparing(i -> utf8[i], Arrays::compareUnsigned));
        StringBuilder json = new StringBuilder("{");
        long offset = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            long size = (long) parameters.valuesView(i).length * type.bytes();
            json.append(k > 0 ? "," : "").append(Json.quote(parameters.name(i)))
                    .append(":{\"dtype\":\"").append(type.safetensorsDtype()).append("\",\"shape\":[");
            int[] shape = parameters.shapeView(i);
            for (int d = 0; d < shape.length; d++) {
                json.append(d > 0 ? "," : "").append(shape[d]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + size).append("]}");
            offset += size;
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IOException("a safetensors file of " + total + " bytes does not fit in one Java array");
        }
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(header);
        for (int i = header.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        for (int i : order) {
            for (double v : parameters.valuesView(i)) {
                type.put(b, v);
            }
        }
        return b.array();
    }

    /**
     * Decodes a safetensors file.
     *
     * @param bytes the whole file
     * @param source names the file in messages
     * @return the tensors, in the order of their data
     * @throws IOException if the bytes break a rule of the format or hold a dtype other than F64/F32
     */
    static Parameters decode(byte[] bytes, String source) throws IOException {
        if (bytes.length < 8) {
            throw new IOException(source + ": too short for a safetensors file (" + bytes.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        if (n < 0 || n > MAX_HEADER) {
            throw new IOException(source + ": not a safetensors file (header length " + Long.toUnsignedString(n)
                    + " exceeds the format's 100 MB limit)");
        }
        if (8 + n > bytes.length) {
            throw new IOException(source + ": not a safetensors file (header length " + n + ", file has "
                    + bytes.length + " bytes)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, (int) n)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(source + ": not a safetensors file (the header is not UTF-8)");
        }
        if (!text.startsWith("{")) {
            throw new IOException(source + ": not a safetensors file (the header does not start with '{')");
        }
        if (!(Json.parse(text, source) instanceof Map<?, ?> header)) {
            throw new IOException(source + ": the safetensors header is not a JSON object");
        }
        long dataStart = 8 + n;
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            entries.add(Entry.of(name, e.getValue(), source));
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        String[] names = new String[entries.size()];
        int[][] shapes = new int[entries.size()][];
        double[][] values = new double[entries.size()][];
        String[] types = new String[entries.size()];
        for (int k = 0; k < entries.size(); k++) {
            Entry e = entries.get(k);
            if (e.begin() != at || e.end() < e.begin()) {
                throw new IOException(source + ": tensor '" + e.name() + "' has data_offsets [" + e.begin() + ", "
                        + e.end() + "], expected to start at " + at + " (tensors must tile the buffer)");
            }
            long count;
            try {
                count = Parameters.elementCount(e.shape());
            } catch (IllegalArgumentException x) {
                throw new IOException(source + ": tensor '" + e.name() + "': " + x.getMessage(), x);
            }
            if (count * e.type().bytes() != e.end() - e.begin()) {
                throw new IOException(source + ": tensor '" + e.name() + "' of shape " + Arrays.toString(e.shape())
                        + " and dtype " + e.type() + " needs " + count * e.type().bytes()
                        + " bytes, its data_offsets give " + (e.end() - e.begin()));
            }
            if (dataStart + e.end() > bytes.length) {
                throw new IOException(source + ": tensor '" + e.name() + "' ends at byte " + (dataStart + e.end())
                        + " of a " + bytes.length + "-byte file: truncated");
            }
            b.position((int) (dataStart + e.begin()));
            double[] v = new double[(int) count];
            for (int i = 0; i < v.length; i++) {
                v[i] = e.type().get(b);
            }
            names[k] = e.name();
            shapes[k] = e.shape();
            values[k] = v;
            types[k] = e.type().label();
            at = e.end();
        }
        if (dataStart + at != bytes.length) {
            throw new IOException(source + ": " + (bytes.length - dataStart - at)
                    + " bytes after the last tensor's data (the tensors must cover the buffer exactly)");
        }
        return Parameters.adopt(names, shapes, values, types);
    }

    private record Entry(String name, StoredType type, int[] shape, long begin, long end) {

        static Entry of(String name, Object info, String source) throws IOException {
            String where = source + ": tensor '" + name + "'";
            if (!(info instanceof Map<?, ?> m) || !(m.get("dtype") instanceof String dtype)
                    || !(m.get("shape") instanceof List<?> shape) || !(m.get("data_offsets") instanceof List<?> offsets)
                    || offsets.size() != 2 || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)) {
                throw new IOException(where + ": expected {\"dtype\": string, \"shape\": [integers], "
                        + "\"data_offsets\": [begin, end]}");
            }
            StoredType type = switch (dtype) {
                case "F64" -> StoredType.F64;
                case "F32" -> StoredType.F32;
                case "F16" -> StoredType.F16;
                case "BF16" -> StoredType.BF16;
                default -> throw new IOException(where + " has dtype " + dtype
                        + ", which Fluxion does not read (F64, F32, F16 and BF16 are read)");
            };
            int[] dims = new int[shape.size()];
            for (int d = 0; d < dims.length; d++) {
                if (!(shape.get(d) instanceof Long dim) || dim < 0 || dim > Integer.MAX_VALUE) {
                    throw new IOException(where + " has a bad dimension " + shape.get(d));
                }
                dims[d] = (int) (long) dim;
            }
            if (begin < 0 || end < 0) {
                throw new IOException(where + " has negative data_offsets");
            }
            return new Entry(name, type, dims, begin, end);
        }
    }
}
