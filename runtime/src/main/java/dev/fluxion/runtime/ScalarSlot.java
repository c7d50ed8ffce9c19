package dev.fluxion.runtime;

/**
 * One double per thread, through which {@link DifferentiableFunction#valueAt} receives the
 * output of {@code value(x, y)} without allocating a {@code y} on each call.
 *
 * <p>Why a thread-local and not a field: {@code valueAt} is a default method of an
 * interface whose implementations are stateless and shared between threads, so the slot
 * can belong neither to the caller nor to the instance. It holds nothing between calls
 * that anyone reads: each call writes it and reads it back before returning, and
 * generated code never calls user code, so a call cannot re-enter on the same thread.
 */
final class ScalarSlot {

    private static final ThreadLocal<double[]> SLOT = ThreadLocal.withInitial(() -> new double[1]);

    private ScalarSlot() {
    }

    /** This thread's one-element array. */
    static double[] get() {
        return SLOT.get();
    }
}
