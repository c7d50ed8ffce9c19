package dev.fluxion.tests.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Programs that use a condition as a number ({@code (x < y) + 1}, {@code sin(not x > 0)})
 * or a number as a condition ({@code if x then 1 else 2}, {@code where(x, a, b)}): made
 * from a well-formed program by changing the type of one node. The language types
 * conditions apart from numbers, so each must be a CompileException with a position.
 */
final class TypeErrors {

    private TypeErrors() {
    }

    /** {@code p} with one node of its first output replaced by one of the other type. */
    static ScalarProgram misuse(ScalarProgram p, Random r) {
        Term out = p.outputs().get(0);
        int nodes = out.size();
        int at = r.nextInt(nodes);
        Term changed = out.replaceAt(at, t -> t.isCondition()
                ? Term.name(p.params().get(0))
                : Term.comparison("<", t, Term.number("1")), new int[] {0});
        List<Term> outputs = new ArrayList<>(p.outputs());
        outputs.set(0, changed);
        return new ScalarProgram(p.name(), p.params(), p.assignments(), outputs, p.data());
    }
}
