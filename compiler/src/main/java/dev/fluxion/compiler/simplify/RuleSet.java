package dev.fluxion.compiler.simplify;

import dev.fluxion.compiler.ir.GraphBuilder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rules that are switched on. Immutable; {@link #without} gives a copy with a rule
 * switched off, which is how a test checks one rule at a time.
 */
public final class RuleSet {

    private final List<Rule> rules;

    private RuleSet(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Every rule on. */
    public static RuleSet standard() {
        return new RuleSet(Rules.all());
    }

    /** No rule at all: the builder builds exactly what it is asked to. */
    public static RuleSet none() {
        return new RuleSet(List.of());
    }

    public List<Rule> rules() {
        return rules;
    }

    /** A copy without the named rules. */
    public RuleSet without(String... names) {
        Set<String> drop = Set.of(names);
        for (String n : names) {
            if (rules.stream().noneMatch(r -> r.name().equals(n))) {
                throw new IllegalArgumentException("no rule named " + n);
            }
        }
        return new RuleSet(rules.stream().filter(r -> !drop.contains(r.name())).toList());
    }

    /** A copy with only the rules of the given phases. */
    public RuleSet phases(Set<Phase> phases) {
        return new RuleSet(rules.stream().filter(r -> phases.contains(r.phase())).toList());
    }

    /** The construction-time rules (fold and canonicalize). */
    public RuleSet construction() {
        return phases(EnumSet.of(Phase.FOLD, Phase.CANONICALIZE));
    }

    /** A rewriter for a {@link GraphBuilder} trying these rules in order. */
    public GraphBuilder.Rewriter rewriter() {
        if (rules.isEmpty()) {
            return null;
        }
        Rule[] array = rules.toArray(new Rule[0]);
        return (b, op, args, attr) -> {
            for (Rule r : array) {
                int result = r.rewrite().apply(b, op, args, attr);
                if (result != GraphBuilder.NO_MATCH) {
                    return result;
                }
            }
            return GraphBuilder.NO_MATCH;
        };
    }

    /** A fresh builder with the construction-time rules of this set. */
    public GraphBuilder newBuilder() {
        return new GraphBuilder(construction().rewriter());
    }

    /** Names of the rules that are on. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Rule r : rules) {
            names.add(r.name());
        }
        return names;
    }
}
