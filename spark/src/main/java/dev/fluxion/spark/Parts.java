package dev.fluxion.spark;

import dev.fluxion.runtime.random.Rng;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * One partition's examples cut into parts, each a model call's worth, with each part's blocks
 * contiguous and ready to hand to the model (no copying per step):
 * <ul>
 *   <li>{@link #minibatches}: part s holds this partition's share of minibatch s of an epoch,
 *       in the order the single-machine minibatch holds them; it may be empty (an empty
 *       partition, or one with no example in that batch) or smaller than its share.</li>
 *   <li>{@link #chunks}: the partition's examples in their order, in parts of at most a given
 *       size, for full-batch objectives and evaluation.</li>
 * </ul>
 * A pure function of the partition's examples and the arguments, so a lost or retried partition
 * is rebuilt the same.
 */
final class Parts implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Examples in each part. */
    private final int[] counts;
    /** Part → data block → the part's values of that block, examples one after another. */
    private final double[][][] blocks;

    private Parts(int[] counts, double[][][] blocks) {
        this.counts = counts;
        this.blocks = blocks;
    }

    /**
     * This partition's shares of the minibatches of epoch {@code epoch}: the examples visited in
     * the permutation {@code Rng.derive(seed, epoch)} of 0..n-1, as the runtime's
     * {@code Minibatches.shuffled} draws it, cut every {@code min(batchSize, n)} positions.
     */
    static Parts minibatches(Iterator<Example> examples, int n, int batchSize, long seed, int epoch, int[] widths) {
        int b = Math.min(batchSize, n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Rng.derive(seed, epoch).shuffle(order);
        int[] position = new int[n];
        for (int p = 0; p < n; p++) {
            position[order[p]] = p;
        }
        List<Example> mine = list(examples);
        mine.sort(Comparator.comparingInt(e -> position[checkedIndex(e, n)]));
        int steps = (n + b - 1) / b;
        int[] counts = new int[steps];
        for (Example e : mine) {
            counts[position[(int) e.index()] / b]++;
        }
        return cut(mine, counts, widths);
    }

    /** The examples in their order, in parts of at most {@code chunk}. */
    static Parts chunks(Iterator<Example> examples, int chunk, int[] widths) {
        List<Example> mine = list(examples);
        mine.sort(Comparator.comparingLong(Example::index));
        int parts = (mine.size() + chunk - 1) / chunk;
        int[] counts = new int[parts];
        for (int p = 0; p < parts; p++) {
            counts[p] = Math.min(chunk, mine.size() - p * chunk);
        }
        return cut(mine, counts, widths);
    }

    private static List<Example> list(Iterator<Example> examples) {
        List<Example> mine = new ArrayList<>();
        examples.forEachRemaining(mine::add);
        return mine;
    }

    private static int checkedIndex(Example e, int n) {
        if (e.index() < 0 || e.index() >= n) {
            throw new IllegalStateException("example index " + e.index() + " outside 0.." + (n - 1));
        }
        return (int) e.index();
    }

    /** Copies the sorted examples into one contiguous block per part and input. */
    private static Parts cut(List<Example> sorted, int[] counts, int[] widths) {
        double[][][] blocks = new double[counts.length][widths.length][];
        int next = 0;
        for (int p = 0; p < counts.length; p++) {
            for (int j = 0; j < widths.length; j++) {
                blocks[p][j] = new double[counts[p] * widths[j]];
            }
            for (int k = 0; k < counts[p]; k++) {
                Example e = sorted.get(next++);
                for (int j = 0; j < widths.length; j++) {
                    double[] v = e.values()[j];
                    if (v.length != widths[j]) {
                        throw new IllegalStateException("example " + e.index() + " has " + v.length
                                + " values in block " + j + ", expected " + widths[j]);
                    }
                    System.arraycopy(v, 0, blocks[p][j], k * widths[j], widths[j]);
                }
            }
        }
        return new Parts(counts, blocks);
    }

    int parts() {
        return counts.length;
    }

    int count(int part) {
        return counts[part];
    }

    double[][] blocks(int part) {
        return blocks[part];
    }
}
