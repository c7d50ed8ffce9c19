package dev.fluxion.tests.fuzz;

import java.util.regex.Pattern;

/**
 * The failures the fuzzer finds that are known and being fixed: each one an item of
 * issue 18, matched by the kind of its finding (and, where the kind alone is too broad,
 * by what the program contains). A finding one of these covers is counted in the
 * summary under its item, not reported as new. Remove an entry the moment its fix is on
 * main: the fuzzer then guards the fix.
 */
enum KnownIssues {
    /**
     * Item 1 (engineer fwd): a non-finite local partial times a zero tangent or cotangent is
     * NaN ({@code pow(z, y)} at z < 0: forward NaN for ∂/∂x where reverse gives 0; the same
     * in reverse mode for a constant output of a tuple beside a NaN one), and max/min blend
     * both sides: one mode, the Hessian or an unread input's derivative non-finite where the
     * answer is finite.
     */
    NON_FINITE_PARTIAL_TIMES_ZERO("issue 18 item 1 (fwd): non-finite partial times a zero tangent",
            "non-finite where (?!central differences).* finite|derivative of an unread input is not exactly 0"
                    + "|Hessian not symmetric", ""),
    /**
     * Item 2 (engineer fwd): derivatives at the edges of an op's domain are NaN where the
     * limit is finite: {@code 0^y} for y > 0 (true derivative 0), and the chain through
     * such an edge, {@code tanh(log(relu(x)))} at x < 0 (relu' = 0 times log'(0) = ∞).
     */
    EDGE_OF_DOMAIN("issue 18 item 2 (fwd): derivative NaN at the edge of an op's domain",
            "non-finite where central differences are finite", ""),
    /** Item 5 (engineer size): forward mode and the Hessian of large programs are slow to compile and run. */
    LARGE_PROGRAMS_SLOW("issue 18 item 5 (size): huge programs slow", "^slow: ", ""),
    /**
     * Item 6 (engineer names): a model value whose shape holds B twice ({@code h @ transpose(h)},
     * {@code einsum("bi,ci->bc", h, h)}) gets buffers of batch × static size and fails at run
     * time at batch > 1. Any failure of a model with B twice ({@link ModelOracle#BATCH_TWICE}).
     */
    BATCH_TWICE("issue 18 item 6 (names): shapes with B twice", "^\\[B twice\\] ", ""),
    ;

    private final String item;
    private final Pattern kind;
    private final Pattern text;

    KnownIssues(String item, String kind, String text) {
        this.item = item;
        this.kind = Pattern.compile(kind);
        this.text = Pattern.compile(text, Pattern.DOTALL);
    }

    /** The known issue covering finding {@code f} on the program {@code text}, or null. */
    static KnownIssues covering(String text, Finding f) {
        for (KnownIssues k : values()) {
            if (k.kind.matcher(f.kind()).find() && k.text.matcher(text).find()) {
                return k;
            }
        }
        return null;
    }

    String item() {
        return item;
    }
}
