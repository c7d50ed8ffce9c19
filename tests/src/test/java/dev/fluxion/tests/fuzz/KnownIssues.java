package dev.fluxion.tests.fuzz;

import java.util.regex.Pattern;

/**
 * The failures the fuzzer finds that are known and being fixed: each one an item of
 * issue 18 or an entry of FINDINGS.md, matched by the kind of its finding (and, where the
 * kind alone is too broad, by what the program contains or what was observed). A finding
 * one of these covers is counted in the summary under its item, not reported as new.
 * Remove an entry the moment its fix is on main: the fuzzer then guards the fix (items 1,
 * 2, 3, 4 and 6, the array partials' printing and the derivative product printed as {@code *}
 * have gone that way).
 */
enum KnownIssues {
    /**
     * Item 5 (engineer size), what remains of it: a program of tens of thousands of
     * operations that do not re-roll into loops (a 20,000-deep power tower or chain) takes
     * longer than the limit to compile its value and gradient (straight-line Java, about 120
     * characters per operation). Every call after compile, the first use of forward mode and
     * the Hessian included, stays within the limit (run as graphs above 10,000 operations).
     */
    LARGE_PROGRAMS_SLOW("issue 18 item 5 (size): compiling a huge straight-line program is slow", "^slow: compile$", ""),
    /**
     * Item 5 (engineer size), beyond its scale: in a program of more than 100,000 characters
     * that does not re-roll (a 25,000-deep power tower, 20,000 nested calls), building the
     * derivative graphs for the first forward-mode or Hessian call can take longer than the
     * limit (a 100,000-deep nested sin's first Hessian-vector product: 25 s at load 6).
     */
    HUGE_PROGRAMS_SLOW("issue 18 item 5 (size): first calls on a program of 100,000+ characters are slow", "^slow: ",
            "\\A(?s:.){100000}"),
    /**
     * Floating point, not a derivative rule: in forward over reverse, terms 300 orders of
     * magnitude apart meet in one sum. {@code log1p(expm1(x*1e300)) * y} at x = 0: the x-row of
     * H·v is {@code 1e300*((dy - y*1e300*dx) + y*1e300*dx)}, exactly {@code 1e300*dy}, where
     * {@code dy} is lost against {@code 1.4e300} before the two large terms cancel (0 for 5e299).
     * The Hessian itself, one unit direction at a time, is exact; only a direction that mixes
     * scales 1e300 apart loses the small one. Matched on programs with a 1e300 or 1e999 constant.
     */
    EXTREME_SCALE_CANCELLATION("floating point: H·v sums terms 1e300 apart that cancel",
            "^H·v: Hessian-vector product differs from the matrix times the vector$", "1e300|1e999"),
    /**
     * A removable singularity met through rounding: {@code x^1e-300} rounds to exactly 1 for every
     * ordinary x, the edge of acos's domain, where acos' is −∞; the chain rule then squares an
     * infinite partial times a tiny one ({@code (acos'(u)·u')²}) in the second derivative of
     * {@code acos(u)^2}, which is smooth there (its limit is finite). The gradient is 0, as central
     * differences say; the Hessian is +∞. Matched on programs with a 1e-300 constant.
     */
    DOMAIN_EDGE_BY_ROUNDING("floating point: x^1e-300 rounds to a domain edge, whose infinite partial a Hessian squares",
            "^Hessian .*non-finite where central differences are finite$", "1e-300"),
    /**
     * FINDINGS.md (lang, pipeline, 2026-12-08): a {@code for} loop kept as a loop whose body's
     * adjoint is split into methods ({@code roll.SplitStep}) has no Hessian form, so a Hessian is
     * computed from the program written out; a program that also gathers by data cannot be written
     * out. {@code Compilation} keeps its loops and compiles it without the Hessian, and asking for
     * the Hessian then throws an UnsupportedOperationException naming both reasons (before, the
     * whole program was rejected). The fuzzer's loops start from computed values and are kept, so
     * they meet it.
     */
    SPLIT_LOOP_GATHER_HESSIAN("FINDINGS.md (lang, pipeline): no Hessian for a split for-loop body with a gather",
            "^unexpected UnsupportedOperationException", "\\bfor\\b",
            "split into methods, which have no second-order form yet, and it reads by data"),
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
