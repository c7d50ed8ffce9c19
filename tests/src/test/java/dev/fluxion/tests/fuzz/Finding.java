package dev.fluxion.tests.fuzz;

/**
 * A failure of the oracle on one case.
 *
 * @param kind   the class of failure, free of numbers and names, so that two programs
 *               failing the same way have the same kind (what shrinking preserves and what
 *               the summary groups by)
 * @param detail what was observed, with the numbers
 */
record Finding(String kind, String detail) {

    @Override
    public String toString() {
        return kind + ": " + detail;
    }
}
