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

    /**
     * Every rule on.
     *
     * @return the standard rules
     */
    public static RuleSet standard() {
        return new RuleSet(Rules.all());
    }

    /**
     * No rule at all: the builder builds exactly what it is asked to.
     *
     * @return the empty set
     */
    public static RuleSet none() {
        return new RuleSet(List.of());
    }

    /**
     * The rules, in the order they are tried.
     *
     * @return the rules
     */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * A copy without the named rules.
     *
     * @param names names of rules of this set
     * @return the smaller set
     * @throws IllegalArgumentException if a name is not a rule of this set
     */
    public RuleSet without(String... names) {
        Set<String> drop = Set.of(names);
        for (String n : names) {
            if (rules.stream().noneMatch(r -> r.name().equals(n))) {
                throw new IllegalArgumentException("no rule named " + n);
            }
        }
        return new RuleSet(rules.stream().filter(r -> !drop.contains(r.name())).toList());
    }

    /**
     * A copy with only the rules of the given phases.
     *
     * @param phases the phases kept
     * @return the smaller set
     */
    public RuleSet phases(Set<Phase> phases) {
        return new RuleSet(rules.stream().filter(r -> phases.contains(r.phase())).toList());
    }

    /**
     * The construction-time rules (fold and canonicalize).
     *
     * @return the smaller set
     */
    public RuleSet construction() {
        return phases(EnumSet.of(Phase.FOLD, Phase.CANONICALIZE));
    }

    /**
     * A rewriter for a {@link GraphBuilder} trying these rules in order.
     *
     * @return the rewriter, or null when the set is empty
     */
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

    /**
     * A fresh builder with the construction-time rules of this set.
     *
     * @return the builder
     */
    public GraphBuilder newBuilder() {
        return new GraphBuilder(construction().rewriter());
    }

    /**
     * Names of the rules that are on.
     *
     * @return the names, in order
     */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Rule r : rules) {
            names.add(r.name());
        }
        return names;
    }
}
