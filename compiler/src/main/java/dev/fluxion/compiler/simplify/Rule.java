package dev.fluxion.compiler.simplify;

import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Op;

/**
 * A named local rewrite with the identity it applies, in one phase. It looks at one
 * application about to be built and returns an equivalent node, or
 * {@link GraphBuilder#NO_MATCH}.
 */
public record Rule(String name, Phase phase, String identity, Rewrite rewrite) {

    /** The rewrite itself. */
    @FunctionalInterface
    public interface Rewrite {
        /**
         * Builds the rewritten node, if the rule applies.
         *
         * @param b the builder the node would be built in
         * @param op the operation of the node being built
         * @param args its operands, node ids of {@code b}
         * @param attr its attribute, or null
         * @return the id of the node built instead, or {@link GraphBuilder#NO_MATCH}
         */
        int apply(GraphBuilder b, Op op, int[] args, Object attr);
    }

    @Override
    public String toString() {
        return name + " [" + phase + "]: " + identity;
    }
}
