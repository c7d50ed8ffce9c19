package dev.fluxion.tests.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into arguments the way a POSIX shell does for the commands the
 * tutorial shows: words separated by blanks, {@code '...'} taken literally, {@code "..."}
 * with backslash escapes, and a backslash outside quotes escaping the next character.
 * Anything else a shell would interpret (variables, globs, pipes, redirections) is an
 * error, so a tutorial command the test cannot reproduce fails loudly instead of being
 * run with different arguments than a reader would get.
 */
final class ShellWords {

    private ShellWords() {
    }

    /** The arguments of {@code line}, quotes removed. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' in: " + line);
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("trailing backslash in: " + line);
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if ("$`|&;<>*?".indexOf(c) >= 0) {
                throw new IllegalArgumentException("unsupported shell syntax '" + c + "' in: " + line);
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the double-quoted text starting at {@code from}; returns the index after the closing quote. */
    private static int doubleQuoted(String line, int from, StringBuilder word) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '$' || c == '`') {
                throw new IllegalArgumentException("unsupported shell syntax '" + c + "' in: " + line);
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated \" in: " + line);
    }
}
