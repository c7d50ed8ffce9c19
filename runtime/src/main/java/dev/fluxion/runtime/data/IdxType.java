package dev.fluxion.runtime.data;

/** The element types an IDX header can declare, with their type codes and sizes in bytes. */
public enum IdxType {
    /** 0x08: unsigned bytes, MNIST's pixels and labels. */
    UNSIGNED_BYTE(0x08, 1),
    /** 0x09: signed bytes. */
    SIGNED_BYTE(0x09, 1),
    /** 0x0B: big-endian 16-bit integers. */
    SHORT(0x0B, 2),
    /** 0x0C: big-endian 32-bit integers. */
    INT(0x0C, 4),
    /** 0x0D: big-endian IEEE 754 single precision. */
    FLOAT(0x0D, 4),
    /** 0x0E: big-endian IEEE 754 double precision. */
    DOUBLE(0x0E, 8);

    private final int code;
    private final int bytes;

    IdxType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /**
     * The type code in the third byte of the header.
     *
     * @return the code, e.g. 0x08 for unsigned bytes
     */
    public int code() {
        return code;
    }

    /**
     * Bytes per element.
     *
     * @return 1, 2, 4 or 8
     */
    public int bytes() {
        return bytes;
    }

    /**
     * The type with code {@code code}.
     *
     * @param code the header's type code
     * @return the type
     * @throws IllegalArgumentException if no IDX type has that code
     */
    public static IdxType ofCode(int code) {
        for (IdxType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException(String.format(
                "unknown IDX element type 0x%02X; expected 0x08 (ubyte), 0x09, 0x0B, 0x0C, 0x0D or 0x0E", code));
    }
}
