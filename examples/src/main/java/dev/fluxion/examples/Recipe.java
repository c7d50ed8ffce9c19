package dev.fluxion.examples;

/**
 * How a classifier example trains, as an immutable value: plain SGD at a fixed learning rate
 * over shuffled minibatches, as the issue specifies for each example.
 *
 * @param epochs       passes over the training set
 * @param batchSize    examples per minibatch
 * @param learningRate the SGD step
 * @param initSeed     seeds the parameter initialization
 * @param shuffleSeed  seeds the minibatch order
 */
public record Recipe(int epochs, int batchSize, double learningRate, long initSeed, long shuffleSeed) {

    /** Checks the figures. */
    public Recipe {
        if (epochs <= 0 || batchSize <= 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs, batch size and learning rate must be positive, got "
                    + epochs + ", " + batchSize + ", " + learningRate);
        }
    }

    /** The same with another number of epochs. */
    public Recipe withEpochs(int n) {
        return new Recipe(n, batchSize, learningRate, initSeed, shuffleSeed);
    }

    /** The same with another initialization seed. */
    public Recipe withInitSeed(long seed) {
        return new Recipe(epochs, batchSize, learningRate, seed, shuffleSeed);
    }

    /** One line for the run's header. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "SGD lr %s, batch %d, %d epochs, init seed %d, shuffle seed %d",
                learningRate, batchSize, epochs, initSeed, shuffleSeed);
    }
}
