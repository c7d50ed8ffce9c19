package dev.fluxion.compiler.roll;

import dev.fluxion.compiler.ir.Graph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@link Run}s of a graph's sums: within each sum, terms are grouped by sign
 * and shape, each group is sorted by the inputs its terms read, and maximal stretches
 * whose inputs move by the same step from one term to the next become runs.
 */
final class Runs {

    private Runs() {
    }

    private record Candidate(int position, int node, TermShape shape) {
    }

    private record GroupKey(int sign, List<Object> shape) {
    }

    /** The runs of at least {@code minTerms} terms, each template at most {@code maxNodes} nodes. */
    static List<Run> find(Graph g, List<SumTree> trees, int minTerms, int maxNodes) {
        List<Run> runs = new ArrayList<>();
        for (SumTree tree : trees) {
            Map<GroupKey, List<Candidate>> groups = new LinkedHashMap<>();
            Map<Integer, TermShape> shapes = new java.util.HashMap<>();
            for (int p = 0; p < tree.terms().size(); p++) {
                SumTree.Term t = tree.terms().get(p);
                TermShape s = shapes.computeIfAbsent(t.node(), id -> TermShape.of(g, id, maxNodes));
                if (s != null) {
                    groups.computeIfAbsent(new GroupKey(t.sign(), s.key()), k -> new ArrayList<>())
                            .add(new Candidate(p, t.node(), s));
                }
            }
            for (Map.Entry<GroupKey, List<Candidate>> e : groups.entrySet()) {
                if (e.getValue().size() >= minTerms) {
                    runs.addAll(affineRuns(tree.root(), e.getKey().sign(), e.getValue(), minTerms));
                }
            }
        }
        return runs;
    }

    /**
     * The runs of one group. A term that occurs several times in the sum (hash-consing makes
     * {@code x3*x7 + ... + x3*x7} one node read twice) reads the same inputs each time: sorted
     * together, its copies would step by zero and break every stretch. So the group is cut
     * into layers, the k-th layer holding the k-th occurrence of each node (distinct terms that
     * read the same inputs, with other constants, stay together), and each layer is searched
     * on its own (Σ_k x_{k mod 100} x_{⌊k/100⌋ mod 100} over 100,000 terms
     * reads every ordered pair ten times: ten layers of 100 runs of 100).
     */
    private static List<Run> affineRuns(int root, int sign, List<Candidate> group, int minTerms) {
        List<Candidate> sorted = new ArrayList<>(group);
        sorted.sort((a, b) -> {
            int c = Arrays.compare(a.shape().slots(), b.shape().slots());
            return c != 0 ? c : Integer.compare(a.position(), b.position());
        });
        List<List<Candidate>> layers = new ArrayList<>();
        Map<Integer, Integer> seen = new java.util.HashMap<>();
        for (Candidate c : sorted) {
            int layer = seen.merge(c.node(), 1, Integer::sum) - 1;   // the how-many-th copy of this node
            if (layers.size() <= layer) {
                layers.add(new ArrayList<>());
            }
            layers.get(layer).add(c);
        }
        List<Run> runs = new ArrayList<>();
        for (List<Candidate> layer : layers) {
            if (layer.size() >= minTerms) {
                runs.addAll(stretches(root, sign, layer, minTerms));
            }
        }
        return runs;
    }

    /** Maximal stretches of {@code sorted} whose inputs move by one step from term to term. */
    private static List<Run> stretches(int root, int sign, List<Candidate> sorted, int minTerms) {
        List<Run> runs = new ArrayList<>();
        int start = 0;
        while (start < sorted.size()) {
            int end = start + 1;                               // exclusive
            int[] step = null;
            if (end < sorted.size()) {
                step = difference(sorted.get(end).shape().slots(), sorted.get(start).shape().slots());
                while (end + 1 < sorted.size() && Arrays.equals(step,
                        difference(sorted.get(end + 1).shape().slots(), sorted.get(end).shape().slots()))) {
                    end++;
                }
                end++;
            }
            if (end - start >= minTerms) {
                List<Candidate> members = sorted.subList(start, end);
                Candidate first = members.get(0);
                List<Column> constants = new ArrayList<>();
                for (int c = 0; c < first.shape().constants().length; c++) {
                    double[] values = new double[members.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = members.get(i).shape().constants()[c];
                    }
                    constants.add(Column.of(values));
                }
                runs.add(new Run(root, sign, members.stream().map(Candidate::position).toList(), first.node(),
                        first.shape(), step, constants));
            }
            start = end;
        }
        return runs;
    }

    private static int[] difference(int[] a, int[] b) {
        int[] d = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
