package dev.fluxion.compiler.diag;

/**
 * One error in a source text: a message and where it is (1-based line and column, and
 * the length of the offending text, at least 1).
 */
public record Diagnostic(String message, int line, int column, int length) {

    /**
     * @param message what is wrong, in words a user of the language understands
     * @param line the 1-based line
     * @param column the 1-based column
     * @param length how many characters the caret underlines, at least 1
     * @throws IllegalArgumentException if a position or the length is below 1
     */
    public Diagnostic {
        if (line < 1 || column < 1 || length < 1) {
            throw new IllegalArgumentException("diagnostic position must be >= 1: " + line + ":" + column + "+" + length);
        }
    }

    /**
     * A diagnostic with no meaningful position (reported at 1:1), such as an empty program.
     *
     * @param message what is wrong
     * @return the diagnostic
     */
    public static Diagnostic whole(String message) {
        return new Diagnostic(message, 1, 1, 1);
    }
}
