package dev.fluxion.runtime.io;

/**
 * How values are stored in a NumPy or safetensors file. Fluxion computes in double, so
 * {@link #FLOAT64} is the default and round-trips exactly; {@link #FLOAT32} halves the file
 * for a PyTorch model that is float32 anyway (each value rounded to nearest). Reading
 * accepts these and the half-precision types (float16, bfloat16), each widened exactly.
 */
public enum ElementType {
    /** IEEE 754 binary64: NumPy {@code <f8}, safetensors {@code F64}. */
    FLOAT64(8, "<f8", "F64"),
    /** IEEE 754 binary32: NumPy {@code <f4}, safetensors {@code F32}. */
    FLOAT32(4, "<f4", "F32");

    private final int bytes;
    private final String numpy;
    private final String safetensors;

    ElementType(int bytes, String numpy, String safetensors) {
        this.bytes = bytes;
        this.numpy = numpy;
        this.safetensors = safetensors;
    }

    /** @return bytes per element */
    public int bytes() {
        return bytes;
    }

    /** @return the little-endian NumPy {@code descr} string, as {@code numpy.save} writes it */
    public String numpyDescr() {
        return numpy;
    }

    /** @return the safetensors {@code dtype} string */
    public String safetensorsDtype() {
        return safetensors;
    }

    /** Writes {@code v} little-endian into {@code out} at its position. */
    void put(java.nio.ByteBuffer out, double v) {
        if (this == FLOAT64) {
            out.putDouble(v);
        } else {
            out.putFloat((float) v);
        }
    }
}
