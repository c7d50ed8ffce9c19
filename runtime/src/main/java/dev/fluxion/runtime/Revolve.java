package dev.fluxion.runtime;

import java.util.Arrays;

/**
 * A binomial checkpointing schedule for the reverse sweep of a loop (Griewank's treeverse, the
 * schedule of revolve): with {@code snapshots} stored states besides the first, the steps
 * 0 .. T-1 are reversed from the last to the first while every step is run forward at most
 * r + 1 times, r the smallest number with C(s + 1 + r, s + 1) ≥ T (Griewank and Walther, "Algorithm
 * 799: revolve", 2000). Generated code runs the plan as a list of actions; it stores a state
 * only in a snapshot slot and one step's tape at a time.
 *
 * <p>The plan is a flat array of triples {@code (action, a, b)}:
 * <ul>
 *   <li>{@link #ADVANCE} {@code (from, to)}: run steps from .. to-1 forward (no tape);</li>
 *   <li>{@link #TAKE} {@code (slot, step)}: store the current state (at {@code step}) in {@code slot};</li>
 *   <li>{@link #RESTORE} {@code (slot, step)}: make the state in {@code slot} current;</li>
 *   <li>{@link #REVERSE} {@code (step, 0)}: run step {@code step} forward recording its tape from
 *       the current state, then its adjoint; the current state is then spent.</li>
 * </ul>
 * Slot 0 holds the state before step 0 (the plan starts by taking it); slots 1 .. snapshots are
 * the free ones. Steps are reversed in the order T-1, T-2, ..., 0.
 */
public final class Revolve {

    public static final int ADVANCE = 0;
    public static final int TAKE = 1;
    public static final int RESTORE = 2;
    public static final int REVERSE = 3;

    private int[] plan = new int[64];
    private int size;

    private Revolve() {
    }

    /**
     * The plan reversing {@code steps} steps with {@code snapshots} free slots.
     *
     * @param steps     T, at least 1
     * @param snapshots the free slots besides slot 0, at least 0
     * @return the actions, three ints each
     */
    public static int[] plan(int steps, int snapshots) {
        if (steps < 1 || snapshots < 0) {
            throw new IllegalArgumentException("a plan of " + steps + " steps with " + snapshots + " snapshots");
        }
        Revolve r = new Revolve();
        r.add(TAKE, 0, 0);
        // An explicit stack of (lo, hi, home, free, s) segments: each is reversed with the state at lo
        // current on entry and saved in slot home, the slots free .. free + s - 1 unused.
        int[][] stack = new int[16][];
        int top = 0;
        stack[top++] = new int[] {0, steps, 0, 1, snapshots};
        while (top > 0) {
            int[] seg = stack[--top];
            int lo = seg[0];
            int hi = seg[1];
            int home = seg[2];
            int free = seg[3];
            int s = seg[4];
            if (seg.length == 6) {
                // the second half of a split: first restore the state at lo
                r.add(RESTORE, home, lo);
            }
            int l = hi - lo;
            if (l == 1) {
                r.add(REVERSE, lo, 0);
            } else if (s == 0) {
                for (int i = hi - 1; i >= lo; i--) {
                    if (i != hi - 1) {
                        r.add(RESTORE, home, lo);
                    }
                    if (i > lo) {
                        r.add(ADVANCE, lo, i);
                    }
                    r.add(REVERSE, i, 0);
                }
            } else {
                int m = split(l, s);
                r.add(ADVANCE, lo, lo + m);
                r.add(TAKE, free, lo + m);
                if (top + 2 > stack.length) {
                    stack = Arrays.copyOf(stack, 2 * stack.length);
                }
                // pushed in reverse: the right part [lo + m, hi) runs first, then [lo, lo + m)
                stack[top++] = new int[] {lo, lo + m, home, free, s, 1};
                stack[top++] = new int[] {lo + m, hi, free, free + 1, s - 1};
            }
        }
        return Arrays.copyOf(r.plan, r.size);
    }

    /**
     * Where to take the first snapshot of {@code l} steps (l ≥ 2) with {@code s} free slots besides
     * the one holding the state at the start, so c = s + 1 checkpoints: after m steps, so that the
     * right part (l - m steps, c - 1 checkpoints) and the left part (m steps, c checkpoints) each
     * need at most r repetitions, r the smallest with β(c, r) ≥ l (β(c, r) = β(c - 1, r) +
     * β(c, r - 1), so such an m exists).
     */
    static int split(int l, int s) {
        int c = s + 1;
        int r = 0;
        while (beta(c, r) < l) {
            r++;
        }
        long m = Math.max(1, l - beta(c - 1, r));
        m = Math.min(m, beta(c, r - 1));
        return (int) Math.max(1, Math.min(m, l - 1));
    }

    /**
     * β(c, r) = C(c + r, c): the most steps c checkpoints reverse running each step forward at most
     * r times besides its reversal; saturates at Long.MAX_VALUE / 4.
     */
    static long beta(int c, int r) {
        int s = c;
        if (r < 0) {
            return 0;
        }
        long b = 1;
        for (int i = 1; i <= s; i++) {
            b = b * (r + i) / i;
            if (b > Long.MAX_VALUE / 4 / (r + s + 1)) {
                return Long.MAX_VALUE / 4;
            }
        }
        return b;
    }

    /**
     * The steps a plan runs forward besides the first forward sweep: every advanced step and
     * every reversed one.
     *
     * @param plan a plan of {@link #plan}
     * @return the steps recomputed
     */
    public static long recomputed(int[] plan) {
        long n = 0;
        for (int a = 0; a < plan.length; a += 3) {
            n += plan[a] == ADVANCE ? plan[a + 2] - plan[a + 1] : plan[a] == REVERSE ? 1 : 0;
        }
        return n;
    }

    private void add(int action, int a, int b) {
        if (size + 3 > plan.length) {
            plan = Arrays.copyOf(plan, 2 * plan.length);
        }
        plan[size++] = action;
        plan[size++] = a;
        plan[size++] = b;
    }
}
