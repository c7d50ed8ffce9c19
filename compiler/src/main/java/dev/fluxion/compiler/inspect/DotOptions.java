package dev.fluxion.compiler.inspect;

import java.util.Objects;

/**
 * What a picture of a computation graph shows.
 *
 * @param title     the graph's caption (usually the program text); null or blank for none
 * @param backward  whether to draw the adjoint node of each value beside it, as reverse mode computes them
 * @param point     where to evaluate, labelling nodes and edges with values; null for a symbolic picture
 * @param seed      which output element the adjoints are of (index into the outputs, in order)
 * @param digits    significant digits of the numbers shown
 */
public record DotOptions(String title, boolean backward, Point point, int seed, int digits) {

    public static final int DEFAULT_DIGITS = 4;

    public DotOptions {
        if (digits < 1 || digits > 17) {
            throw new IllegalArgumentException("digits must be between 1 and 17, got " + digits);
        }
        if (seed < 0) {
            throw new IllegalArgumentException("seed output index must be >= 0, got " + seed);
        }
    }

    /** Forward nodes only, no values, no caption. */
    public static DotOptions forward() {
        return new DotOptions(null, false, null, 0, DEFAULT_DIGITS);
    }

    public DotOptions withTitle(String t) {
        return new DotOptions(t, backward, point, seed, digits);
    }

    public DotOptions withBackward(boolean b) {
        return new DotOptions(title, b, point, seed, digits);
    }

    public DotOptions at(Point p) {
        return new DotOptions(title, backward, Objects.requireNonNull(p, "point"), seed, digits);
    }

    public DotOptions withSeed(int output) {
        return new DotOptions(title, backward, point, output, digits);
    }

    public DotOptions withDigits(int d) {
        return new DotOptions(title, backward, point, seed, d);
    }
}
