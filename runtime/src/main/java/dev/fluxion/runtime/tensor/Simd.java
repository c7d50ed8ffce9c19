package dev.fluxion.runtime.tensor;

/**
 * Whether {@link MatMul} may use explicit SIMD ({@link VectorRows}): when the JVM resolves the
 * incubating module {@code jdk.incubator.vector} (run with
 * {@code --add-modules jdk.incubator.vector}) and the system property {@code fluxion.simd} is
 * not {@code false}, on a processor with vectors of two doubles or more (else the API would
 * emulate them in scalar code). Results are the same bits either way. {@link VectorRows}, the
 * one class that uses the Vector API, is only loaded once the module is known to be there.
 */
final class Simd {

    static final boolean ENABLED = !"false".equals(System.getProperty("fluxion.simd"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && VectorRows.LANES >= 2;

    private Simd() {
    }
}
