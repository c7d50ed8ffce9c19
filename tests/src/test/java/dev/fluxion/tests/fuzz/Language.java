package dev.fluxion.tests.fuzz;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.diag.CompileException;
import java.util.ArrayList;
import java.util.List;

/**
 * The constructs of the language that are not in the op table, found by asking the
 * compiler, so the generators cover a construct from the commit that adds it on:
 * conditionals {@code if a < b then c else d} and the comparisons they take.
 * {@link #describe} goes into the run's summary, so a run that does not cover a
 * construct says so.
 *
 * @param comparisons the comparison operators a conditional accepts, empty if there are no conditionals
 */
record Language(List<String> comparisons) {

    private static final List<String> CANDIDATES = List.of("<", "<=", ">", ">=", "==", "!=");

    Language {
        comparisons = List.copyOf(comparisons);
    }

    static Language probe(Fluxion fluxion) {
        List<String> accepted = new ArrayList<>();
        for (String c : CANDIDATES) {
            try {
                fluxion.compile("if x " + c + " y then x else 2*y");
                accepted.add(c);
            } catch (CompileException e) {
                // not in the language (yet)
            }
        }
        return new Language(accepted);
    }

    boolean hasConditionals() {
        return !comparisons.isEmpty();
    }

    String describe() {
        return hasConditionals() ? "conditionals with " + String.join(" ", comparisons) : "no conditionals (not in the language)";
    }
}
