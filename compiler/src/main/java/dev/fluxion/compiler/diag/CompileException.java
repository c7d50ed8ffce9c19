package dev.fluxion.compiler.diag;

import java.util.List;

/**
 * A program Fluxion cannot compile: a syntax error, an unknown function, a wrong number
 * of arguments, an undefined or duplicated variable, an empty input. {@link #format}
 * gives the message a person reads, in the {@code file:line:column: error: message}
 * form compilers, Maven and IDEs use, with the source line and a caret under the
 * offending text.
 */
public final class CompileException extends RuntimeException {

    /** Serialization version of this exception class. */
    private static final long serialVersionUID = 1L;

    private final transient SourceText source;
    /** The errors, at least one; the serialized form of the exception. */
    private final List<Diagnostic> diagnostics;

    /**
     * An error with every diagnostic found, so the user can fix several at once.
     *
     * @param source the text the positions refer to
     * @param diagnostics at least one diagnostic, the first being the message
     * @throws IllegalArgumentException if {@code diagnostics} is empty
     */
    public CompileException(SourceText source, List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "compile error" : diagnostics.get(0).message());
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a compile error needs at least one diagnostic");
        }
        this.source = source;
        this.diagnostics = List.copyOf(diagnostics);
    }

    /**
     * An error with one diagnostic.
     *
     * @param source the text the position refers to
     * @param diagnostic what is wrong, and where
     */
    public CompileException(SourceText source, Diagnostic diagnostic) {
        this(source, List.of(diagnostic));
    }

    /**
     * The errors, in source order, for tools that place them themselves (an IDE, the Maven
     * plugin's build messages).
     *
     * @return at least one diagnostic
     */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /**
     * The source the diagnostics point into.
     *
     * @return its name and text
     */
    public SourceText source() {
        return source;
    }

    /**
     * Every diagnostic, formatted with its source line and a caret under the offending
     * text: what the command line prints.
     *
     * @return the formatted diagnostics, one block each
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            sb.append(source.format(d));
        }
        return sb.toString();
    }

    @Override
    public String getMessage() {
        Diagnostic d = diagnostics.get(0);
        return source.name() + ":" + d.line() + ":" + d.column() + ": " + d.message();
    }
}
