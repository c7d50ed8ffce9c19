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
