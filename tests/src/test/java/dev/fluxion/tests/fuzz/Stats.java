package dev.fluxion.tests.fuzz;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run did, for its summary: how many cases of each family, how many compiled or
 * were rejected, how many were checked against central differences and, for the rest,
 * why not; which ops were exercised in a checked program. Nothing the oracle leaves
 * unchecked goes uncounted.
 */
final class Stats {

    final Map<String, Integer> cases = new TreeMap<>();
    int compiled;
    /** Programs whose for loops (or prod, max, min) compiled to Java loops with a tape (ir.Scan). */
    int scans;
    int rejected;
    int fdChecked;
    int hessianChecked;
    int hessianNotReliable;
    int referenceChecked;
    int derivativeTextChecked;
    long bothNonFinite;
    /** Derivative entries finite in one mode and not the other at a point where an output is NaN. */
    long nanValueModes;
    /** Entries not compared with central differences because rounding of a huge value swamps the step. */
    long fdRounding;
    /** Model gradient coordinates compared with central differences, and those skipped as near a kink. */
    long fdCoordinates;
    long kinkCoordinates;
    /** Cases that compiled but were not compared with central differences, by family and reason. */
    final Map<String, Integer> notChecked = new TreeMap<>();
    /** Known failures of issue 18, by the exclusion that covered them. */
    final Map<String, Integer> known = new TreeMap<>();
    /** CPU time per call of the API, summed. */
    final Map<String, Long> cpuNanos = new TreeMap<>();
    /** Ops and constructs that appeared in a program checked against central differences. */
    final Set<String> opsChecked = new TreeSet<>();

    void count(FuzzCase c) {
        cases.merge(c.family(), 1, Integer::sum);
    }

    void coverOps(FuzzCase c) {
        if (c.program() != null) {
            opsChecked.addAll(c.program().ops());
        }
    }

    /** The functions a model calls and whether it multiplies with {@code @}. */
    void coverModelOps(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<!init )\\b([a-z_0-9]+)\\(").matcher(text);
        while (m.find()) {
            opsChecked.add(m.group(1));
        }
        if (text.contains("@")) {
            opsChecked.add("@");
        }
    }

    int total() {
        return cases.values().stream().mapToInt(Integer::intValue).sum();
    }

    String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(total()).append(" programs ").append(cases).append('\n');
        sb.append("  compiled ").append(compiled).append(", rejected with a CompileException ").append(rejected)
                .append(scans > 0 ? ", with loops kept as scans " + scans : "").append('\n');
        sb.append("  checked against central differences ").append(fdChecked).append(" (Hessian too: ").append(hessianChecked)
                .append("; gradient itself not smooth enough for its differences: ").append(hessianNotReliable).append(")\n");
        sb.append("  values checked against the op-by-op reference ").append(referenceChecked)
                .append(", derivative texts compiled back ").append(derivativeTextChecked).append('\n');
        if (fdCoordinates + kinkCoordinates > 0) {
            sb.append("  model gradient coordinates compared with central differences ").append(fdCoordinates)
                    .append(", skipped as within a step of a kink ").append(kinkCoordinates).append('\n');
        }
        sb.append("  entries non-finite in both modes (agreeing, not compared further) ").append(bothNonFinite).append('\n');
        sb.append("  entries finite in one mode only where the value is NaN (not compared) ").append(nanValueModes)
                .append(", entries whose central difference rounding swamps (value ≫ 1e5, not compared) ").append(fdRounding)
                .append('\n');
        notChecked.forEach((k, v) -> sb.append("  compiled, not compared with central differences: ").append(k).append(": ")
                .append(v).append('\n'));
        known.forEach((k, v) -> sb.append("  known failure (excluded): ").append(k).append(": ").append(v).append('\n'));
        sb.append("  CPU seconds by call:");
        cpuNanos.forEach((k, v) -> sb.append(' ').append(k).append(String.format(" %.1f,", v / 1e9)));
        sb.append('\n');
        sb.append("  ops in checked programs: ").append(opsChecked).append('\n');
        return sb.toString();
    }
}
