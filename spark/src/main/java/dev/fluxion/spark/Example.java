package dev.fluxion.spark;

import java.io.Serializable;

/**
 * One example as the executors hold it: its position in the data set, which fixes the minibatch
 * it falls in (as on one machine), and one flat block of values per batched model input.
 *
 * @param index the example's position, 0-based, in the order the data set was given
 * @param values one block per batched input, in the order of {@link ExampleData#inputNames()}
 */
public record Example(long index, double[][] values) implements Serializable {
}
