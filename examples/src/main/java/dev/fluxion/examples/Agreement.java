package dev.fluxion.examples;

import java.util.Locale;

/**
 * One computed figure beside its expected value, and whether they agree within an absolute
 * tolerance.
 *
 * @param what      what was compared, for the printout
 * @param expected  the reference value
 * @param computed  the value Fluxion computed
 * @param tolerance the largest accepted absolute difference
 */
public record Agreement(String what, double expected, double computed, double tolerance) {

    /** Whether |computed − expected| ≤ tolerance (false for NaN). */
    public boolean ok() {
        return Math.abs(computed - expected) <= tolerance;
    }

    /** One aligned line: what, computed, expected, difference, verdict. */
    public String format() {
        return String.format(Locale.ROOT, "%-28s %24.17g %24.17g  diff %8.1e  %s", what, computed, expected,
                Math.abs(computed - expected), ok() ? "ok" : "DIFFERS (tol " + tolerance + ")");
    }
}
