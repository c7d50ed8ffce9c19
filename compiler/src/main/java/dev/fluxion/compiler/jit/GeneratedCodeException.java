package dev.fluxion.compiler.jit;

/**
 * The generated source did not compile. This is a bug in Fluxion, not in the user's
 * program; the exception carries the source so it can be reported.
 */
public final class GeneratedCodeException extends RuntimeException {

    /** Serialization version of this exception class. */
    private static final long serialVersionUID = 1L;
    /** The generated source that failed, kept for the bug report. */
    private final String source;

    /**
     * @param message the compiler's message
     * @param source the generated source that failed, for the bug report
     * @param cause the compiler's exception
     */
    public GeneratedCodeException(String message, String source, Throwable cause) {
        super(message, cause);
        this.source = source;
    }

    /**
     * The generated source that failed to compile.
     *
     * @return the whole compilation unit
     */
    public String source() {
        return source;
    }
}
