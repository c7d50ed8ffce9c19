package dev.fluxion.compiler.ops;

import dev.fluxion.compiler.ir.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The attribute of a reduction: which axes (sorted, non-negative; empty means every
 * axis) and whether the reduced axes stay as dimensions of 1.
 */
public record Axes(List<Integer> axes, boolean keepdims) {

    public Axes {
        axes = List.copyOf(new TreeSet<>(axes));
    }

    /** Every axis. */
    public static Axes all(boolean keepdims) {
        return new Axes(List.of(), keepdims);
    }

    /** One axis (negative counts from the end), resolved against {@code s}. */
    public static Axes of(Shape s, boolean keepdims, int... axes) {
        List<Integer> list = new ArrayList<>();
        for (int a : axes) {
            int r = a < 0 ? a + s.rank() : a;
            if (r < 0 || r >= s.rank()) {
                throw new IllegalArgumentException("axis " + a + " is out of range for shape " + s);
            }
            list.add(r);
        }
        return new Axes(list, keepdims);
    }

    /** Whether axis {@code i} of a rank-{@code rank} shape is reduced. */
    public boolean reduces(int i, int rank) {
        return axes.isEmpty() || axes.contains(i);
    }

    /** The reduced shape. */
    public Shape apply(Shape s) {
        for (int a : axes) {
            if (a >= s.rank()) {
                throw new IllegalArgumentException("axis " + a + " is out of range for shape " + s);
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            if (!reduces(i, s.rank())) {
                out.add(s.dim(i));
            } else if (keepdims) {
                out.add(1);
            }
        }
        return new Shape(out);
    }

    /** The same axes with the reduced dimensions kept as 1. */
    public Axes keep() {
        return new Axes(axes, true);
    }

    /** The single reduced axis of {@code s}, or -1 when several (or all of a rank &gt; 1 shape) are reduced. */
    public int single(Shape s) {
        if (axes.size() == 1) {
            return axes.get(0);
        }
        if (axes.isEmpty() && s.rank() == 1) {
            return 0;
        }
        return -1;
    }

    @Override
    public String toString() {
        return (axes.isEmpty() ? "all" : "axes=" + axes) + (keepdims ? ", keepdims" : "");
    }
}
