package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.diff.Sides;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;

/**
 * Only the taken side of a choice is computed: the statements of the nodes that one side of a
 * scalar choice alone needs ({@link Sides#guards}: {@code sqrt(x)} in {@code if x > 0 then sqrt(x)
 * else 0}, and in a gradient the adjoints that flow back from it) are emitted inside a Java
 * {@code if} block on the choice's condition, so the side not taken costs nothing and its NaN or
 * infinite intermediate values are never formed. Nested choices nest the blocks; consecutive
 * statements under opposite sides of one condition share an {@code if ... else}.
 *
 * <p>Layout of one sequence of statements (a method body, a loop body), in two steps:
 * <ol>
 *   <li>{@link #order}: a stable reordering in which a guarded statement waits until the
 *       conditions it lies within are computed (a side's value may be named before the
 *       condition: {@code a = sqrt(x); return if x > 0 then a else 0});</li>
 *   <li>{@link #emit}: opens and closes the blocks as the chain of conditions changes from one
 *       statement to the next. A guarded value read outside its block (by the choice itself, by
 *       a later block on the same condition, by another part of a split method or by a later
 *       loop) is declared before its outermost block as {@code double v = 0.0} and assigned in
 *       the block; every other statement stays {@code final double v = ...}. Its readers run
 *       only where its side is taken, so the placeholder 0 is never used.</li>
 * </ol>
 * A condition that a sequence cannot read where the block would open (computed in a later loop)
 * drops that guard: the statement is computed eagerly, as before, and its value is still
 * discarded by the choice.
 */
final class Guards {

    /** How an emitter writes the statements of a sequence. */
    interface Writer {
        /**
         * Writes item {@code position} of the sequence; {@code assign}: its node was declared, assign
         * it; {@code chosen}: the node is a choice whose condition the enclosing blocks decide, and its
         * value is this argument's (-1 otherwise).
         */
        void statement(CodeBlock.Builder c, int position, boolean assign, int chosen);

        /** {@code double v = 0.0; // comment}: declares node {@code node}'s local before its block. */
        void declare(CodeBlock.Builder c, int node);

        /** How the sequence reads node {@code node} (a condition). */
        CodeBlock ref(int node);

        /** The expression node {@code node} computes, for the comment beside a block. */
        String describe(int node);
    }

    private final Graph g;
    private final Sides sides;
    private final int[][] consumers;
    /** Each node's conditions, made when first asked for. */
    private final List<Sides.Guard>[] chains;

    private Guards(Graph g, Sides sides) {
        this.g = g;
        this.sides = sides;
        @SuppressWarnings("unchecked")
        List<Sides.Guard>[] made = new List[g.size()];
        this.chains = made;
        int[] count = new int[g.size()];
        for (Node n : g.nodes()) {
            for (int k = 0; k < n.arity(); k++) {
                count[n.arg(k)]++;
            }
        }
        consumers = new int[g.size()][];
        for (int i = 0; i < g.size(); i++) {
            consumers[i] = new int[count[i]];
            count[i] = 0;
        }
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            for (int k = 0; k < n.arity(); k++) {
                int a = n.arg(k);
                if (count[a] == 0 || consumers[a][count[a] - 1] != i) {
                    consumers[a][count[a]++] = i;
                }
            }
        }
        for (int i = 0; i < g.size(); i++) {
            if (count[i] < consumers[i].length) {
                consumers[i] = java.util.Arrays.copyOf(consumers[i], count[i]);
            }
        }
    }

    /** The guards of {@code g}, or null when it has no scalar choice (every statement is unconditional). */
    static Guards of(Graph g) {
        Sides s = Sides.of(g);
        return s == null ? null : new Guards(g, s);
    }

    /** The conditions node {@code i} lies within, outermost first. */
    List<Sides.Guard> chain(int i) {
        List<Sides.Guard> c = chains[i];
        if (c == null) {
            c = sides.guards(i);
            chains[i] = c;
        }
        return c;
    }

    /**
     * {@code items} in the same order, except that an item whose node is guarded by a condition
     * computed by a later item of the list comes right after that item.
     *
     * @param node the node of an item, or -1 for an item that is not a node's statement (never moved)
     */
    <T> List<T> order(List<T> items, ToIntFunction<T> node) {
        return order(items, node, i -> true);
    }

    /**
     * As {@link #order(List, ToIntFunction)}, where the items whose node fails {@code guarded} (a
     * value loaded from a tape rather than computed) go outside every block: inside a run of guarded
     * statements they come first, so that they do not split the run's blocks.
     */
    <T> List<T> order(List<T> items, ToIntFunction<T> node, IntPredicate guarded) {
        Map<Integer, Integer> position = new HashMap<>();
        for (int p = 0; p < items.size(); p++) {
            int id = node.applyAsInt(items.get(p));
            if (id >= 0) {
                position.put(id, p);
            }
        }
        boolean[] done = new boolean[g.size()];
        Map<Integer, List<T>> waiting = new HashMap<>();
        List<T> out = new ArrayList<>(items.size());
        java.util.ArrayDeque<T> ready = new java.util.ArrayDeque<>();
        for (T item : items) {
            ready.add(item);
            while (!ready.isEmpty()) {
                T it = ready.poll();
                int id = node.applyAsInt(it);
                int wait = id < 0 ? -1 : pending(id, position, done);
                if (wait >= 0) {
                    waiting.computeIfAbsent(wait, k -> new ArrayList<>()).add(it);
                    continue;
                }
                out.add(it);
                if (id >= 0) {
                    done[id] = true;
                    List<T> released = waiting.remove(id);
                    if (released != null) {
                        // ahead of the rest of the queue, in their own order
                        for (int k = released.size() - 1; k >= 0; k--) {
                            ready.addFirst(released.get(k));
                        }
                    }
                }
            }
        }
        if (!waiting.isEmpty()) {
            throw new IllegalStateException("statements wait for conditions that never come: " + waiting.keySet());
        }
        return grouped(out, node, guarded);
    }

    /**
     * {@code items} with each run of consecutive guarded statements regrouped so that statements
     * under the same conditions are next to each other where their arguments allow (one block
     * instead of several): the next statement is the first left whose arguments are written and
     * whose conditions are those of the statement before, else the first left.
     */
    private <T> List<T> grouped(List<T> items, ToIntFunction<T> node, IntPredicate guarded) {
        List<T> out = new ArrayList<>(items.size());
        int p = 0;
        while (p < items.size()) {
            int end = p;
            while (end < items.size() && node.applyAsInt(items.get(end)) >= 0
                    && !chain(node.applyAsInt(items.get(end))).isEmpty()) {
                end++;
            }
            if (end == p) {
                out.add(items.get(p++));
                continue;
            }
            if (end - p < 3 || end - p > 2000) {                      // nothing to regroup, or too long to try
                out.addAll(items.subList(p, end));
                p = end;
                continue;
            }
            java.util.Set<Integer> inRun = new java.util.HashSet<>();
            for (int q = p; q < end; q++) {
                inRun.add(node.applyAsInt(items.get(q)));
            }
            boolean[] placed = new boolean[end - p];
            java.util.Set<Integer> written = new java.util.HashSet<>();
            List<Sides.Guard> last = null;
            for (int count = 0; count < end - p; count++) {
                int pick = -1;
                int first = -1;
                for (int q = 0; q < placed.length; q++) {
                    if (placed[q]) {
                        continue;
                    }
                    int id = node.applyAsInt(items.get(p + q));
                    if (!ready(id, inRun, written)) {
                        continue;
                    }
                    if (first < 0) {
                        first = q;
                    }
                    if (!guarded.test(id)) {
                        pick = q;                                   // written outside the blocks: first
                        break;
                    }
                    if (pick < 0 && chain(id).equals(last)) {
                        pick = q;
                    }
                }
                int q = pick >= 0 ? pick : first;
                placed[q] = true;
                int id = node.applyAsInt(items.get(p + q));
                written.add(id);
                last = guarded.test(id) ? chain(id) : last;
                out.add(items.get(p + q));
            }
            p = end;
        }
        return out;
    }

    /** Whether every argument and condition of node {@code id} that the run computes is written. */
    private boolean ready(int id, java.util.Set<Integer> inRun, java.util.Set<Integer> written) {
        Node n = g.node(id);
        for (int k = 0; k < n.arity(); k++) {
            if (inRun.contains(n.arg(k)) && !written.contains(n.arg(k))) {
                return false;
            }
        }
        for (Sides.Guard s : chain(id)) {
            if (inRun.contains(s.condition()) && !written.contains(s.condition())) {
                return false;
            }
        }
        return true;
    }

    /** A condition of node {@code id}'s chain that a later item computes, or -1. */
    private int pending(int id, Map<Integer, Integer> position, boolean[] done) {
        for (Sides.Guard s : chain(id)) {
            if (position.containsKey(s.condition()) && !done[s.condition()]) {
                return s.condition();
            }
        }
        return -1;
    }

    /**
     * Writes a sequence of statements, each guarded node inside the blocks of its conditions.
     *
     * @param nodes  the node of each item, or -1 for an item that is not a node's statement (written
     *               unguarded, outside every block)
     * @param guarded whether the node of an item may go inside a block (false for a value loaded
     *               rather than computed, or a local that is not a statement)
     * @param usable whether a condition that is not an item of this sequence can be read here
     *               (computed before it); a condition that is an item can be read after it
     */
    void emit(CodeBlock.Builder c, int[] nodes, IntPredicate guarded, IntPredicate usable, Writer w) {
        int n = nodes.length;
        Map<Integer, Integer> position = new HashMap<>();
        for (int p = 0; p < n; p++) {
            if (nodes[p] >= 0) {
                position.put(nodes[p], p);
            }
        }
        // the guards each item is emitted under
        List<List<Sides.Guard>> under = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            List<Sides.Guard> kept = new ArrayList<>();
            if (nodes[p] >= 0 && guarded.test(nodes[p])) {
                for (Sides.Guard s : chain(nodes[p])) {
                    Integer at = position.get(s.condition());
                    if (at != null ? at < p : usable.test(s.condition())) {
                        kept.add(s);
                    }
                }
            }
            under.add(kept);
        }
        // the block instances: instance[p] holds item p (0 = outside every block)
        int[] instance = new int[n];
        List<Integer> parent = new ArrayList<>(List.of(0));
        List<Integer> group = new ArrayList<>(List.of(-1));        // the first item of its outermost block's run
        List<Integer> opener = new ArrayList<>(List.of(-1));       // the condition each instance reads
        List<Integer> stack = new ArrayList<>();
        List<Sides.Guard> open = new ArrayList<>();
        int runStart = -1;
        for (int p = 0; p < n; p++) {
            List<Sides.Guard> want = under.get(p);
            int k = common(open, want);
            while (open.size() > k) {
                open.remove(open.size() - 1);
                stack.remove(stack.size() - 1);
            }
            if (want.isEmpty()) {
                runStart = -1;
            } else if (runStart < 0) {
                runStart = p;
            }
            for (int d = k; d < want.size(); d++) {
                int id = parent.size();
                parent.add(stack.isEmpty() ? 0 : stack.get(stack.size() - 1));
                group.add(runStart);
                opener.add(want.get(d).condition());
                stack.add(id);
                open.add(want.get(d));
            }
            instance[p] = stack.isEmpty() ? 0 : stack.get(stack.size() - 1);
        }
        // a guarded local read outside its block is declared before the run of blocks it starts
        int[] home = new int[g.size()];
        java.util.Arrays.fill(home, -1);
        for (int p = 0; p < n; p++) {
            if (nodes[p] >= 0) {
                home[nodes[p]] = instance[p];
            }
        }
        Map<Integer, List<Integer>> blocksOn = new HashMap<>();     // the blocks each condition opens
        for (int b = 1; b < parent.size(); b++) {
            blocksOn.computeIfAbsent(opener.get(b), x -> new ArrayList<>()).add(b);
        }
        boolean[] escapes = new boolean[n];
        Map<Integer, List<Integer>> declared = new HashMap<>();      // run start -> nodes declared before it
        for (int p = 0; p < n; p++) {
            if (nodes[p] < 0 || instance[p] == 0) {
                continue;
            }
            int id = nodes[p];
            boolean out = false;
            for (int user : consumers[id]) {
                if (home[user] < 0 || !within(parent, home[user], instance[p])) {
                    out = true;
                    break;
                }
            }
            for (int b : blocksOn.getOrDefault(id, List.of())) {
                out |= !within(parent, parent.get(b), instance[p]);
            }
            escapes[p] = out;
            if (out) {
                declared.computeIfAbsent(group.get(instance[p]), r -> new ArrayList<>()).add(id);
            }
        }
        // write
        open.clear();
        List<Boolean> isElse = new ArrayList<>();
        Sides.Guard closed = null;
        for (int p = 0; p < n; p++) {
            List<Sides.Guard> want = under.get(p);
            int k = common(open, want);
            if (open.size() == 0 && !want.isEmpty()) {
                for (int id : declared.getOrDefault(p, List.of())) {
                    w.declare(c, id);
                }
            }
            closed = null;
            while (open.size() > k) {
                closed = open.remove(open.size() - 1);
                boolean wasElse = isElse.remove(isElse.size() - 1);
                c.unindent();
                if (open.size() > k || k >= want.size() || wasElse || !opposite(closed, want.get(k))) {
                    c.add("}\n");
                    closed = null;
                }
            }
            for (int d = k; d < want.size(); d++) {
                Sides.Guard s = want.get(d);
                String text = w.describe(s.condition());
                isElse.add(d == k && closed != null);
                if (d == k && closed != null) {
                    c.add("} else { // $L\n", s.when() ? text : "not (" + text + ")");
                } else {
                    c.add("if ($L $L 0.0) { // $L\n", w.ref(s.condition()), s.when() ? "!=" : "==",
                            s.when() ? text : "not (" + text + ")");
                }
                c.indent();
                open.add(s);
            }
            w.statement(c, p, escapes[p], nodes[p] >= 0 ? chosen(nodes[p], open) : -1);
        }
        while (!open.isEmpty()) {
            open.remove(open.size() - 1);
            isElse.remove(isElse.size() - 1);
            c.unindent();
            c.add("}\n");
        }
    }

    /**
     * The argument a choice takes inside blocks that decide its condition ({@code where(c, ct, 0)}
     * under {@code c} is {@code ct}), or -1.
     */
    private int chosen(int id, List<Sides.Guard> open) {
        Node n = g.node(id);
        int c = n.op().conditionArg();
        if (c < 0 || !g.node(n.arg(c)).shape().isScalar()) {
            return -1;
        }
        for (Sides.Guard s : open) {
            if (s.condition() == n.arg(c)) {
                for (int k = 0; k < n.arity(); k++) {
                    Boolean when = n.op().chosenWhen(k);
                    if (when != null && when == s.when()) {
                        return n.arg(k);
                    }
                }
            }
        }
        return -1;
    }

    private static boolean opposite(Sides.Guard a, Sides.Guard b) {
        return a.condition() == b.condition() && a.when() != b.when();
    }

    private static int common(List<Sides.Guard> a, List<Sides.Guard> b) {
        int k = 0;
        while (k < a.size() && k < b.size() && a.get(k).equals(b.get(k))) {
            k++;
        }
        return k;
    }

    /** Whether block instance {@code inner} is {@code outer} or inside it. */
    private static boolean within(List<Integer> parent, int inner, int outer) {
        for (int b = inner; ; b = parent.get(b)) {
            if (b == outer) {
                return true;
            }
            if (b == 0) {
                return false;
            }
        }
    }
}
