package dev.fluxion.compiler.ir;

import dev.fluxion.runtime.Names;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The labels of a function's inputs when it has array parameters: a scalar's name, then one
 * label per element of each array ({@code x[0]}, ..., {@code A[1, 2]}), computed when read
 * rather than stored, so that a function of a million inputs costs no more to compile than one
 * of ten. The list remembers its declarations ({@code x[1000000]}), which the printer and the
 * generated class's names use instead of the million labels.
 */
public final class Labels extends AbstractList<String> implements RandomAccess {

    private final List<String> declarations;
    private final List<String> names;
    private final List<int[]> dims;
    private final long[] starts;
    private final int size;

    private Labels(List<String> declarations, List<String> names, List<int[]> dims) {
        this.declarations = List.copyOf(declarations);
        this.names = List.copyOf(names);
        this.dims = dims.stream().map(int[]::clone).toList();
        this.starts = new long[names.size() + 1];
        for (int k = 0; k < names.size(); k++) {
            long count = 1;
            for (int d : this.dims.get(k)) {
                count *= d;
            }
            starts[k + 1] = starts[k] + count;
        }
        if (starts[names.size()] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many inputs: " + starts[names.size()]);
        }
        this.size = (int) starts[names.size()];
    }

    /**
     * The labels of parameters with the given names and dimensions (an empty array for a scalar).
     *
     * @param names the parameters' names, in order
     * @param dims  each one's dimensions
     * @return the labels, one per element
     */
    public static Labels of(List<String> names, List<int[]> dims) {
        List<String> decl = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            int[] d = dims.get(k);
            StringBuilder sb = new StringBuilder(names.get(k));
            for (int i = 0; i < d.length; i++) {
                sb.append(i == 0 ? "[" : ", ").append(d[i]).append(i == d.length - 1 ? "]" : "");
            }
            decl.add(sb.toString());
        }
        return new Labels(decl, names, dims);
    }

    /**
     * The declarations the labels were made from ({@code a}, {@code x[1000000]}), when
     * {@code labels} is such a list; else null.
     *
     * @param labels some labels
     * @return the declarations, or null
     */
    public static List<String> declarations(List<String> labels) {
        return labels instanceof Labels l ? l.declarations : null;
    }

    /**
     * The number of elements of each parameter (1 for a scalar) in declaration order, when
     * {@code labels} is such a list; else 1 per label (every input a scalar parameter).
     *
     * @param labels some labels
     * @return the sizes, adding up to {@code labels.size()}
     */
    public static int[] parameterSizes(List<String> labels) {
        if (labels instanceof Labels l) {
            int[] sizes = new int[l.names.size()];
            for (int k = 0; k < sizes.length; k++) {
                sizes[k] = (int) (l.starts[k + 1] - l.starts[k]);
            }
            return sizes;
        }
        int[] sizes = new int[labels.size()];
        java.util.Arrays.fill(sizes, 1);
        return sizes;
    }

    /**
     * The variable name generated code gives an input labelled {@code label}: an array element
     * {@code x[1, 2]} is {@code x_1_2}, a scalar keeps its name.
     *
     * @param label an input's label
     * @return its variable name
     */
    public static String variableName(String label) {
        return label.replace("[", "_").replace(", ", "_").replace("]", "");
    }

    @Override
    public String get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        int k = 0;
        int lo = 0;
        int hi = names.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= i) {
                k = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        while (starts[k + 1] <= i) {
            k++;
        }
        int[] d = dims.get(k);
        return d.length == 0 ? names.get(k) : Names.element(names.get(k), d, (int) (i - starts[k]));
    }

    @Override
    public int size() {
        return size;
    }
}
