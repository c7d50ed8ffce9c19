package dev.fluxion.compiler.simplify;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.GraphBuilder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The simplification pass. Output guarantee: for each phase in turn (stabilize, then
 * specialize) the graph is rebuilt through a builder whose rewriter has that phase's rules
 * plus the construction rules, until the node count stops falling; common subexpressions
 * are shared (hash-consing) and nothing unreachable from an output remains (DCE).
 */
public final class Simplifier {

    /** Node counts after one pass. */
    public record PassStats(String pass, int nodes, int operations) {
        @Override
        public String toString() {
            return String.format("%-12s %7d nodes %7d operations", pass, nodes, operations);
        }
    }

    /** The simplified graph and the counts after each pass. */
    public record Result(Graph graph, List<PassStats> stats) {
    }

    private static final int MAX_ROUNDS = 4;

    private Simplifier() {
    }

    /**
     * Runs every phase of {@code rules} over {@code g}.
     *
     * @param g the graph
     * @param rules the rules
     * @return the simplified graph and the node counts after each pass
     */
    public static Result simplify(Graph g, RuleSet rules) {
        List<PassStats> stats = new ArrayList<>();
        Graph current = g.withoutDeadCode();
        stats.add(new PassStats("dce", current.size(), current.operationCount()));
        for (Phase phase : List.of(Phase.STABILIZE, Phase.SPECIALIZE)) {
            RuleSet active = rules.phases(EnumSet.of(Phase.FOLD, Phase.CANONICALIZE, phase));
            for (int round = 0; round < MAX_ROUNDS; round++) {
                Graph next = rebuild(current, active);
                boolean shrunk = next.size() < current.size();
                current = next;
                if (!shrunk) {
                    break;
                }
            }
            stats.add(new PassStats(phase.name().toLowerCase(), current.size(), current.operationCount()));
        }
        return new Result(current, stats);
    }

    /**
     * One rebuild through {@code rules}, followed by dead code elimination.
     *
     * @param g the graph
     * @param rules the rules
     * @return the rebuilt graph
     */
    public static Graph rebuild(Graph g, RuleSet rules) {
        GraphBuilder b = new GraphBuilder(rules.rewriter());
        int[] identity = new int[g.inputs().size()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        int[] map = g.copyInto(b, identity);
        return b.build(g.inputs(), g.mapOutputs(map)).withoutDeadCode();
    }
}
