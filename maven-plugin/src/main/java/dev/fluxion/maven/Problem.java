package dev.fluxion.maven;

import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.diag.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One reason a {@code .flx} file could not be generated: where (absolute file, 1-based
 * line and column), what, and the source line with a caret under the offending text.
 *
 * @param display the lines a person reads under the message (the source line and the
 *                caret), possibly none
 */
public record Problem(Path file, int line, int column, String message, List<String> display) {

    public Problem {
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException("a problem names its file by absolute path, got " + file);
        }
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + "," + column);
        }
        display = List.copyOf(display);
    }

    /** A problem with the file as a whole (reported at its first line and column). */
    static Problem ofFile(Path file, String message) {
        return new Problem(file, 1, 1, message, List.of());
    }

    /** One problem per diagnostic of {@code e}, each with the caret display of {@link CompileException#format()}. */
    static List<Problem> of(Path file, CompileException e) {
        List<Problem> problems = new ArrayList<>();
        for (Diagnostic d : e.diagnostics()) {
            List<String> lines = new ArrayList<>(Arrays.asList(e.source().format(d).split("\n")));
            lines.remove(0); // the file:line:column header, which javacStyle() gives in Maven's form
            problems.add(new Problem(file, d.line(), d.column(), d.message(), lines));
        }
        return problems;
    }

    /**
     * The message in the form javac prints inside Maven ({@code /abs/File.flx:[3,7] message}),
     * which IDEs and CI log parsers turn into a link to the position.
     */
    public String javacStyle() {
        return file + ":[" + line + "," + column + "] " + message;
    }

    /** {@link #javacStyle()} followed by the caret display, one string with line breaks. */
    public String describe() {
        StringBuilder sb = new StringBuilder(javacStyle());
        for (String l : display) {
            sb.append('\n').append(l);
        }
        return sb.toString();
    }
}
