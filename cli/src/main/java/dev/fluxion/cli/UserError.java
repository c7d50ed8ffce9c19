package dev.fluxion.cli;

/**
 * Bad input that is not a program error: a malformed {@code --at}, an unknown variable in
 * {@code --wrt}, a missing file. {@link Main} prints the message (no stack trace) and
 * exits with {@link Main#USAGE}.
 */
public final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
