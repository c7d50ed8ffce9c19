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
        int apply(GraphBuilder b, Op op, int[] args, Object attr);
    }

    @Override
    public String toString() {
        return name + " [" + phase + "]: " + identity;
    }
}
