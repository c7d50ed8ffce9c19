package dev.fluxion.tests.fuzz;

import java.util.regex.Pattern;

/**
 * The failures the fuzzer finds that are known and being fixed: each one an item of
 * issue 18 or an entry of FINDINGS.md, matched by the kind of its finding (and, where the
 * kind alone is too broad, by what the program contains or what was observed). A finding one of these covers is counted in the
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
     * Not an item of issue 18 (found by the fuzzer, in /work/wt/FINDINGS.md for the lead, whose
     * conditionals it is): a condition the simplifier folds to a constant ({@code 1 == 1}) is
     * printed as the number {@code 1} where a condition is expected, so the text of
     * {@code derivative()} does not parse back: {@code where(1 and y > 1, 1, x)}.
     */
    CONSTANT_CONDITION_PRINTED_AS_A_NUMBER("FINDINGS (lead): a constant condition prints as a number",
            "derivative text does not compile", "", "expected a condition"),
    /**
     * Not an item of issue 18 (FINDINGS.md, for the author of array parameters): a partial
     * of a function of an array printed as a program names its parameters by element,
     * {@code fn d_y_d_A[0, 1](x, y, A[0, 0], ...)}, which does not parse back.
     */
    ARRAY_PARTIAL_PROGRAM_DOES_NOT_PARSE("FINDINGS (lang): a partial of an array function printed as a program does not parse",
            "derivative text does not compile", "", "fn d_\\S*\\["),
    ;

    private final String item;
    private final Pattern kind;
    private final Pattern text;
    private final Pattern detail;

    KnownIssues(String item, String kind, String text) {
        this(item, kind, text, "");
    }

    KnownIssues(String item, String kind, String text, String detail) {
        this.item = item;
        this.kind = Pattern.compile(kind);
        this.text = Pattern.compile(text, Pattern.DOTALL);
        this.detail = Pattern.compile(detail, Pattern.DOTALL);
    }

    /** The known issue covering finding {@code f} on the program {@code text}, or null. */
    static KnownIssues covering(String text, Finding f) {
        for (KnownIssues k : values()) {
            if (k.kind.matcher(f.kind()).find() && k.text.matcher(text).find() && k.detail.matcher(f.detail()).find()) {
                return k;
            }
        }
        return null;
    }

    String item() {
        return item;
    }
}
