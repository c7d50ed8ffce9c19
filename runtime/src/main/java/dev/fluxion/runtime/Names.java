package dev.fluxion.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Input and output names of large generated classes: stored as a few comma-separated
 * string constants rather than one array initializer, which for 100,000 names would
 * overflow the 64 KB limit of a class initializer.
 */
public final class Names {

    private Names() {
    }

    /**
     * The names in {@code chunks}, each a comma-separated list (names never contain commas:
     * they are identifiers of the language).
     *
     * @param chunks comma-separated lists of names; empty chunks are skipped
     * @return the names, in order
     */
    public static String[] split(String... chunks) {
        List<String> names = new ArrayList<>();
        for (String chunk : chunks) {
            if (chunk.isEmpty()) {
                continue;
            }
            int start = 0;
            for (int i = 0; i <= chunk.length(); i++) {
                if (i == chunk.length() || chunk.charAt(i) == ',') {
                    names.add(chunk.substring(start, i));
                    start = i + 1;
                }
            }
        }
        return names.toArray(new String[0]);
    }

    /**
     * The names of parameters declared as {@code a}, {@code x[3]}, {@code A[2, 3]}: a scalar's
     * name, and one name per element of an array in row-major order ({@code x[0]}, {@code x[1]},
     * ..., {@code A[0, 0]}, {@code A[0, 1]}, ...), as Fluxion labels the inputs of a function with
     * array parameters. A class of a million inputs stores its names this way.
     *
     * @param declarations the parameters, each a name or a name with its dimensions
     * @return the names, in order
     */
    public static String[] declared(String... declarations) {
        List<String> names = new ArrayList<>();
        for (String d : declarations) {
            int open = d.indexOf('[');
            if (open < 0) {
                names.add(d);
                continue;
            }
            String[] parts = d.substring(open + 1, d.length() - 1).split(",");
            int[] dims = new int[parts.length];
            long count = 1;
            for (int k = 0; k < dims.length; k++) {
                dims[k] = Integer.parseInt(parts[k].trim());
                count *= dims[k];
            }
            for (int flat = 0; flat < count; flat++) {
                names.add(element(d.substring(0, open), dims, flat));
            }
        }
        return names.toArray(new String[0]);
    }

    /**
     * The name of element {@code flat} (row-major) of array {@code name} of dimensions
     * {@code dims}: {@code x[4]}, {@code A[1, 2]}.
     *
     * @param name the array
     * @param dims its dimensions
     * @param flat the element's row-major position
     * @return its name
     */
    public static String element(String name, int[] dims, int flat) {
        int[] idx = new int[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            idx[d] = flat % dims[d];
            flat /= dims[d];
        }
        StringBuilder sb = new StringBuilder(name).append('[');
        for (int d = 0; d < idx.length; d++) {
            sb.append(d == 0 ? "" : ", ").append(idx[d]);
        }
        return sb.append(']').toString();
    }

    /**
     * A copy of {@code names}, so callers cannot change a generated class's constants
     * (generated code cannot call generic methods such as Arrays.copyOf: Janino erases them).
     *
     * @param names the array to copy
     * @return a new array with the same names
     */
    public static String[] copy(String[] names) {
        String[] c = new String[names.length];
        System.arraycopy(names, 0, c, 0, names.length);
        return c;
    }
}
