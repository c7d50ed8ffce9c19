package dev.fluxion.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns the results of one JMH run into the Markdown tables of BENCHMARKS.md. Every ratio
 * is computed from that one run, and each target of the issue is marked met or missed
 * from the numbers, never by hand.
 */
public final class MarkdownReport {

    /** Reverse mode within this factor of the hand-written gradient. */
    static final double HAND_WRITTEN_TARGET = 1.3;
    /** Reverse mode at least this much faster than Hipparchus and finite differences ... */
    static final double PEER_TARGET = 10.0;
    /** ... from this n on. */
    static final int PEER_TARGET_FROM_N = 100;
    /** Gradient time over function time at most this. */
    static final double CHEAP_GRADIENT_TARGET = 4.0;

    private final List<Result> results;

    public MarkdownReport(List<Result> results) {
        this.results = List.copyOf(results);
    }

    /** All tables, in the order BENCHMARKS.md shows them. */
    public String render() {
        StringBuilder md = new StringBuilder();
        rosenbrock(md);
        compile(md);
        corpus(md);
        sparse(md);
        settings(md);
        return md.toString();
    }

    private void rosenbrock(StringBuilder md) {
        TreeSet<Integer> ns = new TreeSet<>();
        for (Result r : results) {
            if (r.benchmarkClass().startsWith("Rosenbrock") && r.param("n") != null) {
                ns.add(Integer.parseInt(r.param("n")));
            }
        }
        if (ns.isEmpty()) {
            return;
        }
        md.append("### Rosenbrock, time per call\n\n");
        md.append("| n | value (Fluxion) | reverse (Fluxion) | reverse, loops off (Fluxion) "
                + "| forward, full gradient (Fluxion) | hand-written "
                + "| Hipparchus `Gradient` | central differences | hand-written value |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int n : ns) {
            md.append("| ").append(n);
            for (String m : List.of("fluxionValue", "fluxionReverse", "fluxionReverseStraightLine", "fluxionForward",
                    "handWritten", "hipparchus", "finiteDifferences", "handWrittenValue")) {
                md.append(" | ").append(timeWithError(rosen(m, n)));
            }
            md.append(" |\n");
        }
        md.append("\n### Rosenbrock, ratios and targets\n\n");
        md.append("| n | reverse / hand-written (target ≤ ").append(Durations.sig(HAND_WRITTEN_TARGET))
                .append(") | Hipparchus / reverse (target ≥ ").append(Durations.sig(PEER_TARGET)).append(" at n ≥ ")
                .append(PEER_TARGET_FROM_N).append(") | differences / reverse (target ≥ ")
                .append(Durations.sig(PEER_TARGET)).append(" at n ≥ ").append(PEER_TARGET_FROM_N)
                .append(") | gradient / function, Fluxion (target ≤ ").append(Durations.sig(CHEAP_GRADIENT_TARGET))
                .append(") | forward / reverse | gradient / function, hand-written | loops off / loops on, reverse |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int n : ns) {
            double reverse = nanos(rosen("fluxionReverse", n));
            double hand = nanos(rosen("handWritten", n));
            double hip = nanos(rosen("hipparchus", n));
            double fd = nanos(rosen("finiteDifferences", n));
            double value = nanos(rosen("fluxionValue", n));
            double forward = nanos(rosen("fluxionForward", n));
            double handValue = nanos(rosen("handWrittenValue", n));
            double straight = nanos(rosen("fluxionReverseStraightLine", n));
            boolean peers = n >= PEER_TARGET_FROM_N;
            md.append("| ").append(n)
                    .append(" | ").append(judged(reverse / hand, r -> r <= HAND_WRITTEN_TARGET))
                    .append(" | ").append(peers ? judged(hip / reverse, r -> r >= PEER_TARGET) : Durations.ratio(hip / reverse))
                    .append(" | ").append(peers ? judged(fd / reverse, r -> r >= PEER_TARGET) : Durations.ratio(fd / reverse))
                    .append(" | ").append(judged(reverse / value, r -> r <= CHEAP_GRADIENT_TARGET))
                    .append(" | ").append(Durations.ratio(forward / reverse))
                    .append(" | ").append(Durations.ratio(hand / handValue))
                    .append(" | ").append(Durations.ratio(straight / reverse))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private void compile(StringBuilder md) {
        Map<Integer, Result> byN = new LinkedHashMap<>();
        results.stream().filter(r -> r.benchmarkClass().equals("CompileBenchmark") && r.param("n") != null)
                .sorted((a, b) -> Integer.compare(Integer.parseInt(a.param("n")), Integer.parseInt(b.param("n"))))
                .forEach(r -> byN.put(Integer.parseInt(r.param("n")), r));
        if (byN.isEmpty()) {
            return;
        }
        md.append("### Rosenbrock, source text to loaded class\n\n");
        md.append("| n | terms | source → loaded class | per term | growth from the previous n (time ratio / n ratio) |\n");
        md.append("|---:|---:|---:|---:|---:|\n");
        Integer prevN = null;
        double prev = Double.NaN;
        for (Map.Entry<Integer, Result> e : byN.entrySet()) {
            int n = e.getKey();
            double t = e.getValue().nanos();
            String growth = prevN == null ? "—" : Durations.sig((t / prev) / ((double) n / prevN));
            md.append("| ").append(n).append(" | ").append(n - 1).append(" | ").append(timeWithError(e.getValue()))
                    .append(" | ").append(Durations.time(t / (n - 1))).append(" | ").append(growth).append(" |\n");
            prevN = n;
            prev = t;
        }
        md.append("\nA growth near 1 is linear in n; above 1, worse than linear.\n\n");
    }

    private void corpus(StringBuilder md) {
        List<String> selections = new ArrayList<>();
        for (Result r : results) {
            if (r.benchmarkClass().equals("CorpusBenchmark") && !selections.contains(r.param("function"))) {
                selections.add(r.param("function"));
            }
        }
        if (selections.isEmpty()) {
            return;
        }
        md.append("### Corpus functions, time per sweep\n\n");
        md.append("A sweep computes every selected function once at its corpus point (`*`: all of "
                + "`scalar.jsonl`).\n\n");
        md.append("| functions | value (Fluxion) | reverse (Fluxion) | forward, full gradient (Fluxion) | Hipparchus "
                + "`Gradient` | central differences | gradient / function | Hipparchus / reverse | differences / reverse |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String s : selections) {
            double value = nanos(corpus("fluxionValue", s));
            double reverse = nanos(corpus("fluxionReverse", s));
            double hip = nanos(corpus("hipparchus", s));
            double fd = nanos(corpus("finiteDifferences", s));
            md.append("| `").append(s).append('`');
            for (String m : List.of("fluxionValue", "fluxionReverse", "fluxionForward", "hipparchus", "finiteDifferences")) {
                md.append(" | ").append(timeWithError(corpus(m, s)));
            }
            md.append(" | ").append(Durations.ratio(reverse / value)).append(" | ").append(Durations.ratio(hip / reverse))
                    .append(" | ").append(Durations.ratio(fd / reverse)).append(" |\n");
        }
        md.append('\n');
    }

    /** {@code SparseJacobianBenchmark}: the sparse Jacobian against the dense one, per n. */
    private void sparse(StringBuilder md) {
        TreeSet<Integer> ns = new TreeSet<>();
        for (Result r : results) {
            if (r.benchmarkClass().equals("SparseJacobianBenchmark") && r.param("n") != null) {
                ns.add(Integer.parseInt(r.param("n")));
            }
        }
        if (ns.isEmpty()) {
            return;
        }
        md.append("### Sparse Jacobian, Broyden's tridiagonal function (3 colors), time per Jacobian\n\n");
        md.append("| n | `jacobianSparse` (3 JVPs in one `jvpMany`) | `jacobianSparse(REVERSE)` (3 VJPs) "
                + "| dense `jacobianForward`, into an array (n JVPs) | dense `jacobian` (auto: n VJPs, new n × n array) "
                + "| dense into / sparse |\n");
        md.append("|---:|---:|---:|---:|---:|---:|\n");
        for (int n : ns) {
            md.append("| ").append(n);
            for (String m : List.of("sparse", "sparseReverse", "denseInto", "dense")) {
                md.append(" | ").append(timeWithError(sparse(m, n)));
            }
            md.append(" | ").append(Durations.ratio(nanos(sparse("denseInto", n)) / nanos(sparse("sparse", n))))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private Result sparse(String method, int n) {
        for (Result r : results) {
            if (r.benchmarkClass().equals("SparseJacobianBenchmark") && r.method().equals(method)
                    && String.valueOf(n).equals(r.param("n"))) {
                return r;
            }
        }
        return null;
    }

    private void settings(StringBuilder md) {
        Map<String, TreeSet<String>> byClass = new LinkedHashMap<>();
        for (Result r : results) {
            byClass.computeIfAbsent(r.benchmarkClass(), k -> new TreeSet<>()).add(r.settings());
        }
        md.append("### Settings of this run\n\n");
        for (Map.Entry<String, TreeSet<String>> e : byClass.entrySet()) {
            md.append("- `").append(e.getKey()).append("`: ").append(String.join("; ", e.getValue())).append('\n');
        }
        md.append('\n');
    }

    private Result rosen(String method, int n) {
        for (Result r : results) {
            if (r.benchmarkClass().startsWith("Rosenbrock") && r.method().equals(method)
                    && String.valueOf(n).equals(r.param("n"))) {
                return r;
            }
        }
        return null;
    }

    private Result corpus(String method, String selection) {
        for (Result r : results) {
            if (r.benchmarkClass().equals("CorpusBenchmark") && r.method().equals(method)
                    && selection.equals(r.param("function"))) {
                return r;
            }
        }
        return null;
    }

    private static double nanos(Result r) {
        return r == null ? Double.NaN : r.nanos();
    }

    private static String timeWithError(Result r) {
        if (r == null) {
            return "—";
        }
        String t = Durations.time(r.nanos());
        return Double.isNaN(r.errorNanos()) ? t : t + " ± " + Durations.time(r.errorNanos());
    }

    private static String judged(double ratio, java.util.function.DoublePredicate target) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "—";
        }
        return Durations.ratio(ratio) + (target.test(ratio) ? " ✔" : " ✘");
    }
}
