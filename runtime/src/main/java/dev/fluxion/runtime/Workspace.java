package dev.fluxion.runtime;

/**
 * A scratch buffer per thread, for generated functions too large for one method: the
 * values that cross from one method to the next live here instead of in locals.
 *
 * <p>Each generated instance owns one Workspace, and each thread sees its own buffer, so
 * calls from several threads never share scratch and no call allocates after the first
 * on a thread. Re-entrant use on one thread (a generated function calling itself) is not
 * possible: generated code never calls user code.
 */
public final class Workspace {

    private final int size;
    private final ThreadLocal<double[]> buffers;

    /**
     * A workspace of {@code size} doubles per thread; each thread's buffer is allocated on
     * its first {@link #get()}.
     *
     * @param size the doubles each thread needs, as the code generator counted them
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public Workspace(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("workspace size must be >= 0, got " + size);
        }
        this.size = size;
        this.buffers = ThreadLocal.withInitial(() -> new double[this.size]);
    }

    /**
     * This thread's buffer. Its contents are whatever the last call on this thread left:
     * generated code writes every slot before it reads it.
     *
     * @return the calling thread's array of {@link #size()} doubles
     */
    public double[] get() {
        return buffers.get();
    }

    /**
     * The buffer's length.
     *
     * @return doubles per thread
     */
    public int size() {
        return size;
    }
}
