package dev.fluxion.compiler.ir;

import java.util.Arrays;
import java.util.List;

/**
 * A {@code for} loop with carried state kept as a loop instead of unrolled: what lowering makes
 * of {@code for t in lo..hi { ... }} when its body reads the inputs at affine positions of t
 * and its carried variables start from constants or inputs. Its final carries enter the
 * program as elements of input port {@code s} (after the loop sums, {@link Program#scans()});
 * the code generator runs it as a Java loop whose size does not grow with the trip count, and
 * its reverse sweep reads the carries of every step from a tape.
 *
 * <p>The body is an ordinary graph over four input ports: {@code x}, the slots (slot k reads
 * input {@code base[k] + step[k] * t} at iteration t, as a {@link LoopSum}'s term does),
 * {@code seed} (empty, so that the ports line up with a loop sum's term), {@code c} (element 0
 * the loop variable's value {@code first + t}, element k + 1 the data read
 * {@code data.get(k)}) and {@code h}, the carries at the start of the iteration; its one
 * output port {@code next} has the carries at its end, in the same order.
 *
 * @param count   the trip count (iterations t = 0 .. count - 1)
 * @param first   the loop variable's value at t = 0 (lo)
 * @param base    the input each slot reads at t = 0
 * @param step    how far each slot moves per iteration
 * @param data    the data the body reads
 * @param init    where each carry starts
 * @param carries the carried variables' names, in order
 * @param body    the body's graph
 */
public record Scan(int count, int first, int[] base, int[] step, List<LoopSum.DataRead> data, List<Init> init,
                   List<String> carries, Graph body) {

    /** Body ports. */
    public static final String SLOTS = LoopSum.SLOTS;
    public static final String SEED = LoopSum.SEED;
    public static final String INDEX = LoopSum.INDEX;
    public static final String CARRIES = "h";
    public static final String NEXT = "next";
    /** The body's input port of the carries. */
    public static final int CARRY_PORT = 3;

    /**
     * The value a carry has before the first iteration: a constant ({@code port} -1), or element
     * {@code index} of input port {@code port} (0: a parameter; 2 or more: a data parameter).
     *
     * @param port     the input port, or -1 for a constant
     * @param index    the element of that port
     * @param constant the constant's value (port -1)
     */
    public record Init(int port, int index, double constant) {

        /** A carry starting at {@code value}. */
        public static Init constant(double value) {
            return new Init(-1, 0, value);
        }

        /** A carry starting at element {@code index} of input port {@code port}. */
        public static Init input(int port, int index) {
            return new Init(port, index, 0.0);
        }

        /** Whether the carry starts at a constant. */
        public boolean isConstant() {
            return port < 0;
        }
    }

    public Scan {
        if (count < 1 || base.length != step.length || init.size() != carries.size() || carries.isEmpty()) {
            throw new IllegalArgumentException("a scan has at least one iteration and one carry, one step per slot "
                    + "and one start per carry");
        }
        base = base.clone();
        step = step.clone();
        data = List.copyOf(data);
        init = List.copyOf(init);
        carries = List.copyOf(carries);
        if (body.output(NEXT).size() != carries.size()) {
            throw new IllegalArgumentException("a scan's body computes every carry");
        }
    }

    @Override
    public int[] base() {
        return base.clone();
    }

    @Override
    public int[] step() {
        return step.clone();
    }

    /** This scan with another body of the same ports (simplified). */
    public Scan withBody(Graph g) {
        return new Scan(count, first, base, step, data, init, carries, g);
    }

    /** The number of carries. */
    public int width() {
        return carries.size();
    }

    /** The number of slots. */
    public int slots() {
        return base.length;
    }

    /** The input slot {@code k} reads at iteration {@code t}. */
    public int input(int k, int t) {
        return base[k] + step[k] * t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scan s && s.count == count && s.first == first && Arrays.equals(s.base, base)
                && Arrays.equals(s.step, step) && s.data.equals(data) && s.init.equals(init) && s.carries.equals(carries)
                && s.body.equals(body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * count + first) + carries.hashCode();
    }

    @Override
    public String toString() {
        return "Scan[count=" + count + ", first=" + first + ", carries=" + carries + ", slots=" + base.length + "]";
    }
}
