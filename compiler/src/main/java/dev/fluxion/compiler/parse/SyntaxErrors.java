package dev.fluxion.compiler.parse;

import dev.fluxion.compiler.diag.Diagnostic;
import dev.fluxion.grammar.FluxionLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Replaces ANTLR's console error listener: keeps the first syntax error, and each later one
 * on a later line (the parser's echoes of the first, on its line or at the end, stay out), and says each the
 * way a person would ("unexpected ')'; expected an expression"), with its position.
 */
final class SyntaxErrors extends BaseErrorListener {

    private final List<Diagnostic> errors = new ArrayList<>();

    List<Diagnostic> errors() {
        return errors;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        Token t = offendingSymbol instanceof Token tok ? tok : null;
        if (!errors.isEmpty()) {
            // After the first error the parser recovers, and what it reports on the same line or
            // at the end of the input is mostly the first error's echo, and so is a '}' that a
            // statement's recovery left without its return. Another error on a later line is
            // kept: a file with two mistakes on two lines shows both.
            Diagnostic last = errors.get(errors.size() - 1);
            if (t == null || t.getType() == Token.EOF || line <= last.line() || errors.size() >= 20
                    || t.getText().equals("}")) {
                return;
            }
        }
        String what;
        int length = 1;
        if (t == null || t.getType() == Token.EOF) {
            what = "unexpected end of input";
        } else if (t.getType() == FluxionLexer.BAD_CHAR) {
            what = "unexpected character " + quote(t.getText());
        } else {
            what = "unexpected " + quote(t.getText());
            length = Math.max(1, t.getText().length());
        }
        String expected = recognizer instanceof Parser p ? expected(p, e) : "";
        errors.add(new Diagnostic(what + expected, Math.max(1, line), charPositionInLine + 1, length));
    }

    private static String expected(Parser p, RecognitionException e) {
        IntervalSet set;
        try {
            set = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : p.getExpectedTokens();
        } catch (RuntimeException ex) {
            return "";
        }
        if (set == null || set.isNil()) {
            return "";
        }
        Set<String> names = new TreeSet<>();
        boolean expression = set.contains(FluxionLexer.ID) && set.contains(FluxionLexer.NUMBER);
        if (expression) {
            names.add("an expression");
        }
        for (int type : set.toList()) {
            if (expression && (type == FluxionLexer.ID || type == FluxionLexer.NUMBER
                    || "'('".equals(p.getVocabulary().getLiteralName(type))
                    || "'-'".equals(p.getVocabulary().getLiteralName(type))
                    || "'+'".equals(p.getVocabulary().getLiteralName(type)))) {
                continue;
            }
            names.add(describe(p, type));
        }
        if (names.isEmpty()) {
            return "";
        }
        List<String> list = new ArrayList<>(names);
        return "; expected " + (list.size() == 1 ? list.get(0) : "one of " + String.join(", ", list));
    }

    private static String describe(Parser p, int type) {
        if (type == Token.EOF) {
            return "end of input";
        }
        if (type == FluxionLexer.ID) {
            return "a name";
        }
        if (type == FluxionLexer.NUMBER) {
            return "a number";
        }
        String literal = p.getVocabulary().getLiteralName(type);
        return literal != null ? literal : p.getVocabulary().getDisplayName(type);
    }

    /** Quotes a token's text, escaping what would not print. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (c < 32 || c == 127) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
