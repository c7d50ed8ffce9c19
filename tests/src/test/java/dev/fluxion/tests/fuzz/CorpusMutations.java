package dev.fluxion.tests.fuzz;

import dev.fluxion.compiler.ops.OpTable;
import dev.fluxion.tests.support.Corpus;
import java.util.List;
import java.util.Random;

/**
 * The conformance corpus, mutated: a character deleted, doubled, swapped or inserted, a
 * span cut out or repeated, a function renamed to another (often of another arity), a
 * name replaced by a hostile one, the text truncated. Most results are not programs; the
 * oracle wants a CompileException with a position inside the text for those, and the
 * full check for the ones that still compile.
 */
final class CorpusMutations {

    /** Characters worth inserting: the language's punctuation, digits, letters and some it does not have. */
    private static final String ALPHABET = "+-*/^()[],=:;@#.eE0123456789xyz_ \n\t\"{}<>!&|~?$'\\\u0000\u00e9\u03a9\u200b";

    private final List<Corpus.Row> rows;
    private final List<String> functions;

    CorpusMutations() {
        this.rows = Corpus.scalarRows();
        this.functions = List.copyOf(OpTable.functionNames());
    }

    /** A row of the corpus with one to three mutations. */
    FuzzCase.Text next(Random r) {
        Corpus.Row row = rows.get(r.nextInt(rows.size()));
        String text = row.expr();
        int mutations = 1 + r.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            text = mutate(text, r);
        }
        return new FuzzCase.Text("corpus mutation", text, r.nextBoolean() ? null : row.vars());
    }

    String mutate(String s, Random r) {
        if (s.isEmpty()) {
            return String.valueOf(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        int at = r.nextInt(s.length());
        int end = Math.min(s.length(), at + 1 + r.nextInt(Math.min(8, s.length() - at)));
        return switch (r.nextInt(10)) {
            case 0 -> s.substring(0, at) + s.substring(at + 1);
            case 1 -> s.substring(0, at) + s.charAt(at) + s.substring(at);
            case 2 -> at + 1 < s.length() ? s.substring(0, at) + s.charAt(at + 1) + s.charAt(at) + s.substring(at + 2) : s;
            case 3 -> s.substring(0, at) + ALPHABET.charAt(r.nextInt(ALPHABET.length())) + s.substring(at);
            case 4 -> s.substring(0, at) + s.substring(end);
            case 5 -> s.substring(0, end) + s.substring(at, end) + s.substring(end);
            case 6 -> renameFunction(s, r);
            case 7 -> replaceName(s, r);
            case 8 -> s.substring(0, at);
            default -> s.substring(0, at) + ALPHABET.charAt(r.nextInt(ALPHABET.length())) + s.substring(at + 1);
        };
    }

    /** One call's function replaced by another function of the table. */
    private String renameFunction(String s, Random r) {
        for (String f : functions) {
            int at = s.indexOf(f + "(");
            if (at >= 0 && r.nextBoolean()) {
                return s.substring(0, at) + functions.get(r.nextInt(functions.size())) + s.substring(at + f.length());
            }
        }
        return s;
    }

    /** One occurrence of a one-letter-and-digits variable replaced by a hostile name. */
    private String replaceName(String s, Random r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b[a-z][0-9]?\\b").matcher(s);
        if (m.find(r.nextInt(s.length()))) {
            return s.substring(0, m.start()) + HostileNames.random(r) + s.substring(m.end());
        }
        return s;
    }
}
