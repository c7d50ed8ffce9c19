package dev.fluxion.runtime.io;

import java.nio.ByteBuffer;

/**
 * The element types Fluxion reads from NumPy and safetensors files, each widened exactly to
 * double. Writing offers only {@link ElementType}'s float64 and float32; the half-precision
 * types are read because PyTorch checkpoints are often saved in them.
 */
enum StoredType {
    /** binary64. */
    F64(8, "float64"),
    /** binary32. */
    F32(4, "float32"),
    /** IEEE 754 binary16 (NumPy {@code float16}, safetensors {@code F16}). */
    F16(2, "float16"),
    /** bfloat16, the upper half of a binary32 (safetensors {@code BF16}). */
    BF16(2, "bfloat16");

    private final int bytes;
    private final String label;

    StoredType(int bytes, String label) {
        this.bytes = bytes;
        this.label = label;
    }

    /** The name {@link Parameters#elementType} reports. */
    String label() {
        return label;
    }

    int bytes() {
        return bytes;
    }

    /** Reads one value from {@code in} at its position (in the buffer's byte order), exactly. */
    double get(ByteBuffer in) {
        return switch (this) {
            case F64 -> in.getDouble();
            case F32 -> in.getFloat();
            case F16 -> halfToFloat(Short.toUnsignedInt(in.getShort()));
            case BF16 -> Float.intBitsToFloat(Short.toUnsignedInt(in.getShort()) << 16);
        };
    }

    /**
     * A binary16 value as float, exactly (every binary16 value is a float): sign, 5-bit
     * exponent biased by 15, 10-bit fraction; exponent 0 holds zeros and subnormals
     * (fraction · 2^-24), exponent 31 infinities and NaN.
     */
    static float halfToFloat(int h) {
        int exponent = (h >>> 10) & 0x1f;
        int fraction = h & 0x3ff;
        float magnitude;
        if (exponent == 0) {
            magnitude = fraction * 0x1p-24f;
        } else if (exponent == 31) {
            magnitude = fraction == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = Float.intBitsToFloat((exponent - 15 + 127) << 23 | fraction << 13);
        }
        return (h & 0x8000) != 0 ? -magnitude : magnitude;
    }
}
