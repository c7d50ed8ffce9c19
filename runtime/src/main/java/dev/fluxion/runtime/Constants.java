package dev.fluxion.runtime;

/**
 * The constants of a generated class that has too many distinct ones to write inline.
 * Every double literal takes two of a class's 65,535 constant-pool slots, so a function
 * with tens of thousands of distinct constants (Σ (x − k)² for k up to 34,000, say) cannot
 * compile with its constants inline; such a class keeps them in one array instead, read
 * from a few comma-separated string constants when the class is loaded.
 */
public final class Constants {

    private Constants() {
    }

    /**
     * The numbers in {@code chunks}, each a comma-separated list of {@link Double#toString}
     * spellings (which read back exactly), including {@code NaN}, {@code Infinity} and
     * {@code -Infinity}.
     *
     * @param chunks the lists, read one after another
     * @return the numbers, in order
     */
    public static double[] parse(String... chunks) {
        String[] texts = Names.split(chunks);
        double[] values = new double[texts.length];
        for (int i = 0; i < texts.length; i++) {
            values[i] = Double.parseDouble(texts[i]);
        }
        return values;
    }
}
